package io.asyncio4j.contextvars;

import java.util.Arrays;

/**
 * The immutable mapping behind a {@link Context}: keys and values in one array, alternating,
 * in the order the vars were first set. Copying a context shares the map, so a copy costs one
 * small object however many vars it holds (CPython shares its HAMT the same way); setting a var
 * copies the array. A program sets a handful of vars, so a linear scan of a short array beats a
 * hash trie here; it stays correct, only slower, for hundreds.
 * <p>
 * Immutable; any thread.
 */
final class VarMap {
    static final VarMap EMPTY = new VarMap(new Object[0]);

    /** Marks "no value" where a value could be anything, null included. */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    /** key0, value0, key1, value1, ... */
    private final Object[] entries;

    private VarMap(Object[] entries) {
        this.entries = entries;
    }

    int size() {
        return entries.length / 2;
    }

    /** The value of {@code var}, or {@link #MISSING}. */
    Object get(ContextVar<?> var) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == var) {
                return e[i + 1];
            }
        }
        return MISSING;
    }

    /** This map with {@code var} bound to {@code value}; {@code value} {@link #MISSING} removes it. */
    VarMap with(ContextVar<?> var, Object value) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == var) {
                if (value == MISSING) {
                    Object[] shorter = new Object[e.length - 2];
                    System.arraycopy(e, 0, shorter, 0, i);
                    System.arraycopy(e, i + 2, shorter, i, e.length - i - 2);
                    return shorter.length == 0 ? EMPTY : new VarMap(shorter);
                }
                Object[] copy = e.clone();
                copy[i + 1] = value;
                return new VarMap(copy);
            }
        }
        if (value == MISSING) {
            return this;
        }
        Object[] longer = Arrays.copyOf(e, e.length + 2);
        longer[e.length] = var;
        longer[e.length + 1] = value;
        return new VarMap(longer);
    }

    ContextVar<?> keyAt(int i) {
        return (ContextVar<?>) entries[2 * i];
    }

    Object valueAt(int i) {
        return entries[2 * i + 1];
    }
}
