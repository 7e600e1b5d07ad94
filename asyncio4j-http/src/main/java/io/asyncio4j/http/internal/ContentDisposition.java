package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MIME {@code Content-Disposition} field of a multipart body part (RFC 2183, RFC 7578
 * section 4.2), read and written exactly as aiohttp 3.8 does it: parsing with its
 * {@code parse_content_disposition} (a malformed field gives no type and no parameters; RFC 5987
 * {@code name*=utf-8''...} and RFC 2231 continuations {@code name*0=...}), the parameter lookup of
 * {@code content_disposition_filename}, and writing with {@code content_disposition_header}
 * (with {@code quote_fields}: a filename percent-encoded inside quotes, another parameter a
 * 7-bit quoted-string or, failing that, {@code name*=utf-8''...}).
 * <p>
 * The field's text is taken as a part's header is kept: one char per byte (ISO-8859-1); the
 * bytes of a quoted or token value are then read as UTF-8, what browsers and aiohttp send.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code aiohttp.multipart.parse_content_disposition}, {@code content_disposition_filename},
 * {@code aiohttp.helpers.content_disposition_header}
 */
public final class ContentDisposition {
    private static final boolean[] TOKEN = new boolean[128];
    private static final boolean[] QCONTENT_NO_ESCAPE = new boolean[128];

