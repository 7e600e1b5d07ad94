package io.asyncio4j.http.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cookie names and values on the wire, as Python's {@code http.cookies} (which aiohttp uses on
 * both sides) writes and reads them: a name is a run of token characters; a value made only of
 * them goes as is, any other is put in double quotes with {@code "} and {@code \} backslashed and
 * every byte outside the quoted-safe set written as a three-digit octal escape ({@code ;} is
 * {@code \073}). Reading undoes that. Plus the {@code Cookie} field's reading, which the server's
 * {@code Request.cookies()} and the client (merging a caller's own field) share.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: {@code http.cookies._quote}, {@code _unquote}, {@code _is_legal_key}, {@code SimpleCookie.load}
 */
public final class CookieQuoting {
    // http.cookies._LegalChars: may stand unquoted, and make up a name
    private static final String LEGAL = "!#$%&'*+-.^_`|~:";
    // ... and these may stand unescaped inside the quotes (_UnescapedChars)
    private static final String UNESCAPED_EXTRA = " ()/<=>?@[]{}";

    /** Morsel's attribute names: not cookie names, in a Set-Cookie nor (as SimpleCookie reads) a Cookie field. */
    public static final Set<String> RESERVED = Set.of("expires", "path", "comment", "domain", "max-age", "secure",
            "httponly", "version", "samesite");

    private CookieQuoting() {
    }

    private static boolean isLegal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || LEGAL.indexOf(c) >= 0;
    }

    /** Whether {@code name} can be a cookie's name: one or more legal characters. asyncio: {@code http.cookies._is_legal_key} */
    public static boolean isLegalName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegal(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is one of Morsel's attribute names (any case). */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * What the name of a cookie to send or set is wrong with, or null if nothing.
     * The caller prefixes where it was asked and suffixes the way out.
     */
    public static String nameProblem(String name) {
        if (name == null) {
            return "the cookie name is null";
        }
        if (!isLegalName(name)) {
            return "the cookie name \"" + name + "\" is not a token (letters, digits and !#$%&'*+-.^_`|~: only; "
                    + "no spaces, no ;,=\" and no non-ASCII)";
        }
        if (isReserved(name)) {
            return "the cookie name \"" + name + "\" is a Set-Cookie attribute's name";
        }
        return null;
    }

    /**
     * {@code value} as it goes on the wire; null if it holds a character above U+00FF, which has
     * no single-byte form (http.cookies would leave it raw and aiohttp send it as UTF-8).
     * asyncio: {@code http.cookies._quote}
     */
    public static String quote(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            plain = isLegal(value.charAt(i));
        }
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return null;
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (isLegal(c) || UNESCAPED_EXTRA.indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A value as read off the wire: a double-quoted one loses its quotes and its escapes
     * ({@code \"}, {@code \\}, {@code \073}); any other is as is. asyncio: {@code http.cookies._unquote}
     */
    public static String unquote(String coded) {
        if (coded.length() < 2 || coded.charAt(0) != '"' || coded.charAt(coded.length() - 1) != '"') {
            return coded;
        }
        String s = coded.substring(1, coded.length() - 1);
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
            } else if (isOctal(s, i + 1)) {
                sb.append((char) ((s.charAt(i + 1) - '0') * 64 + (s.charAt(i + 2) - '0') * 8 + (s.charAt(i + 3) - '0')));
                i += 3;
            } else {
                sb.append(s.charAt(++i));
            }
        }
        return sb.toString();
    }

    // [0-3][0-7][0-7], as _unquote's pattern
    private static boolean isOctal(String s, int at) {
        return at + 2 < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '3'
                && s.charAt(at + 1) >= '0' && s.charAt(at + 1) <= '7' && s.charAt(at + 2) >= '0' && s.charAt(at + 2) <= '7';
    }

    /**
     * The cookies in {@code Cookie} field values, name to the value as sent ({@code coded}) or
     * decoded. Pairs are split at {@code ;} and trimmed; a pair without {@code =}, with an empty
     * name, with an attribute's name ({@code Path}) or a {@code $} name ({@code $Version}) is
     * skipped; a name given twice keeps its last value, as SimpleCookie does. (SimpleCookie drops
     * the whole field at the first pair it cannot read — {@code a=1; b c=2} gives nothing — where
     * this keeps the good pairs, as browsers and RFC 6265 section 5.4 expect of a server.)
     * asyncio: {@code SimpleCookie(request.headers["Cookie"])}
     */
    public static Map<String, String> parseCookieFields(Iterable<String> fields, boolean decode) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : fields) {
            int start = 0;
            int n = field.length();
            while (start < n) {
                int semi = indexOfSeparator(field, start);
                String pair = field.substring(start, semi);
                start = semi + 1;
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                if (name.isEmpty() || name.charAt(0) == '$' || isReserved(name)) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                out.put(name, decode ? unquote(value) : value);
            }
        }
        return out;
    }

    // the next ';' outside a quoted value (a quoted value may hold "\073" but also a raw ';' if a peer sent one)
    private static int indexOfSeparator(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        if (quoted) {
            // an unterminated quote: split at the next ';' after all, or the rest would be lost
            int semi = s.indexOf(';', from);
            return semi < 0 ? s.length() : semi;
        }
        return s.length();
    }
}
