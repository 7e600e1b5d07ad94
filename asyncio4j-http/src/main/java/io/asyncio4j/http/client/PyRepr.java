package io.asyncio4j.http.client;

import java.net.URI;

/**
 * aiohttp's words for a response error, so that a message reads as {@code str()} of the aiohttp
 * exception a port's logs and tests expect: {@code 404, message='Not Found', url=URL('http://h/x')}.
 * Built only when an exception is made, never on the request path.
 * <p>
 * Stateless; any thread. aiohttp: {@code ClientResponseError.__str__}, Python's {@code repr(str)}
 */
final class PyRepr {
    private PyRepr() {
    }

    /** {@code str(ClientResponseError(...))} in aiohttp 3.8.4: the status, the message's repr, the URL's. */
    static String responseError(int status, String message, URI url) {
        return status + ", message=" + str(message) + ", url=URL(" + str(String.valueOf(url)) + ")";
    }

    /**
     * Python's {@code repr()} of a str: single quotes unless it holds one and no double quote; the
     * quote, the backslash, tab, newline, return and the other non-printable characters escaped.
     */
    static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one character: not a control, format, separator (but space) or unassigned. */
    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
