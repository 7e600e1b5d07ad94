package io.asyncio4j.internal.util;

/**
 * Python's {@code repr()} of a str, for messages and reprs that read as Python's: single quotes,
 * or double quotes when the text holds a {@code '} and no {@code "}; backslash, the quote in
 * use, {@code \n}, {@code \r}, {@code \t} escaped, other characters Python does not print as
 * {@code \xNN}, a backslash-u and four hex digits, or {@code \UNNNNNNNN}. Shared by the core's future/task reprs and
 * the HTTP client's netrc errors and response-error messages.
 * <p>
 * Threading: any thread (stateless).
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** {@code repr(s)}. */
    public static String ofString(String s) {
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

    /**
     * Python's {@code str.isprintable()} for one character: not a control, format, surrogate,
     * private-use, unassigned or separator character (the space excepted).
     */
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
