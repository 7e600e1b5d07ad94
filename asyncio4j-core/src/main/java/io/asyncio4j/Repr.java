package io.asyncio4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python-style {@code repr()} for messages and {@code toString()}s: strings quoted as Python
 * quotes them, null as None, booleans as True/False. {@link #limited} is {@code reprlib.repr},
 * which asyncio uses for a future's result so that a huge result cannot flood a repr, a log line
 * or an error message that quotes the future.
 */
final class Repr {
    /** reprlib's defaults (Python 3.13 {@code reprlib.Repr()}). */
    private static final int MAX_LEVEL = 6;
    private static final int MAX_LIST = 6;
    private static final int MAX_DICT = 4;
    private static final int MAX_STRING = 30;
    private static final int MAX_LONG = 40;
    private static final int MAX_OTHER = 30;
    private static final String FILL = "...";

    private Repr() {
    }

    /** The full repr: strings quoted, null as None, collections as lists of reprs. */
    static String of(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : c) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(of(e));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(o);
    }

    /**
     * {@code reprlib.repr(o)}: strings over 30 characters, numbers over 40 digits and other
     * reprs over 30 characters keep their two ends around "...", collections show their first 6
     * elements (maps 4 entries) and nest at most 6 deep. asyncio: {@code reprlib.repr(future._result)}
     */
    static String limited(Object o) {
        return limited(o, MAX_LEVEL);
    }

    private static String limited(Object o, int level) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof CharSequence cs) {
            String x = cs.toString();
            String s = quote(x.length() > MAX_STRING ? x.substring(0, MAX_STRING) : x);
            if (s.length() > MAX_STRING) {
                int i = (MAX_STRING - 3) / 2;
                int j = MAX_STRING - 3 - i;
                s = quote(x.substring(0, i) + x.substring(x.length() - j));
                s = s.substring(0, i) + FILL + s.substring(s.length() - j);
            }
            return s;
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
                || o instanceof java.math.BigInteger) {
            return shorten(o.toString(), MAX_LONG);
        }
        if (o instanceof byte[] bytes) {
            if (bytes.length > 2 * MAX_OTHER) {
                // only the two ends survive the cut: escape those, not a whole megabyte
                String head = bytesRepr(java.util.Arrays.copyOf(bytes, MAX_OTHER), bytes);
                String tail = bytesRepr(java.util.Arrays.copyOfRange(bytes, bytes.length - MAX_OTHER, bytes.length), bytes);
                int i = (MAX_OTHER - 3) / 2;
                int j = MAX_OTHER - 3 - i;
                return head.substring(0, i) + FILL + tail.substring(tail.length() - j);
            }
            return shorten(bytesRepr(bytes, bytes), MAX_OTHER);
        }
        if (o instanceof Map<?, ?> m) {
            return dict(m, level);
        }
        List<Object> elements = elements(o);
        if (elements != null) {
            if (level <= 0 && !elements.isEmpty()) {
                return "[" + FILL + "]";
            }
            List<String> pieces = new ArrayList<>();
            for (int k = 0; k < elements.size() && k < MAX_LIST; k++) {
                pieces.add(limited(elements.get(k), level - 1));
            }
            if (elements.size() > MAX_LIST) {
                pieces.add(FILL);
            }
            return "[" + String.join(", ", pieces) + "]";
        }
        return shorten(String.valueOf(o), MAX_OTHER);
    }

    private static String dict(Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            return "{}";
        }
        if (level <= 0) {
            return "{" + FILL + "}";
        }
        List<String> pieces = new ArrayList<>();
        int k = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (k++ == MAX_DICT) {
                pieces.add(FILL);
                break;
            }
            pieces.add(limited(e.getKey(), level - 1) + ": " + limited(e.getValue(), level - 1));
        }
        return "{" + String.join(", ", pieces) + "}";
    }

    /** The elements of a collection or a (non-byte) array, else null. */
    private static List<Object> elements(Object o) {
        if (o instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(Math.min(c.size(), MAX_LIST + 1));
            for (Object e : c) {
                out.add(e);
                if (out.size() > MAX_LIST) {
                    break; // enough to know there are more than MAX_LIST
                }
            }
            return out;
        }
        if (o.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(o);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n && i <= MAX_LIST; i++) {
                out.add(java.lang.reflect.Array.get(o, i));
            }
            return out;
        }
        return null;
    }

    /** reprlib's cut of a long repr: its first and last characters around "...". */
    private static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int i = (max - 3) / 2;
        int j = max - 3 - i;
        return s.substring(0, i) + FILL + s.substring(s.length() - j);
    }

    /**
     * A callback as asyncio formats one in a handle's repr and in "Exception in callback ...":
     * its name, then "()" (3.13 shows the arguments only in debug mode). A lambda or method
     * reference is named after the class that wrote it ("Main$lambda", as a task's coro is),
     * since its own toString carries a hidden-class address and an identity hash that change from
     * run to run; any other object by its toString. Error paths and reprs only.
     * asyncio: {@code format_helpers._format_callback_source(callback, args)}
     */
    static String callback(Object cb) {
        return callbackName(cb) + "()";
    }

    /** {@link #callback} without the "()": the lambda stand-in or the object's toString. */
    static String callbackName(Object cb) {
        if (cb == null) {
            return "None";
        }
        String cls = cb.getClass().getName();
        String s = String.valueOf(cb);
        return cls.contains("$$Lambda") && s.startsWith(cls) ? stableClassName(cb) : s;
    }

    /**
     * The class name of {@code o}, with a lambda's or method reference's hidden class
     * ({@code Main$$Lambda/0x...}, different from run to run) named after the class that wrote
     * it: {@code Main$lambda}. Shared by task reprs (the coro stand-in) and callback names.
     */
    static String stableClassName(Object o) {
        String cls = o.getClass().getName();
        int lambda = cls.indexOf("$$Lambda");
        return lambda >= 0 ? cls.substring(0, lambda) + "$lambda" : cls;
    }

    /** Python's repr of a str. */
    static String quote(String s) {
        return io.asyncio4j.internal.util.PythonRepr.ofString(s);
    }

    /**
     * Python's repr of bytes {@code b}: b'...' with printable ASCII as is, the rest escaped; the
     * quote is chosen by looking at {@code whole} (b is a piece of it, or itself).
     */
    private static String bytesRepr(byte[] b, byte[] whole) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : whole) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder(b.length + 3).append('b').append(q);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == q || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(q).toString();
    }
}
