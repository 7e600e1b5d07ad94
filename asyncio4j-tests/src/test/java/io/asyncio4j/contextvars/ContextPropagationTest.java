package io.asyncio4j.contextvars;

import io.asyncio4j.AsyncGenerator;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Which context tasks and callbacks run in: each expectation is CPython 3.13's output for the
 * same program (a task copies its creator's context; a callback copies its scheduler's; an
 * explicit context is shared, not copied).
 */
@ExtendWith(AsyncioExtension.class)
class ContextPropagationTest {
    private final ContextVar<String> v = new ContextVar<>("v", "d");

    @Test
    void aTaskSeesItsCreatorsValuesAtCreation() {
        v.set("main1");
        Task<String> t = createTask(() -> v.get());
        v.set("main2");
        assertEquals("main1", t.await());
    }

    @Test
    void aTasksSetsAreNotSeenByItsCreator() {
        v.set("main");
        createTask(() -> {
            v.set("child");
            sleep(0);
        }).await();
        assertEquals("main", v.get());
    }

    @Test
    void aTaskGivenAContextRunsInThatContextItself() {
        v.set("main");
        Context ctx = Context.copyContext();
        Task<Void> t = createTask(() -> {
            v.set("child");
        }, null, ctx);
        t.await();
        assertSame(ctx, t.getContext());
        assertEquals("child", ctx.get(v));
        assertEquals("main", v.get());
    }

    @Test
    void tasksGivenTheSameContextSeeEachOthersSets() {
        Context shared = new Context();
        createTask(() -> {
            v.set("first");
        }, null, shared).await();
        assertEquals("first", createTask(() -> v.get(), null, shared).await());
    }

    @Test
    void aCallbackSeesTheValuesOfWhenItWasScheduled() {
        EventLoop loop = getRunningLoop();
        Future<String> seen = loop.createFuture();
        v.set("main2");
        loop.callSoon(() -> {
            seen.setResult(v.get());
            v.set("cb");
        });
        v.set("main3");
        assertEquals("main2", seen.await());
        assertEquals("main3", v.get());
    }

    @Test
    void aCallbackGivenAContextSetsInIt() {
        EventLoop loop = getRunningLoop();
        Future<Void> done = loop.createFuture();
        Context ctx = Context.copyContext();
        loop.callSoon(() -> {
            v.set("cb");
            done.setResult(null);
        }, ctx);
        done.await();
        assertEquals("cb", ctx.get(v));
        assertEquals("d", v.get());
    }

    @Test
    void aTimerCallbackSeesTheValuesOfWhenItWasScheduled() {
        EventLoop loop = getRunningLoop();
        Future<String> seen = loop.createFuture();
        v.set("scheduled");
        loop.callLater(1, () -> seen.setResult(v.get()));
        v.set("later");
        assertEquals("scheduled", seen.await());
    }

    @Test
    void callAtRunsInTheGivenContext() {
        EventLoop loop = getRunningLoop();
        Future<String> seen = loop.createFuture();
        Context ctx = new Context();
        ctx.run(() -> v.set("given"));
        loop.callAt(loop.time() + 1, () -> seen.setResult(v.get()), ctx);
        assertEquals("given", seen.await());
    }

    @Test
    void aDoneCallbackSeesTheValuesOfWhenItWasAdded() {
        EventLoop loop = getRunningLoop();
        Future<Integer> f = loop.createFuture();
        Future<String> seen = loop.createFuture();
        v.set("x");
        f.addDoneCallback(ignored -> seen.setResult(v.get()));
        v.set("before-result");
        f.setResult(1);
        assertEquals("x", seen.await());
    }

    @Test
    void aDoneCallbackAddedToADoneFutureSeesTheValuesOfNow() {
        EventLoop loop = getRunningLoop();
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        Future<String> seen = loop.createFuture();
        v.set("now");
        f.addDoneCallback(ignored -> seen.setResult(v.get()));
        v.set("later");
        assertEquals("now", seen.await());
    }

    @Test
    void aDoneCallbackGivenAContextSetsInIt() {
        EventLoop loop = getRunningLoop();
        Future<Integer> f = loop.createFuture();
        Context ctx = new Context();
        f.addDoneCallback(ignored -> v.set("done"), ctx);
        f.setResult(1);
        sleep(0);
        assertEquals("done", ctx.get(v));
    }

