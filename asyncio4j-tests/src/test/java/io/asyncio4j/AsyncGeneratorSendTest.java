package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AsyncGenerator.asend / athrow against CPython 3.13. The reference program (run with
 * {@code PYENV_VERSION=3.13.0 python3}):
 * <pre>
 * async def echo():
 *     got = []
 *     try:
 *         while True:
 *             try:
 *                 v = yield len(got)
 *                 got.append(v)
 *             except ValueError as e:
 *                 got.append('caught ' + str(e))
 *                 v = yield 'recovered'
 *     finally:
 *         print('finally', got)
 * async def once():
 *     yield 1
 *     yield 2
 * </pre>
 * Its outputs are quoted at each test.
 */
@ExtendWith(AsyncioExtension.class)
class AsyncGeneratorSendTest {

    /** Python's echo(): yields how many values it has received, records them in {@code got}. */
    static AsyncGenerator<Object> echo(List<Object> got) {
        return generator((AsyncGenerator.Yield<Object> out) -> {
            try {
                while (true) {
                    try {
                        Object v = out.yield(got.size());
                        got.add(v);
                    } catch (IllegalArgumentException e) {
                        got.add("caught " + e.getMessage());
                        out.yield("recovered");
                    }
                }
            } finally {
                got.add("finally");
            }
        });
    }

    static AsyncGenerator<Integer> once() {
        return generator((AsyncGenerator.Yield<Integer> out) -> {
            out.yield(1);
            out.yield(2);
        });
    }

    // Python: "1 new asend nonNone: TypeError can't send non-None value to a just-started async generator"
    //         "1b state after True 0" (the generator is still usable)
    @Test
    void asendOfANonNullValueToANewGeneratorIsRefusedAndLeavesItNew() {
        AsyncGenerator<Object> g = echo(new ArrayList<>());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.asend(5));
        assertTrue(e.getMessage().contains("just-started"), e.getMessage());
        assertEquals(AsyncGenerator.State.NEW, g.state());
        assertEquals(0, g.asend(null));
        g.close();
    }

    // Python: "2 asend None on new -> 0", "2 asend x -> 1", "2 anext -> 2"
    @Test
    void asendResumesTheYieldWithTheValueAndNextSendsNull() {
        List<Object> got = new ArrayList<>();
        AsyncGenerator<Object> g = echo(got);
        assertEquals(0, g.asend(null));
        assertEquals(1, g.asend("x"));
        assertEquals(2, g.next());
        assertEquals(java.util.Arrays.asList("x", null), got.subList(0, 2));
        g.close();
    }

    // Python: "2 athrow ValueError -> recovered", "finally ['x', None, 'caught boom']"
    @Test
    void athrowOnASuspendedGeneratorRaisesAtTheYieldAndReturnsWhatItYieldsNext() {
        List<Object> got = new ArrayList<>();
        AsyncGenerator<Object> g = echo(got);
        g.asend(null);
        g.asend("x");
        g.next();
        assertEquals("recovered", g.athrow(new IllegalArgumentException("boom")));
        g.close();
        assertEquals(java.util.Arrays.asList("x", null, "caught boom", "finally"), got);
    }

    // Python: "3 athrow new: ValueError early", "3 after: StopAsyncIteration"
    @Test
    void athrowOnANewGeneratorThrowsWithoutRunningTheBodyAndFinishesIt() {
        List<String> ran = new ArrayList<>();
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> out) -> {
            ran.add("body");
            out.yield(1);
        });
        IllegalArgumentException early = new IllegalArgumentException("early");
        assertEquals(early, assertThrows(IllegalArgumentException.class, () -> g.athrow(early)));
        assertEquals(List.of(), ran);
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
        assertFalse(g.hasNext());
    }

    // Python: "4 athrow uncaught: KeyError 'k'", "4 asend finished: StopAsyncIteration StopAsyncIteration()"
    @Test
    void anUncaughtAthrowErrorPropagatesAndFinishesTheGenerator() {
        AsyncGenerator<Integer> g = once();
        assertEquals(1, g.next());
        IllegalStateException k = new IllegalStateException("k");
        assertEquals(k, assertThrows(IllegalStateException.class, () -> g.athrow(k)));
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
        assertThrows(NoSuchElementException.class, () -> g.asend(null));
    }

    // Python (agen2.py): "finished athrow -> None", "closed-new athrow -> None"
    @Test
    void athrowOnAFinishedGeneratorReturnsNull() {
        AsyncGenerator<Integer> g = once();
        g.next();
        g.next();
        assertFalse(g.hasNext());
        assertNull(g.athrow(new IllegalArgumentException("late")));
        AsyncGenerator<Integer> closed = once();
        closed.close();
        assertNull(closed.athrow(new IllegalArgumentException("c")));
    }

    // Python (agen2.py): "closed-new asend: StopAsyncIteration", "closed-new asend 3: StopAsyncIteration"
    @Test
    void asendOnAFinishedGeneratorRaisesNoSuchElement() {
        AsyncGenerator<Integer> g = once();
        g.close();
        assertThrows(NoSuchElementException.class, () -> g.asend(null));
        assertThrows(NoSuchElementException.class, () -> g.asend(3));
    }

    // Python: "5 caught then returned: StopAsyncIteration StopAsyncIteration()"
    @Test
    void athrowThatTheBodyCatchesBeforeReturningRaisesNoSuchElement() {
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> out) -> {
            try {
                out.yield(1);
            } catch (IllegalArgumentException e) {
                return;
            }
        });
        g.next();
        assertThrows(NoSuchElementException.class, () -> g.athrow(new IllegalArgumentException("x")));
        assertEquals(AsyncGenerator.State.FINISHED, g.state());
    }

    // Python: "6 asend running: RuntimeError anext(): asynchronous generator is already running"
    //         "6 athrow running: RuntimeError athrow(): asynchronous generator is already running"
    //         "6 t 1" (the first consumer still gets its value)
    @Test
    void asendAndAthrowWhileAnotherTaskWaitsOnTheGeneratorAreRefused() {
        AsyncGenerator<Integer> g = generator((AsyncGenerator.Yield<Integer> out) -> {
            sleep(1);
            out.yield(1);
        });
        Task<Integer> t = createTask(g::next);
        sleep(0);
        assertEquals(AsyncGenerator.State.RUNNING, g.state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.asend(null));
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> g.athrow(new IllegalArgumentException()));
        assertEquals(1, t.await());
        g.close();
    }

    // Python: "7 self: RuntimeError anext(): asynchronous generator is already running"
    @Test
    void aGeneratorThatSendsToItselfIsRefused() {
        List<AsyncGenerator<Object>> self = new ArrayList<>();
        AsyncGenerator<Object> g = generator((AsyncGenerator.Yield<Object> out) -> out.yield(self.get(0).asend(null)));
        self.add(g);
        assertThrows(IllegalStateException.class, () -> g.asend(null));
    }

    @Test
    void asendAfterHasNextFetchedAValueIsRefusedUntilNextTakesIt() {
        AsyncGenerator<Integer> g = once();
        assertTrue(g.hasNext());
        assertThrows(IllegalStateException.class, () -> g.asend(null));
        assertEquals(1, g.next());
        assertEquals(2, g.asend(null));
        g.close();
    }

    @Test
    void theYieldReturnsNullWhenTheConsumerUsesNext() {
        List<Object> got = new ArrayList<>();
        AsyncGenerator<Object> g = echo(got);
        g.next();
        g.next();
        g.close();
        assertEquals(java.util.Arrays.asList(null, "finally"), got);
    }
}
