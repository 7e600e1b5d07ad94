package io.asyncio4j.contextvars;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The context of main tasks: asyncio.run copies the calling thread's; a Runner keeps one for all
 * its runs (CPython 3.13's Runner). These start loops themselves, on a thread of their own so the
 * test thread's context stays untouched.
 */
class RunnerContextTest {
    private final ContextVar<String> v = new ContextVar<>("v", "d");

    private static void onFreshThread(Runnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @Test
    void runSeesTheCallingThreadsValuesAndKeepsItsOwnSetsToItself() throws Exception {
        onFreshThread(() -> {
            v.set("outer");
            assertEquals("outer", Asyncio.run(() -> {
                String seen = v.get();
                v.set("inside");
                return seen;
            }));
            assertEquals("outer", v.get());
        });
    }

    @Test
    void aRunnersMainTasksShareOneContext() throws Exception {
        onFreshThread(() -> {
            v.set("outer");
            try (Runner r = new Runner(null, () -> new EventLoop(new VirtualClock()))) {
                assertEquals("outer", r.run(() -> {
                    String seen = v.get();
                    v.set("r1");
                    return seen;
                }));
                assertEquals("r1", r.run(() -> v.get()));
            }
            assertEquals("outer", v.get());
        });
    }

    @Test
    void aRunGivenAContextRunsTheMainTaskInIt() throws Exception {
        onFreshThread(() -> {
            Context ctx = new Context();
            try (Runner r = new Runner(null, () -> new EventLoop(new VirtualClock()))) {
                r.run(() -> {
                    v.set("given");
                }, ctx);
            }
            assertEquals("given", ctx.get(v));
        });
    }
}
