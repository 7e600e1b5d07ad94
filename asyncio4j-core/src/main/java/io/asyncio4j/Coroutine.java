package io.asyncio4j;

/**
 * The body of a task: straight-line code that may suspend (await futures, sleep, take locks).
 * Usually a lambda: {@code createTask(() -> { sleep(1); return "done"; })}.
 * <p>
 * asyncio: a coroutine ({@code async def}); calling {@link #call()} outside a task runs it
 * synchronously, which is only legal if it never suspends.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Coroutine<T> {

    /** Runs the body; may suspend; its exceptions become the task's exception. */
    T call() throws Exception;

    /** A coroutine from a body with no result (the task's result is {@code null}). */
    static Coroutine<Void> of(VoidCoroutine body) {
        if (body == null) {
            throw new NullPointerException("Coroutine.of(): the body is null");
        }
        return new OfVoid(body);
    }

    /** The coroutine {@link #of(VoidCoroutine)} makes; a task's repr names the body inside. */
    record OfVoid(VoidCoroutine body) implements Coroutine<Void> {
        @Override
        public Void call() throws Exception {
            body.run();
            return null;
        }
    }

    /** A coroutine body without a result. */
    @FunctionalInterface
    interface VoidCoroutine {
        /** Runs the body; may suspend. */
        void run() throws Exception;
    }
}
