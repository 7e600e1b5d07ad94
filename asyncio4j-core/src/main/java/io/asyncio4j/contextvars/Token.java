package io.asyncio4j.contextvars;

/**
 * What {@link ContextVar#set} returns: enough to undo that set with {@link ContextVar#reset}, or
 * with try-with-resources (Python 3.14's {@code with var.set(x):}):
 * <pre>{@code
 * try (var t = REQUEST_ID.set("r-42")) {
 *     handle();
 * } // REQUEST_ID has its old value (or none) again
 * }</pre>
 * States: UNUSED → USED (by the one reset it allows). A token works only in the context it was
 * made in. Threading: that of its context (the task or thread running in it).
 * <p>
 * asyncio: {@code contextvars.Token}
 *
 * @param <T> the var's value type
 */
public final class Token<T> implements AutoCloseable {
    /** {@link #oldValue()} of a token whose var had no value before the set. asyncio: {@code Token.MISSING} */
    public static final Object MISSING = VarMap.MISSING;

    final Context context;
    private final ContextVar<T> var;
    private final Object oldValue;
    boolean used;

    Token(Context context, ContextVar<T> var, Object oldValue) {
        this.context = context;
        this.var = var;
        this.oldValue = oldValue;
    }

    /** The var that was set. asyncio: {@code Token.var} */
    public ContextVar<T> var() {
        return var;
    }

    /**
     * The var's value before the set, or {@link #MISSING} if it had none in that context.
     * asyncio: {@code Token.old_value}
     */
    public Object oldValue() {
        return oldValue;
    }

    /** True once the token has reset its var. */
    public boolean isUsed() {
        return used;
    }

    /** Resets the var: {@code var().reset(this)}. asyncio: {@code Token.__exit__} (Python 3.14) */
    @Override
    public void close() {
        var.reset(this);
    }

    @Override
    public String toString() {
        return "<Token" + (used ? " used" : "") + " var=" + var + ">";
    }
}
