package io.asyncio4j.http.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Reads a {@code Content-Type} field value: {@code type/subtype; name=value; ...}, values
 * possibly quoted: the media type and the charset, for the server's requests and the client's
 * responses alike.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code helpers.parse_mimetype} (behind {@code request.content_type},
 * {@code request.charset}) and {@code ClientResponse.get_encoding}
 */
public final class ContentType {
    private ContentType() {
    }

    /** The media type, lower case, without parameters; {@code application/octet-stream} for none (RFC 9110 §8.3). */
    public static String mediaType(String field) {
        if (field == null) {
            return "application/octet-stream";
        }
        int semi = field.indexOf(';');
        String type = (semi < 0 ? field : field.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? "application/octet-stream" : type;
    }

    /** The {@code charset} parameter, unquoted; or null. */
    public static String charset(String field) {
        return parameter(field, "charset");
    }

    /**
     * The parameter {@code name} (case-insensitive) of a field such as Content-Type or
     * Content-Disposition, unquoted (a quoted value may hold {@code ;}); or null, or null when empty.
     */
    public static String parameter(String field, String name) {
        if (field == null) {
            return null;
        }
        int i = field.indexOf(';');
        while (i >= 0 && i < field.length()) {
            int start = i + 1;
            int eq = field.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = field.substring(start, eq).trim();
            int p = eq + 1;
            while (p < field.length() && field.charAt(p) == ' ') {
                p++;
            }
            String value;
            int next;
            if (p < field.length() && field.charAt(p) == '"') {
                StringBuilder v = new StringBuilder();
                int q = p + 1;
                for (; q < field.length() && field.charAt(q) != '"'; q++) {
                    char c = field.charAt(q);
                    if (c == '\\' && q + 1 < field.length()) {
                        c = field.charAt(++q);
                    }
                    v.append(c);
                }
                value = v.toString();
                next = field.indexOf(';', q);
            } else {
                next = field.indexOf(';', p);
                value = (next < 0 ? field.substring(p) : field.substring(p, next)).trim();
            }
            if (key.equalsIgnoreCase(name)) {
                return value.isEmpty() ? null : value;
            }
            i = next;
        }
        return null;
    }

    /** The charset the field names, if this JDK has it; {@code fallback} otherwise. */
    public static Charset charsetOr(String field, Charset fallback) {
        String name = charset(field);
        if (name == null) {
            return fallback;
        }
        try {
            return lookup(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return fallback;
        }
    }

    /**
     * The charset called {@code name}: by the JDK's names and aliases, or else by the spellings
     * Python's codecs also accept, which senders written in Python use ({@code latin-1},
     * {@code latin_1}, {@code utf_8}: underscores and hyphens are interchangeable there, and may
     * be left out).
     *
     * @throws UnsupportedCharsetException (or IllegalCharsetNameException) if none is known
     */
    public static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            for (String alias : new String[] {name.replace('_', '-'), name.replace("-", "").replace("_", "")}) {
                try {
                    return Charset.forName(alias);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException ignored) {
                    // next spelling
                }
            }
            throw e;
        }
    }
}
