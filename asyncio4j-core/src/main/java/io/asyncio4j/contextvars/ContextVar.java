package io.asyncio4j.contextvars;

import io.asyncio4j.internal.CurrentContext;

import java.util.NoSuchElementException;

/**
 * A variable whose value depends on the {@link Context} the calling code runs in: each task
 * sees the value of its own context, so concurrent tasks each have their own request id,
 * deadline or user. Create one per purpose, usually as a {@code static final} field:
 * <pre>{@code
 * static final ContextVar<String> USER = new ContextVar<>("user", "anonymous");
 * }</pre>
 * A var's identity is the object: two vars with the same name are two vars. Reading and setting
 * are cheap (a short scan of the current context; a set copies it).
 * <p>
 * Threading: {@link #get()} and {@link #set} act on the calling code's current context, so they
 * are safe from any thread; one context is used by one task or thread at a time.
 * <p>
 * asyncio: {@code contextvars.ContextVar}
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    private final String name;
    /** The default value, or {@link VarMap#MISSING} when the var has none. */
    private final Object defaultValue;

    /** A var with no default: {@link #get()} throws until it is set. asyncio: {@code ContextVar(name)} */
    public ContextVar(String name) {
        this.name = requireName(name);
        this.defaultValue = VarMap.MISSING;
    }

    /**
     * A var whose {@link #get()} returns {@code defaultValue} (which may be null) where it is not set.
     * asyncio: {@code ContextVar(name, default=...)}
     */
    public ContextVar(String name, T defaultValue) {
        this.name = requireName(name);
        this.defaultValue = defaultValue;
    }

    private static String requireName(String name) {
        if (name == null) {
            throw new NullPointerException("ContextVar(): the name is null; name the var (it shows in its toString)");
        }
        return name;
    }

    /** The var's name. asyncio: {@code ContextVar.name} */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the var's default.
     * asyncio: {@code ContextVar.get()}
     *
     * @throws NoSuchElementException when the var has neither (Python's LookupError)
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = lookup();
        if (v == VarMap.MISSING) {
            v = defaultValue;
            if (v == VarMap.MISSING) {
                throw new NoSuchElementException("ContextVar.get(): " + this + " has no value in this context and no "
                        + "default; set it first, give the var a default, or call get(default)");
            }
        }
        return (T) v;
    }

    /**
     * The value in the current context, else {@code fallback} (even when the var has a default).
     * asyncio: {@code ContextVar.get(default)}
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = lookup();
        return v == VarMap.MISSING ? fallback : (T) v;
    }

    private Object lookup() {
        Context ctx = CurrentContext.get();
        return ctx == null ? VarMap.MISSING : ctx.vars.get(this);
    }

    /**
     * Sets the value in the current context (only there: a task's set is not seen by its parent
     * or its siblings) and returns a token that undoes it.
     * asyncio: {@code ContextVar.set(value)}
     */
    public Token<T> set(T value) {
        CurrentContext.markInUse();
        Context ctx = CurrentContext.get();
        if (ctx == null) {
            ctx = new Context(); // a thread's first set: its context starts empty, as a new Python thread's
            CurrentContext.set(ctx);
        }
        Object old = ctx.vars.get(this);
        ctx.vars = ctx.vars.with(this, value);
        return new Token<>(ctx, this, old);
    }

    /**
     * Gives the var back the value it had before the {@link #set} that made {@code token}
     * (removing it if it had none). Each token resets once, in the context it was made in.
     * asyncio: {@code ContextVar.reset(token)}
     *
     * @throws IllegalArgumentException if the token belongs to another var or another context
     * @throws IllegalStateException if the token was used already
     */
    public void reset(Token<T> token) {
        if (token == null) {
            throw new NullPointerException("ContextVar.reset(): the token is null; pass what set() returned");
        }
        if (token.used) {
            throw new IllegalStateException("ContextVar.reset(): " + token + " has already been used once; each set() "
                    + "is undone by one reset()");
        }
        if (token.var() != this) {
            throw new IllegalArgumentException("ContextVar.reset(): " + token + " was created by a different "
                    + "ContextVar; reset the var that made it");
        }
        Context ctx = CurrentContext.get();
        if (token.context != ctx) {
            throw new IllegalArgumentException("ContextVar.reset(): " + token + " was created in a different Context; "
                    + "reset in the task or callback that called set()");
        }
        ctx.vars = ctx.vars.with(this, token.oldValue());
        token.used = true;
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (defaultValue == VarMap.MISSING ? "" : " default=" + repr(defaultValue))
                + ">";
    }

    static String repr(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