    @Test
    void removeDoneCallbackFindsACallbackStoredWithItsContext() {
        EventLoop loop = getRunningLoop();
        Future<Integer> f = loop.createFuture();
        List<String> calls = new ArrayList<>();
        java.util.function.Consumer<Future<Integer>> cb = ignored -> calls.add("called");
        v.set("in use");
        f.addDoneCallback(cb, new Context());
        f.addDoneCallback(cb);
        assertEquals(2, f.removeDoneCallback(cb));
        f.setResult(1);
        sleep(0);
        assertEquals(List.of(), calls);
    }

    @Test
    void toThreadRunsInACopyOfTheCallersContext() {
        v.set("main3");
        String inThread = toThread(() -> {
            String seen = v.get();
            v.set("thread");
            return seen + "/" + v.get();
        });
        assertEquals("main3/thread", inThread);
        assertEquals("main3", v.get());
    }

    @Test
    void gatheredCoroutinesEachRunInACopy() {
        v.set("g");
        List<String> r = gather(() -> {
            v.set("g1");
            return v.get();
        }, () -> {
            v.set("g2");
            return v.get();
        });
        assertEquals(List.of("g1", "g2"), r);
        assertEquals("g", v.get());
    }

    @Test
    void aTaskGroupChildGivenAContextSetsInIt() {
        Context c4 = Context.copyContext();
        TaskGroup.run(tg -> {
            tg.createTask(() -> {
                v.set("child-tg");
            }, null, c4);
            return null;
        });
        assertEquals("child-tg", c4.get(v));
        assertEquals("d", v.get());
    }

    @Test
    void anEagerTaskRunsItsFirstStepInItsOwnContext() {
        getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory());
        v.set("eager-parent");
        List<String> seen = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            seen.add("eager sees " + v.get());
            v.set("e");
        });
        seen.add("after create " + v.get());
        t.await();
        assertEquals(List.of("eager sees eager-parent", "after create eager-parent"), seen);
    }

    @Test
    void anAsyncGeneratorRunsInItsConsumersContext() {
        v.set("after-server");
        List<String> seen = new ArrayList<>();
        AsyncGenerator<Integer> g = Asyncio.generator((AsyncGenerator.Yield<Integer> out) -> {
            seen.add("gen sees " + v.get());
            v.set("gen");
            out.yield(1);
            seen.add("gen 2 sees " + v.get());
            out.yield(2);
        });
        g.hasNext();
        g.next();
        seen.add("main after gen " + v.get());
        createTask(() -> {
            v.set("other");
            g.hasNext();
            g.next();
        }).await();
        g.close();
        assertEquals(List.of("gen sees after-server", "main after gen gen", "gen 2 sees other"), seen);
    }

    @Test
    void aStreamServersHandlersSeeACopyOfTheContextTheServerStartedIn() throws Exception {
        v.set("before-server");
        List<String> seen = new ArrayList<>();
        Server server = Asyncio.startServer((r, w) -> {
            seen.add(v.get());
            v.set("h");
            w.close();
        }, "127.0.0.1", 0);
        v.set("after-server");
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        for (int i = 0; i < 2; i++) {
            StreamPair p = Asyncio.openConnection("127.0.0.1", port);
            p.reader().read();
            p.writer().close();
        }
        server.close();
        server.waitClosed();
        assertEquals(List.of("before-server", "before-server"), seen);
    }

    @Test
    void callSoonThreadsafeCapturesTheCallingThreadsContext() throws Exception {
        EventLoop loop = getRunningLoop();
        Future<String> seen = loop.createFuture();
        v.set("task");
        toThread(() -> {
            new Context().run(() -> {
                v.set("foreign");
                loop.callSoonThreadsafe(() -> seen.setResult(v.get()));
            });
        });
        assertEquals("foreign", seen.await());
    }

    @Test
    void aCallbackGivenAContextThatIsEnteredFailsToEnterIt() {
        // Java only: a task may suspend inside Context.run; a callback for that context meanwhile
        // cannot enter it, as Context.run cannot (CPython's RuntimeError "cannot enter context")
        EventLoop loop = getRunningLoop();
        List<Throwable> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.exception()));
        Context ctx = new Context();
        List<String> ran = new ArrayList<>();
        ctx.run(() -> {
            loop.callSoon(() -> ran.add("callback"), ctx);
            sleep(0);
        });
        assertEquals(List.of(), ran);
        assertEquals(1, reported.size(), reported.toString());
        org.junit.jupiter.api.Assertions.assertInstanceOf(IllegalStateException.class, reported.get(0));
        org.junit.jupiter.api.Assertions.assertTrue(reported.get(0).getMessage().contains("cannot enter context"));
        loop.setExceptionHandler(null);
    }
}