    static {
        for (int c = 33; c < 127; c++) {
            TOKEN[c] = "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
        // aiohttp's not_qtext_re: [^\041\043-\133\135-\176] is escaped with a backslash
        for (int c = 0; c < 128; c++) {
            QCONTENT_NO_ESCAPE[c] = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
        }
    }

    private ContentDisposition() {
    }

    /**
     * A parsed field: its type in lower case ({@code form-data}, {@code attachment}) and its
     * parameters, names in lower case, in order; type null and no parameters for a field that is
     * missing or malformed.
     */
    public record Parsed(String type, Map<String, String> params) {
    }

    /** {@code field} parsed. asyncio: {@code parse_content_disposition(header)} */
    public static Parsed parse(String field) {
        Parsed none = new Parsed(null, Map.of());
        if (field == null || field.isEmpty()) {
            return none;
        }
        List<String> parts = new ArrayList<>(Arrays.asList(field.split(";", -1)));
        String type = parts.remove(0);
        if (!isToken(type)) {
            return none;
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (!parts.isEmpty()) {
            String item = parts.remove(0);
            int eq = item.indexOf('=');
            if (eq < 0) {
                return none;
            }
            String key = item.substring(0, eq).toLowerCase(Locale.ROOT).strip();
            String value = item.substring(eq + 1).stripLeading();
            if (params.containsKey(key)) {
                return none;
            }
            if (!isToken(key)) {
                continue;
            }
            if (isContinuation(key)) {
                if (isQuoted(value)) {
                    value = unescape(inner(value));
                } else if (!isToken(value)) {
                    continue;
                }
            } else if (key.endsWith("*")) {
                if (!(isToken(value) && value.chars().filter(c -> c == '\'').count() == 2)) {
                    continue;
                }
                int q1 = value.indexOf('\'');
                int q2 = value.indexOf('\'', q1 + 1);
                String charset = value.substring(0, q1);
                String decoded = percentDecode(value.substring(q2 + 1), charset.isEmpty() ? "utf-8" : charset);
                if (decoded == null) {
                    continue;
                }
                value = decoded;
            } else {
                boolean failed = true;
                if (isQuoted(value)) {
                    failed = false;
                    value = unescape(stripLeadingSlashes(inner(value)));
                } else if (isToken(value)) {
                    failed = false;
                } else if (!parts.isEmpty()) {
                    // a ';' inside a quoted value: aiohttp's one-case fix
                    String joined = value + ";" + parts.get(0);
                    if (isQuoted(joined)) {
                        parts.remove(0);
                        value = unescape(stripLeadingSlashes(inner(joined)));
                        failed = false;
                    }
                }
                if (failed) {
                    return none;
                }
                value = utf8(value);
            }
            params.put(key, value);
        }
        return new Parsed(type.toLowerCase(Locale.ROOT), params);
    }

    /**
     * The parameter {@code name} of parsed {@code params}: {@code name*} first, then {@code name},
     * then the RFC 2231 continuations {@code name*0}, {@code name*1}... joined (and decoded if they
     * carry a charset); null if none. asyncio: {@code content_disposition_filename(params, name)}
     */
    public static String parameter(Map<String, String> params, String name) {
        if (params.isEmpty()) {
            return null;
        }
        String extended = params.get(name + "*");
        if (extended != null) {
            return extended;
        }
        String plain = params.get(name);
        if (plain != null) {
            return plain;
        }
        Map<String, String> continued = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(name + "*")) {
                continued.put(k, v);
            }
        });
        StringBuilder joined = new StringBuilder();
        int num = 0;
        for (Map.Entry<String, String> e : continued.entrySet()) {
            String tail = e.getKey().substring(e.getKey().indexOf('*') + 1);
            if (tail.endsWith("*")) {
                tail = tail.substring(0, tail.length() - 1);
            }
            if (!tail.equals(Integer.toString(num))) {
                break;
            }
            joined.append(e.getValue());
            num++;
        }
        if (num == 0) {
            return null;
        }
        String value = joined.toString();
        int q1 = value.indexOf('\'');
        if (q1 >= 0) {
            int q2 = value.indexOf('\'', q1 + 1);
            String charset = value.substring(0, q1);
            String decoded = percentDecode(q2 < 0 ? value.substring(q1 + 1) : value.substring(q2 + 1),
                    charset.isEmpty() ? "utf-8" : charset);
            return decoded == null ? value : decoded;
        }
        return value;
    }

    /**
     * The field for {@code disptype} with {@code params} in order, as aiohttp writes it. With
     * {@code quoteFields}, a {@code filename} is percent-encoded (UTF-8, nothing safe but
     * {@code A-Za-z0-9_.-~}) inside quotes, another parameter is a quoted-string with
     * {@code \\} before every character that is not qtext (the space included), or, if it is not
     * printable 7-bit, {@code name*=utf-8''percent-encoded}; without, every value goes in quotes
     * with {@code \\} and {@code "} escaped. asyncio: {@code content_disposition_header(disptype, quote_fields, **params)}
     *
     * @throws IllegalArgumentException for a type or a parameter name that is not a token
     */
    public static String header(String disptype, boolean quoteFields, Map<String, String> params) {
        if (!isToken(disptype)) {
            throw new IllegalArgumentException("Content-Disposition: bad disposition type \"" + disptype
                    + "\"; give a token such as form-data or attachment");
        }
        if (params.isEmpty()) {
            return disptype;
        }
        StringBuilder out = new StringBuilder(disptype);
        String sep = "; ";
        for (Map.Entry<String, String> p : params.entrySet()) {
            String key = p.getKey();
            String val = p.getValue();
            if (!isToken(key)) {
                throw new IllegalArgumentException("Content-Disposition: bad parameter name \"" + key + "\"; give a token");
            }
            out.append(sep);
            sep = "; ";
            if (!quoteFields) {
                out.append(key).append("=\"").append(val.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (key.equalsIgnoreCase("filename")) {
                out.append(key).append("=\"").append(percentEncode(val)).append('"');
            } else if (isQContent(val)) {
                out.append(key).append("=\"");
                for (int i = 0; i < val.length(); i++) {
                    char c = val.charAt(i);
                    if (!QCONTENT_NO_ESCAPE[c]) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            } else {
                out.append(key).append("*=utf-8''").append(percentEncode(val));
            }
        }
        return out.toString();
    }

    /** Python's {@code urllib.parse.quote(s, safe="")} over UTF-8: all but {@code A-Za-z0-9_.-~} as %XX. */
    public static String percentEncode(String s) {
        return PercentEncoding.quote(s, "_.-~", false);
    }

    /** Whether every char is printable 7-bit or a tab (aiohttp's QCONTENT; the empty string counts). */
    private static boolean isQContent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '\t' || (c >= 0x20 && c < 0x7F))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** aiohttp's {@code is_quoted}: first and last char a quote (a lone quote counts; empty does not). */
    private static boolean isQuoted(String s) {
        return !s.isEmpty() && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"';
    }

    /** Python's {@code s[1:-1]}. */
    private static String inner(String s) {
        return s.length() < 2 ? "" : s.substring(1, s.length() - 1);
    }

    private static boolean isContinuation(String key) {
        int star = key.indexOf('*');
        if (star < 0) {
            return false;
        }
        String sub = key.endsWith("*") ? key.substring(star + 1, Math.max(star + 1, key.length() - 1)) : key.substring(star + 1);
        return !sub.isEmpty() && sub.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** aiohttp's {@code unescape}: a backslash before any 7-bit char stands for that char. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) < 128) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** aiohttp's {@code .lstrip("\\/")} on a quoted value. */
    private static String stripLeadingSlashes(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\\' || s.charAt(i) == '/')) {
            i++;
        }
        return s.substring(i);
    }

    /** The chars of {@code s} taken as bytes (ISO-8859-1) and read as UTF-8; {@code s} itself if they are not UTF-8. */
    private static String utf8(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (ascii) {
            return s;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return s;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }

    /** Python's {@code unquote(s, charset, "strict")}; null when the bytes are not of that charset. */
    private static String percentDecode(String s, String charsetName) {
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
