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
        if (field == null) {
            return null;
        }
        for (String param : field.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String v = param.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
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
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return fallback;
        }
    }
}
