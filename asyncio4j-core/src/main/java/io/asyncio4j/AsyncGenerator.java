package io.asyncio4j;

import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.Strand;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A producer that yields values with suspensions in between, consumed by an ordinary for-each
 * in a task:
 * <pre>{@code
 * var numbers = Asyncio.generator((AsyncGenerator.Yield<Integer> out) -> {
 *     for (int i = 0; i < 3; i++) {
 *         out.yield(i);
 *         sleep(1);
 *     }
 * });
 * for (int n : numbers) System.out.println(n);
 * }</pre>
 * The producer runs as part of the consuming task, as an asyncio async generator does: it
 * starts at the first {@code hasNext()}, runs until its next {@code yield}, and nothing else on
 * the loop runs in between; {@link Task#current()} inside it is the consumer; cancelling the
 * consumer cancels the producer at its suspension point. Technically it is a second strand of
 * the task, handed control directly (no trip through the ready queue).
 * <p>
 * States: NEW → SUSPENDED (at a yield) ⇄ RUNNING → FINISHED (returned, threw, or closed).
 * Leaving the loop early leaves the producer suspended at its yield: {@link #close()} (or
 * try-with-resources) resumes it with a {@link GeneratorExit} so its {@code finally} blocks run;
 * a generator dropped there is closed in a new task of its loop once the garbage collector
 * finds it (asyncio's finalizer hook), and those still open when {@link Asyncio#run} ends are
 * closed then ({@link EventLoop#shutdownAsyncgens()}).
 * Threading: loop thread only, one consumer at a time.
 * <p>
 * Two-way use: {@link #asend(Object)} resumes the producer with a value (what its
 * {@code out.yield(x)} returns) and {@link #athrow(Throwable)} raises an exception at its yield.
 * <p>
 * asyncio: an async generator ({@code async def} with {@code yield}), {@code async for},
 * {@code aclose()}, {@code asend()}, {@code athrow()}
 *
 * @param <T> the element type
 */
public final class AsyncGenerator<T> implements Iterable<T>, Iterator<T>, AutoCloseable {

    /** Generator states; see the class comment. asyncio: {@code ag_running / ag_frame of an async generator} */
    public enum State {
        /** Created; the body has not started. */
        NEW,
        /** Paused at a {@code yield}, its value handed to the consumer. */
        SUSPENDED,
        /** The body runs (or awaits something) on behalf of a consumer waiting for a value. */
        RUNNING,
        /** The body returned, threw, or was closed; final. */
        FINISHED
    }

    /** The producer's body. asyncio: the body of an async def with yield */
    @FunctionalInterface
    public interface Body<T> {
        /** Produces values through {@code out}; may suspend. */
        void run(Yield<T> out) throws Exception;
    }

    /**
     * Hands a value to the consumer. The yield returns what the consumer sent back (an
     * {@code Object}, so that {@code out.yield(x);} stays a plain statement in bodies that ignore
     * it): null when the consumer asked with {@code hasNext()}/{@code next()}/{@code asend(null)},
     * the value when it called {@link AsyncGenerator#asend(Object)}.
     * asyncio: the yield expression ({@code v = yield x})
     */
    @FunctionalInterface
    public interface Yield<T> {
        /**
         * Gives {@code value} to the consumer and suspends until it asks for the next one;
         * returns the value it sent ({@link AsyncGenerator#asend(Object)}), else null. Throws
         * {@link GeneratorExit} when the consumer closes the generator instead, and the
         * consumer's exception when it calls {@link AsyncGenerator#athrow(Throwable)}.
         */
        Object yield(T value);
    }

    /**
     * Raised at the producer's {@code yield} when the consumer closes the generator early; let
     * it propagate (clean up in {@code finally}). asyncio: {@code GeneratorExit}
     */
    public static final class GeneratorExit extends Error {
        private static final long serialVersionUID = 1L;

        GeneratorExit() {
            super("the async generator was closed", null, false, false);
        }
    }

    /**
     * Once the generator has started, its run state is kept by the loop until it finishes, and
     * a {@link Cleaner} watches this handle: a generator dropped while suspended at a yield is
     * closed in a new task of its loop when the handle is collected, so its {@code finally}
     * blocks run (asyncio's async-generator finalizer hook); those still open at the end of
     * {@link Asyncio#run} are closed then. The run state never refers back to this handle.
     */
    private static final Cleaner CLEANER = io.asyncio4j.internal.Finalizers.CLEANER;

    private final Run<T> run;

    AsyncGenerator(Body<T> body) {
        if (body == null) {
            throw new NullPointerException("generator(): the body is null");
        }
        this.run = new Run<>(body);
    }

    /** This generator itself: it can be iterated once. asyncio: {@code __aiter__} */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /**
     * Runs the producer to its next value if needed; true if there is one. May suspend.
     * asyncio: {@code __anext__ (StopAsyncIteration when there is none)}
     */
    @Override
    public boolean hasNext() {
        if (!run.hasPending && run.state != State.FINISHED) {
            if (run.resume("AsyncGenerator.hasNext()")) {
                CLEANER.register(this, new Finalizer(run));
            }
        }
        if (!run.hasPending && run.failure != null) {
            Throwable f = run.failure;
            run.failure = null;
            throw Sneaky.rethrow(f);
        }
        return run.hasPending;
    }

    /** The next value. May suspend. asyncio: {@code __anext__} */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("AsyncGenerator.next(): the generator is exhausted; check hasNext() "
                    + "first, or use a for-each loop");
        }
        return takePending();
    }

    /** The value the producer yielded and nobody took yet, now taken. */
    private T takePending() {
        T v = run.pending;
        run.pending = null;
        run.hasPending = false;
        return v;
    }

    /**
     * Closes the generator: a producer suspended at a yield gets {@link GeneratorExit} there and
     * runs its cleanup. May suspend. asyncio: {@code aclose()}
     */
    @Override
    public void close() {
        run.close();
    }

    /**
     * Resumes the producer with {@code value} as the result of the {@code yield} it is paused at
     * and returns the next value it yields. On a NEW generator only null may be sent (it starts
     * the body, as {@link #next()}). May suspend. asyncio: {@code await agen.asend(value)}
     *
     * @throws IllegalArgumentException if {@code value} is not null and the generator is NEW
     *         (Python's TypeError "can't send non-None value to a just-started async generator")
     * @throws NoSuchElementException if the body returns instead of yielding, or the generator
     *         is FINISHED (Python's StopAsyncIteration)
     * @throws IllegalStateException if the generator is RUNNING (Python's RuntimeError "asynchronous
     *         generator is already running"), or {@link #hasNext()} fetched a value not yet taken
     */
    public T asend(Object value) {
        checkNoPeeked("asend");
        if (run.state == State.FINISHED) {
            throw exhausted("asend");
        }
        if (run.state == State.NEW && value != null) {
            throw new IllegalArgumentException("AsyncGenerator.asend(): can't send non-null value to a just-started "
                    + "async generator; start it with asend(null) or next() first");
        }
        checkNotRunning("asend");
        run.sent = value;
        return step("asend");
    }

    /**
     * Raises {@code error} in the producer at the {@code yield} it is paused at, and returns the
     * next value it yields if it catches the error and yields again. On a NEW generator the body
     * never runs: the generator finishes and {@code error} is thrown here. On a FINISHED one
     * nothing happens and null is returned (as CPython 3.13's athrow on an exhausted generator
     * returns None). May suspend. asyncio: {@code await agen.athrow(error)}
     *
     * @throws NoSuchElementException if the body catches the error and returns (Python's
     *         StopAsyncIteration)
     * @throws IllegalStateException if the generator is RUNNING, or {@link #hasNext()} fetched a
     *         value not yet taken
     */
    public T athrow(Throwable error) {
        if (error == null) {
            throw new NullPointerException("AsyncGenerator.athrow(): the error is null; pass the exception to raise "
                    + "at the yield");
        }
        checkNoPeeked("athrow");
        switch (run.state) {
            case FINISHED -> {
                return null;
            }
            case NEW -> {
                run.state = State.FINISHED;
                throw Sneaky.rethrow(error);
            }
            default -> {
                checkNotRunning("athrow");
                run.thrown = error;
                return step("athrow");
            }
        }
    }

    private void checkNoPeeked(String what) {
        if (run.hasPending) {
            throw new IllegalStateException("AsyncGenerator." + what + "(): hasNext() already fetched the next value; "
                    + "take it with next() first, or use only asend()/athrow() to drive the generator");
        }
    }

    /** Refuses before anything is handed over: the running producer must not see our value. */
    private void checkNotRunning(String what) {
        if (run.state == State.RUNNING) {
            throw new IllegalStateException("AsyncGenerator." + what + "(): the generator is already running "
                    + "(another task is waiting for its next value, or the generator tries to drive itself); wait "
                    + "for that to finish");
        }
    }

    private static NoSuchElementException exhausted(String what) {
        return new NoSuchElementException("AsyncGenerator." + what + "(): the generator is exhausted (Python's "
                + "StopAsyncIteration)");
    }

    /** Resumes the producer (with {@code run.sent} or {@code run.thrown} set) and returns what it yields. */
    private T step(String method) {
        try {
            if (run.resume("AsyncGenerator." + method + "()")) {
                CLEANER.register(this, new Finalizer(run));
            }
        } catch (RuntimeException e) {
            run.sent = null;
            run.thrown = null;
            throw e;
        }
        if (run.hasPending) {
            return takePending();
        }
        if (run.failure != null) {
            Throwable f = run.failure;
            run.failure = null;
            throw Sneaky.rethrow(f);
        }
        throw exhausted(method);
    }

    /** The current state. asyncio: {@code ag_running} */
    public State state() {
        return run.state;
    }

    /**
     * The generator's run state: everything but the handle. The producer strand's stack refers
     * to this (its body was handed {@link #handOver}), and so does the loop's set of open
     * generators, so the handle alone can become unreachable. Loop thread only.
     */
    static final class Run<T> {
        private final Body<T> body;
        private State state = State.NEW;
        private Strand producer;
        private EventLoop loop; // set when started, before the finalizer is registered
        private Strand consumer;
        private T pending;
        private boolean hasPending;
        private Throwable failure;
        private boolean closing;
        /** What the next resumption hands the producer: asend's value, or athrow's error. */
        private Object sent;
        private Throwable thrown;

        Run(Body<T> body) {
            this.body = body;
        }

        /** {@link AsyncGenerator#close()}; also the finalizer's and {@code shutdownAsyncgens}'. */
        void close() {
            if (state == State.NEW) {
                state = State.FINISHED;
                return;
            }
            if (state != State.SUSPENDED) {
                return;
            }
            closing = true;
            hasPending = false;
            pending = null;
            resume("AsyncGenerator.close()");
            Throwable f = failure;
            failure = null;
            if (f != null && !(f instanceof GeneratorExit)) {
                throw Sneaky.rethrow(f);
            }
        }

        /** Runs the producer until it yields or ends. True if this started it (the first call). */
        private boolean resume(String what) {
            Strand me = Strand.current();
            if (me == null) {
                throw new IllegalStateException(what + ": called outside a task; iterate an async generator inside "
                        + "a task (Asyncio.run(...), createTask(...))");
            }
            if (state == State.RUNNING) {
                throw new IllegalStateException(what + ": the generator is already running (another task is "
                        + "waiting for its next value, or the generator tries to consume itself)");
            }
            Task<?> task = (Task<?>) me.owner;
            boolean started = producer == null;
            if (started) {
                producer = me.loop().engine.newStrand(me.loop(), task, this::produce);
                loop = task.loop;
                loop.asyncgens.add(this);
            } else if (producer.loop() != me.loop()) {
                throw new IllegalStateException(what + ": the generator belongs to another event loop; consume it "
                        + "where it started");
            }
            consumer = me;
            producer.owner = task; // the producer runs as part of whichever task consumes it
            producer.context = me.context; // ... and in its context: its sets are the consumer's
            state = State.RUNNING;
            me.prepareWait(this);
            producer.wakeNext();
            me.suspend();
            return started;
        }

        private void produce() {
            try {
                body.run(this::handOver);
            } catch (Throwable t) {
                failure = t; // a GeneratorExit after close() included: close() tells them apart
            }
            state = State.FINISHED;
            loop.asyncgens.remove(this);
            consumer.wakeNext();
        }

        private Object handOver(T value) {
            if (Strand.current() != producer) {
                throw new IllegalStateException("AsyncGenerator yield: called outside the generator's body; yield "
                        + "only from the body, while it runs");
            }
            if (closing) {
                throw new IllegalStateException("AsyncGenerator: the generator ignored GeneratorExit and yielded "
                        + "again; let GeneratorExit propagate (clean up in finally)");
            }
            pending = value;
            hasPending = true;
            state = State.SUSPENDED;
            producer.prepareWait(this);
            consumer.wakeNext();
            producer.suspend();
            state = State.RUNNING;
            if (closing) {
                throw new GeneratorExit();
            }
            Throwable t = thrown;
            Object s = sent;
            thrown = null;
            sent = null;
            if (t != null) {
                throw Sneaky.rethrow(t);
            }
            return s;
        }

        @Override
        public String toString() {
            return "<AsyncGenerator " + state.name().toLowerCase() + ">";
        }
    }

    /**
     * Runs on the cleaner's thread when a started generator's handle is collected: asks its
     * loop to close it in a new task, if it is still suspended then. Holds the run state, never
     * the handle. asyncio: {@code BaseEventLoop._asyncgen_finalizer_hook}
     */
    private record Finalizer(Run<?> generator) implements Runnable {
        @Override
        public void run() {
            EventLoop loop = generator.loop;
            try {
                loop.callSoonThreadsafe(() -> {
                    if (generator.state == State.SUSPENDED && !loop.isClosed()) {
                        loop.createTask(() -> loop.closeAsyncgen(generator));
                    }
                });
            } catch (IllegalStateException closed) {
                // the loop is closed: shutdownAsyncgens already closed what it could
            }
        }
    }

    /** Shows the state: {@code <AsyncGenerator suspended>}. asyncio: {@code repr(agen)} */
    @Override
    public String toString() {
        return run.toString();
    }
}
