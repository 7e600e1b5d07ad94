package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses RFC 7239 {@code Forwarded} fields the way aiohttp 3.8 does, leniently: one map per
 * forwarded-element (per proxy hop), in order across all the fields; pair names lower-cased (a
 * name given twice keeps its last value, in the place of its first); values a token or a quoted
 * string (quotes removed, {@code \x} escapes undone), with a {@code :port} of up to four digits
 * glued on. Whitespace is skipped anywhere between pairs. Something that is not a pair, or a pair
 * not preceded by a {@code ;}, makes the parser skip to the next {@code ,}: the element keeps the
 * pairs read before it, and a field with nothing readable still gives its (empty) element.
 * Values are not checked further ({@code for}, {@code by}, {@code host} and {@code proto} are
 * strings as sent).
 * <p>
 * Pure, no state. aiohttp: {@code BaseRequest.forwarded}
 */
final class ForwardedField {
    private ForwardedField() {
    }

    /** The elements of {@code fields} (the values of every {@code Forwarded} field, in order), each unmodifiable. */
    static List<Map<String, String>> parse(List<String> fields) {
        List<Map<String, String>> elements = new ArrayList<>();
        for (String field : fields) {
            parseField(field, elements);
        }
        return Collections.unmodifiableList(elements);
    }

    private static void parseField(String field, List<Map<String, String>> elements) {
        int length = field.length();
        int pos = 0;
        boolean needSeparator = false; // a pair was just read: the next one must come after ; or ,
        Map<String, String> element = newElement(elements);
        while (pos >= 0 && pos < length) {
            int end = pairEnd(field, pos);
            char c = field.charAt(pos);
            if (end > 0) {
                if (needSeparator) {
                    pos = field.indexOf(',', pos); // bad syntax: on to the next element
                    continue;
                }
                int eq = field.indexOf('=', pos);
                element.put(field.substring(pos, eq).toLowerCase(Locale.ROOT), value(field, eq + 1, end));
                pos = end;
                needSeparator = true;
            } else if (c == ',') {
                needSeparator = false;
                element = newElement(elements);
                pos++;
            } else if (c == ';') {
                needSeparator = false;
                pos++;
            } else if (c == ' ' || c == '\t') {
                pos++; // Postel: aiohttp takes whitespace even where RFC 7239 has none
            } else {
                pos = field.indexOf(',', pos); // bad syntax: on to the next element
            }
        }
    }

    /**
     * Where the pair {@code token=(token|quoted-string)(:port)?} starting at {@code pos} ends, or -1
     * if none starts there; the port is one to four digits (aiohttp's pattern). Scanned by hand: a
     * regular expression with a repeated group recurses once per character of a quoted string, which
     * a long field turns into a StackOverflowError.
     */
    private static int pairEnd(String f, int pos) {
        int n = f.length();
        int i = pos;
        while (i < n && Headers.isTokenChar(f.charAt(i))) {
            i++;
        }
        if (i == pos || i >= n || f.charAt(i) != '=') {
            return -1;
        }
        int v = i + 1;
        int end;
        if (v < n && f.charAt(v) == '"') {
            end = -1;
            for (int k = v + 1; k < n; ) {
                char c = f.charAt(k);
                if (c == '"') {
                    end = k + 1;
                    break;
                } else if (c == '\\' && k + 1 < n && quotable(f.charAt(k + 1))) {
                    k += 2;
                } else if (qdtext(c)) {
                    k++;
                } else {
                    return -1; // a character a quoted string cannot hold, or a lone backslash at the end
                }
            }
            if (end < 0) {
                return -1; // unterminated
            }
        } else {
            end = v;
            while (end < n && Headers.isTokenChar(f.charAt(end))) {
                end++;
            }
            if (end == v) {
                return -1;
            }
        }
        if (end + 1 < n && f.charAt(end) == ':' && isDigit(f.charAt(end + 1))) {
            int d = end + 1;
            while (d < n && d - end <= 4 && isDigit(f.charAt(d))) {
                d++;
            }
            end = d;
        }
        return end;
    }

    /** The value of the pair whose value starts at {@code from} and which ends at {@code end}: unquoted, port glued on. */
    private static String value(String f, int from, int end) {
        if (f.charAt(from) != '"') {
            return f.substring(from, end);
        }
        StringBuilder b = new StringBuilder(end - from);
        int k = from + 1;
        // pairEnd() checked it: every backslash escapes the next character, the first other quote closes
        for (char c = f.charAt(k); c != '"'; c = f.charAt(k)) {
            if (c == '\\') {
                b.append(f.charAt(k + 1));
                k += 2;
            } else {
                b.append(c);
                k++;
            }
        }
        return b.append(f, k + 1, end).toString(); // after the closing quote: the port, if any
    }

    /** qdtext, as aiohttp's class (the backslash left out: it only escapes). */
    private static boolean qdtext(char c) {
        return c == '\t' || c == ' ' || c == '!' || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E;
    }

    /** What a backslash may escape in a quoted string. */
    private static boolean quotable(char c) {
        return c == '\t' || c >= 0x20 && c <= 0x7E;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A new element, added to {@code elements} as an unmodifiable view (filled in afterwards, as aiohttp's proxy). */
    private static Map<String, String> newElement(List<Map<String, String>> elements) {
        Map<String, String> e = new LinkedHashMap<>();
        elements.add(Collections.unmodifiableMap(e));
        return e;
    }
}
