package io.asyncio4j.http.client;

/**
 * One listener of a {@link TraceSignal}: called in the task making the request, at the point the
 * signal names, with the session, the request's context of its {@link TraceConfig} and the
 * signal's parameters. It may suspend (an {@code await}, a write to a queue): the request waits
 * for it, as aiohttp awaits its signal handlers. What it throws fails the request: an
 * IOException, a RuntimeException or an Error as it is, another checked exception wrapped in a
 * {@link ClientException}.
 * <p>
 * asyncio: an aiohttp trace handler, {@code async def on_x(session, trace_config_ctx, params)}
 *
 * @param <C> the type of the per-request context ({@link TraceConfig}'s)
 * @param <P> the signal's parameters ({@link TraceParams})
 */
@FunctionalInterface
public interface TraceCallback<C, P> {
    /**
     * Handles the signal. May suspend. asyncio: {@code await handler(session, trace_config_ctx, params)}
     *
     * @throws Exception to fail the request
     */
    void call(ClientSession session, C traceConfigCtx, P params) throws Exception;
}
