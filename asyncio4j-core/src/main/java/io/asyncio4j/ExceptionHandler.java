package io.asyncio4j;

/**
 * Receives the errors nobody else can: a callback that threw, a task exception never retrieved,
 * a failure in a transport. Runs on the loop thread.
 * <p>
 * asyncio: the handler given to {@code loop.set_exception_handler(handler)}
 */
@FunctionalInterface
public interface ExceptionHandler {

    /** Handles one error; should not throw (if it does, the default handler logs both). */
    void handle(EventLoop loop, ExceptionContext context);
}
