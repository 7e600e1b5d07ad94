package io.asyncio4j.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * HTTP header fields: names compared without regard to case, in the order they were added,
 * a name may repeat. Names keep the case they were given (a peer sees what was written).
 * <p>
 * Lookups scan the list: a message has a few dozen fields at most, and a scan of that many
 * beats hashing every name on the way in.
 * <p>
 * Threading: not thread-safe; a message's headers belong to the task handling it.
 * <p>
 * asyncio: aiohttp's {@code CIMultiDict} (multidict)
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    private final ArrayList<String> names;
    private final ArrayList<String> values;

    /** No fields. asyncio: {@code CIMultiDict()} */
    public Headers() {
        names = new ArrayList<>(8);
        values = new ArrayList<>(8);
    }

    /** A copy of {@code other}. asyncio: {@code CIMultiDict(other)} */
    public Headers(Headers other) {
        names = new ArrayList<>(other.names);
        values = new ArrayList<>(other.values);
    }

    /**
     * Headers from name/value pairs: {@code Headers.of("Content-Type", "text/plain", "X-A", "1")}.
     * asyncio: {@code CIMultiDict({...})}
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of(): give names and values in pairs; got "
                    + namesAndValues.length + " strings");
        }
        Headers h = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /**
     * Appends a field, keeping those of the same name. Throws IllegalArgumentException for a
     * name that is not an HTTP token, or a value holding a character above U+00FF or a control
     * character other than tab (CR or LF would end the field early: header injection).
     * asyncio: {@code CIMultiDict.add(key, value)}
     */
    public Headers add(String name, String value) {
        checkName(name, "add()");
        checkValue(name, value, "add()");
        names.add(name);
        values.add(value);
        return this;
    }

    /**
     * Replaces every field of this name with one, named as given, where the first was (appended
     * if there was none).
     * asyncio: {@code headers[key] = value}
     */
    public Headers set(String name, String value) {
        checkName(name, "set()");
        checkValue(name, value, "set()");
        int i = indexOf(name);
        if (i < 0) {
            names.add(name);
            values.add(value);
            return this;
        }
        names.set(i, name);
        values.set(i, value);
        removeFrom(name, i + 1);
        return this;
    }

    /** Removes every field of this name; whether there was one. asyncio: {@code headers.popall(key, None)} */
    public boolean remove(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return false;
        }
        removeFrom(name, i);
        return true;
    }

    private void removeFrom(String name, int from) {
        for (int j = names.size() - 1; j >= from; j--) {
            if (names.get(j).equalsIgnoreCase(name)) {
                names.remove(j);
                values.remove(j);
            }
        }
    }

    /** The first value of this name, or null. asyncio: {@code headers.get(key)} */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** The first value of this name, or {@code fallback}. asyncio: {@code headers.get(key, default)} */
    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** Every value of this name, in order (empty if none). asyncio: {@code headers.getall(key, [])} */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /** Whether a field of this name is present. asyncio: {@code key in headers} */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** The number of fields (a repeated name counts each time). asyncio: {@code len(headers)} */
    public int size() {
        return names.size();
    }

    /** Whether there are no fields. asyncio: {@code not headers} */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * The name of the field at {@code index}, as given; with {@link #value(int)}, a walk over the
     * fields that makes no entry objects. asyncio: {@code list(headers.keys())[index]}
     */
    public String name(int index) {
        return names.get(index);
    }

    /** The value of the field at {@code index}. asyncio: {@code list(headers.values())[index]} */
    public String value(int index) {
        return values.get(index);
    }

    private int indexOf(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The fields in order, as name/value entries. asyncio: {@code headers.items()} */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < names.size();
            }

            @Override
            public Map.Entry<String, String> next() {
                if (i >= names.size()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, String> e = Map.entry(names.get(i), values.get(i));
                i++;
                return e;
            }
        };
    }

    /**
     * Whether {@code c} may appear in a field name or a method (RFC 9110 token); false for a
     * sign-extended byte, so a raw {@code byte} can be passed as it is.
     * asyncio: none (aiohttp's parser checks against its {@code TOKEN} character set)
     */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private static void checkName(String name, String method) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Headers." + method + ": a field name must be a non-empty token; got "
                    + (name == null ? "null" : "\"\""));
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("Headers." + method + ": the field name " + quote(name) + " holds "
                        + describe(name.charAt(i)) + "; a name is letters, digits and !#$%&'*+-.^_`|~ only");
            }
        }
    }

    private static void checkValue(String name, String value, String method) {
        if (value == null) {
            throw new IllegalArgumentException("Headers." + method + ": the value of " + name
                    + " is null; remove the field instead");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("Headers." + method + ": the value of " + name + " holds "
                        + describe(c) + ", which would end the field early (header injection); remove it");
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException("Headers." + method + ": the value of " + name + " holds "
                        + describe(c) + "; a field value may hold tabs but no other control character (RFC 9110 "
                        + "section 5.5): remove it");
            }
            if (c > 0xFF) {
                throw new IllegalArgumentException("Headers." + method + ": the value of " + name + " holds "
                        + describe(c) + ", outside ISO-8859-1; encode it first (RFC 8187 or percent-encoding)");
            }
        }
    }

    private static String describe(char c) {
        return c < 32 || c == 127 ? String.format("the control character 0x%02X", (int) c) : "'" + c + "'";
    }

    private static String quote(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    /**
     * Whether {@code o} holds the same fields in the same order, names compared as given (case
     * included: what a peer would see). asyncio: {@code headers == other}
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && names.equals(h.names) && values.equals(h.values);
    }

    /** A hash consistent with {@link #equals}. asyncio: none (a {@code CIMultiDict} is unhashable) */
    @Override
    public int hashCode() {
        return names.hashCode() * 31 + values.hashCode();
    }

    /** {@code <Headers(Name: value, ...)>}, as multidict prints. asyncio: {@code repr(headers)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Headers(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append(")>").toString();
    }
}
