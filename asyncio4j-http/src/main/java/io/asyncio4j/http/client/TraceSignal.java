package io.asyncio4j.http.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The listeners of one point of a request's life ({@link TraceConfig#onRequestStart()} and the
 * others), called in the order appended. Appending is allowed until the trace config is frozen,
 * which making a {@link ClientSession} with it does: from then on the list never changes.
 * <p>
 * States: {@code OPEN ──a session is made with its config──▶ FROZEN} (final).
 * <p>
 * Threading: append from one thread before the config is given to a session; once frozen, any
 * thread (the list is immutable).
 * <p>
 * asyncio: {@code aiosignal.Signal}, as aiohttp's {@code TraceConfig} holds them
 *
 * @param <C> the per-request context's type
 * @param <P> the signal's parameters
 */
public final class TraceSignal<C, P> {
    /** Whether listeners may still be appended. asyncio: {@code Signal.frozen} */
    public enum State {
        /** Listeners may be appended. */
        OPEN,
        /** A session was made with the config: the list is fixed. */
        FROZEN
    }

    private final String name;
    private List<TraceCallback<? super C, ? super P>> callbacks = new ArrayList<>();
    private State state = State.OPEN;

    TraceSignal(String name) {
        this.name = name;
    }

    /**
     * Adds {@code callback} after those already there. asyncio: {@code signal.append(handler)}
     *
     * @throws IllegalStateException if the config is frozen (a session was made with it)
     */
    public TraceSignal<C, P> append(TraceCallback<? super C, ? super P> callback) {
        Objects.requireNonNull(callback, "TraceSignal.append(): the callback is null");
        if (state == State.FROZEN) {
            throw new IllegalStateException("TraceSignal.append(): " + name + " is frozen: a ClientSession was made "
                    + "with its TraceConfig, which fixes its listeners (aiohttp: \"Cannot modify frozen list.\"); "
                    + "append before making the session, or use a new TraceConfig");
        }
        callbacks.add(callback);
        return this;
    }

    /** The listeners, in order (unmodifiable once frozen). */
    List<TraceCallback<? super C, ? super P>> callbacks() {
        return callbacks;
    }

    /** Whether listeners may still be appended. asyncio: {@code Signal.frozen} (as FROZEN) */
    public State state() {
        return state;
    }

    /** Whether it has no listener. asyncio: {@code len(signal) == 0} */
    public boolean isEmpty() {
        return callbacks.isEmpty();
    }

    void freeze() {
        if (state == State.OPEN) {
            callbacks = List.copyOf(callbacks);
            state = State.FROZEN;
        }
    }

    /** {@code <TraceSignal on_request_start OPEN callbacks=1>}. */
    @Override
    public String toString() {
        return "<TraceSignal " + name + " " + state + " callbacks=" + callbacks.size() + ">";
    }
}
