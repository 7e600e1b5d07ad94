package io.asyncio4j.internal.util;

/**
 * Python's {@code repr()} of a str, for messages and reprs that read as Python's: single quotes,
 * or double quotes when the text holds a {@code '} and no {@code "}; backslash, the quote in
 * use, {@code \n}, {@code \r}, {@code \t} escaped, other control characters as {@code \xNN}.
 * Shared by the core's future/task reprs and the HTTP client's netrc errors.
 * <p>
 * Threading: any thread (stateless).
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** {@code repr(s)}. */
    public static String ofString(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }
}
