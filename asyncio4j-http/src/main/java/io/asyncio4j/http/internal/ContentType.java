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

    /**
     * The parameters of a field such as Content-Type, in their order: names in lower case, values
     * unquoted (a quoted value may hold {@code ;}); a later repeat of a name replaces the earlier
     * value in its place. A piece without {@code =} is not a parameter and is dropped. Empty for
     * null. asyncio: {@code email.message.Message.get_params()[1:]}, which aiohttp's
     * {@code HeadersMixin._parse_content_type} reads them with
     */
    public static java.util.LinkedHashMap<String, String> parameters(String field) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        if (field == null) {
            return out;
        }
        int n = field.length();
        int i = field.indexOf(';');
        while (i >= 0 && i < n) {
            int p = i + 1;
            int end = p;
            // the piece runs to the next ';' outside quotes
            boolean quoted = false;
            while (end < n && (quoted || field.charAt(end) != ';')) {
                char c = field.charAt(end);
                if (c == '\\' && quoted && end + 1 < n) {
                    end++;
                } else if (c == '"') {
                    quoted = !quoted;
                }
                end++;
            }
            String piece = field.substring(p, end);
            int eq = piece.indexOf('=');
            if (eq > 0) {
                String name = piece.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = piece.substring(eq + 1).strip();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    StringBuilder v = new StringBuilder();
                    for (int q = 1; q < value.length() - 1; q++) {
                        char c = value.charAt(q);
                        if (c == '\\' && q + 1 < value.length() - 1) {
                            c = value.charAt(++q);
                        }
                        v.append(c);
                    }
                    value = v.toString();
                }
                if (!name.isEmpty()) {
                    out.put(name, value);
                }
            }
            i = end < n ? end : -1;
        }
        return out;
    }

    /**
     * {@code mediaType} followed by {@code params} as {@code ; name=value}, a value quoted (with
     * backslash escapes) unless it is a token. asyncio: aiohttp's
     * {@code StreamResponse._generate_content_type_header} (which never quotes: a value holding
     * {@code ;} or a space would break the field there)
     */
    public static String format(String mediaType, java.util.Map<String, String> params) {
        StringBuilder b = new StringBuilder(mediaType);
        params.forEach((name, value) -> {
            b.append("; ").append(name).append('=');
            if (!value.isEmpty() && value.chars().allMatch(io.asyncio4j.http.Headers::isTokenChar)) {
                b.append(value);
            } else {
                b.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            }
        });
        return b.toString();
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
