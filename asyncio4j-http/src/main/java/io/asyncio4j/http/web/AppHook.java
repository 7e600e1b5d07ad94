package io.asyncio4j.http.web;

/**
 * A callback run at an application's startup or cleanup (open a database pool, close it).
 * Runs in the task that starts or stops the application, and may suspend.
 * <p>
 * asyncio: a coroutine in aiohttp's {@code app.on_startup} / {@code app.on_shutdown} / {@code app.on_cleanup}
 */
@FunctionalInterface
public interface AppHook {
    /** Runs for {@code app}; may suspend. asyncio: {@code await hook(app)} */
    void run(Application app) throws Exception;
}
