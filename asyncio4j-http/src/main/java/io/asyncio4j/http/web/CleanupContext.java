package io.asyncio4j.http.web;

/**
 * A resource an application holds while it serves: {@link #setup} acquires it when the
 * application starts and returns what releases it, run when the application is cleaned up. The
 * straight-line shape of aiohttp's async generator, with the {@code yield} as the {@code return}:
 * <pre>{@code
 * app.cleanupCtx().add(app -> {
 *     Pool pool = Pool.open(url);        // before the yield: setup
 *     app.state().put("pool", pool);
 *     return pool::close;                // after the yield: teardown
 * });
 * }</pre>
 * A teardown runs only if its setup returned, and at most once. See {@link Application#cleanupCtx()}
 * for the order and for what happens when a setup or a teardown fails.
 * <p>
 * Threading: runs in the task that sets up or cleans up the {@link AppRunner}; both parts may suspend.
 * <p>
 * aiohttp: a function in {@code app.cleanup_ctx}, {@code async def ctx(app): ...; yield; ...}
 */
@FunctionalInterface
public interface CleanupContext {
    /**
     * Sets up for {@code app} and returns its teardown (never null: {@code () -> { }} for none).
     * May suspend. aiohttp: the generator's code up to its {@code yield}
     */
    AutoCloseable setup(Application app) throws Exception;
}
