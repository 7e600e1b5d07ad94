package io.asyncio4j;

import java.util.Collection;

/** Python-style {@code repr()} for messages and {@code toString()}s: strings quoted, null as None. */
final class Repr {
    private Repr() {
    }

    static String of(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof CharSequence s) {
            return "'" + s.toString().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
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
}
