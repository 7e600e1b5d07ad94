package io.asyncio4j.contextvars;

import io.asyncio4j.Coroutine;
import io.asyncio4j.internal.CurrentContext;
import io.asyncio4j.internal.Sneaky;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A mapping from {@link ContextVar}s to values: the values the code running in it sees. Every
 * task has one ({@link io.asyncio4j.Task#getContext()}), a copy of its creator's current context
 * unless one was passed to {@code createTask}; every scheduled callback runs in a copy of the
 * context it was scheduled from, or in the one passed to {@code callSoon}.
 * <p>
 * Copying is cheap: a copy shares its creator's immutable map until either side sets a var.
 * A context is read like a {@code Map} ({@link #get}, {@link #containsKey}, {@link #size},
 * iteration over its vars, {@link #asMap()}); it changes only through {@link ContextVar#set} by
 * code running in it.
 * <p>
 * States: IDLE ⇄ ENTERED (during {@link #run}). A context that is entered, or is the calling
 * code's current context already, cannot be entered again (asyncio's RuntimeError). Tasks given
 * the same context share it: each sees the others' sets, as in asyncio.
 * <p>
 * Threading: a context is used by one task or thread at a time; copy it to hand it to another.
 * <p>
 * asyncio: {@code contextvars.Context}
 */
public final class Context implements Iterable<ContextVar<?>> {
    static {
        CurrentContext.setEntering(new CurrentContext.Entering() {
            @Override
            public boolean enter(Context c) {
                if (c.entered) {
                    return false;
                }
                c.entered = true;
                return true;
            }

            @Override
            public void exit(Context c) {
                c.entered = false;
            }
        });
    }

    /** Replaced, never mutated, by sets and resets made while this context is current. */
    VarMap vars;
    private boolean entered;

    /** An empty context. asyncio: {@code contextvars.Context()} */
    public Context() {
        this.vars = VarMap.EMPTY;
    }

    private Context(VarMap vars) {
        this.vars = vars;
    }

    /**
     * A copy of the calling code's current context: the task's, the callback's, or the thread's.
     * asyncio: {@code contextvars.copy_context()}
     */
    public static Context copyContext() {
        Context current = CurrentContext.get();
        return current == null ? new Context() : new Context(current.vars);
    }

    /** A copy of this context: the same values, its own future sets. asyncio: {@code Context.copy()} */
    public Context copy() {
        return new Context(vars);
    }

    /**
     * Runs {@code fn} with this context as the current one and returns its result; sets made in
     * {@code fn} stay in this context. The calling code's own context is current again after,
     * whether {@code fn} returns or throws (its exception propagates as it is). {@code fn} may
     * suspend: the context stays current for the calling task only.
     * asyncio: {@code Context.run(callable, *args)}
     *
     * @throws IllegalStateException if this context is entered already (a {@code run} in
     *     progress, or the calling code's current context)
     */
    public <R> R run(Coroutine<R> fn) {
        if (fn == null) {
            throw new NullPointerException("Context.run(): the function is null");
        }
        Context previous = CurrentContext.get();
        if (entered || previous == this) {
            throw new IllegalStateException("Context.run(): cannot enter context: " + this + " is already entered; "
                    + "run in a copy() of it");
        }
        entered = true;
        CurrentContext.set(this);
        try {
            return fn.call();
        } catch (Throwable e) {
            throw Sneaky.rethrow(e);
        } finally {
            CurrentContext.set(previous);
            entered = false;
        }
    }

    /** {@link #run(Coroutine)} for a function without a result. asyncio: {@code Context.run(callable)} */
    public void run(Coroutine.VoidCoroutine fn) {
        if (fn == null) {
            throw new NullPointerException("Context.run(): the function is null");
        }
        run(() -> {
            fn.run();
            return null;
        });
    }

    /** The value of {@code var} here, or null if it has none (its default does not count). asyncio: {@code ctx.get(var)} */
    public <T> T get(ContextVar<T> var) {
        return get(var, null);
    }

    /** The value of {@code var} here, or {@code fallback}. asyncio: {@code ctx.get(var, default)} */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T fallback) {
        Object v = vars.get(var);
        return v == VarMap.MISSING ? fallback : (T) v;
    }

    /**
     * The value of {@code var} here.
     * asyncio: {@code ctx[var]}
     *
     * @throws NoSuchElementException if it has none here (Python's KeyError)
     */
    @SuppressWarnings("unchecked")
    public <T> T getRequired(ContextVar<T> var) {
        Object v = vars.get(var);
        if (v == VarMap.MISSING) {
            throw new NoSuchElementException("Context: " + var + " is not set in this context; use get(var, default)");
        }
        return (T) v;
    }

    /** True if {@code var} has a value here. asyncio: {@code var in ctx} */
    public boolean containsKey(ContextVar<?> var) {
        return vars.get(var) != VarMap.MISSING;
    }

    /** How many vars have a value here. asyncio: {@code len(ctx)} */
    public int size() {
        return vars.size();
    }

    /** The vars with a value here, in the order they were first set. asyncio: {@code iter(ctx)} */
    @Override
    public Iterator<ContextVar<?>> iterator() {
        VarMap snapshot = vars;
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < snapshot.size();
            }

            @Override
            public ContextVar<?> next() {
                if (i >= snapshot.size()) {
                    throw new NoSuchElementException();
                }
                return snapshot.keyAt(i++);
            }
        };
    }

    /** An unmodifiable snapshot of the vars and their values here. asyncio: {@code dict(ctx.items())} */
    public Map<ContextVar<?>, Object> asMap() {
        VarMap snapshot = vars;
        Map<ContextVar<?>, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            m.put(snapshot.keyAt(i), snapshot.valueAt(i));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        VarMap snapshot = vars;
        StringBuilder sb = new StringBuilder("<Context");
        if (entered) {
            sb.append(" entered");
        }
        sb.append(" {");
        for (int i = 0; i < snapshot.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(snapshot.keyAt(i).name()).append('=')
                    .append(ContextVar.repr(snapshot.valueAt(i)));
        }
        return sb.append("}>").toString();
    }
}
