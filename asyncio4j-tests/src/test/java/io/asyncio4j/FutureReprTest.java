package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.asyncio4j.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A future's and a task's repr as asyncio 3.13 writes them. A future's repr shows its result through {@code reprlib.repr}, as asyncio's does, so a huge
 * result stays short in reprs, logs and the error messages that quote the future. Expected
 * strings are CPython 3.13.0's {@code repr(fut)} for the same result.
 */
@ExtendWith(AsyncioExtension.class)
class FutureReprTest {

    private static String reprOf(EventLoop loop, Object result) {
        Future<Object> f = loop.createFuture();
        f.setResult(result);
        return f.toString();
    }

    @Test
    void aLongListShowsItsFirstSixElements(EventLoop loop) {
        // fut.set_result(list(range(100))) -> <Future finished result=[0, 1, 2, 3, 4, 5, ...]>
        assertEquals("<Future finished result=[0, 1, 2, 3, 4, 5, ...]>",
                reprOf(loop, IntStream.range(0, 100).boxed().toList()));
    }

    @Test
    void aLongStringKeepsItsTwoEnds(EventLoop loop) {
        // 'a' * 100 -> <Future finished result='aaaaaaaaaaaa...aaaaaaaaaaaaa'>
        assertEquals("<Future finished result='aaaaaaaaaaaa...aaaaaaaaaaaaa'>", reprOf(loop, "a".repeat(100)));
    }

    @Test
    void aStringWithAnApostropheIsQuotedWithDoubleQuotes(EventLoop loop) {
        // "it's" -> <Future finished result="it's">
        assertEquals("<Future finished result=\"it's\">", reprOf(loop, "it's"));
    }

    @Test
    void bytesShowAsPythonBytesAndALongArrayKeepsItsTwoEnds(EventLoop loop) {
        // b'xy' -> b'xy'; b'a' * 100 -> b'aaaaaaaaaaa...aaaaaaaaaaaaa'
        assertEquals("<Future finished result=b'xy'>", reprOf(loop, "xy".getBytes()));
        assertEquals("<Future finished result=b'aaaaaaaaaaa...aaaaaaaaaaaaa'>", reprOf(loop, "a".repeat(100).getBytes()));
    }

    @Test
    void aNumberOverFortyDigitsKeepsItsTwoEnds(EventLoop loop) {
        // 10**50 -> <Future finished result=100000000000000000...0000000000000000000>
        assertEquals("<Future finished result=100000000000000000...0000000000000000000>",
                reprOf(loop, BigInteger.TEN.pow(50)));
    }

    @Test
    void nestingDeeperThanSixLevelsIsElided(EventLoop loop) {
        // [[1, [2, [3, [4, [5, [6, [7]]]]]]]] -> [[1, [2, [3, [4, [5, [...]]]]]]]
        Object nested = List.of(List.of(1, List.of(2, List.of(3, List.of(4, List.of(5, List.of(6, List.of(7))))))));
        assertEquals("<Future finished result=[[1, [2, [3, [4, [5, [...]]]]]]]>", reprOf(loop, nested));
    }

    @Test
    void aMapShowsItsFirstFourEntries(EventLoop loop) {
        // {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5} -> {'a': 1, 'b': 2, 'c': 3, 'd': 4, ...}
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : List.of("a", "b", "c", "d", "e")) {
            m.put(k, m.size() + 1);
        }
        assertEquals("<Future finished result={'a': 1, 'b': 2, 'c': 3, 'd': 4, ...}>", reprOf(loop, m));
    }

    @Test
    void aTaskShowsItsResultTheSameWay() {
        // asyncio.create_task(asyncio.sleep(0, list(range(10)))) -> <Task finished ... result=[0, 1, 2, 3, 4, 5, ...]>
        Task<List<Integer>> t = createTask(() -> IntStream.range(0, 10).boxed().toList());
        t.await();
        assertTrue(t.toString().endsWith(" result=[0, 1, 2, 3, 4, 5, ...]>"), t.toString());
    }

    @Test
    void theErrorOfASecondSetResultQuotesTheFutureShortened(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("x".repeat(1_000_000));
        InvalidStateException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidStateException.class,
                () -> f.setResult("again"));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void aPendingTaskWithACancellationRequestedShowsAsCancelling() {
        // CPython 3.13: t = asyncio.create_task(c(), name='n'); t.cancel(); repr(t) -> "<Task cancelling name='n' ..."
        Task<Void> t = createTask(() -> Asyncio.sleep(1), "n");
        t.cancel();
        assertTrue(t.toString().startsWith("<Task cancelling name='n' coro="), t.toString());
        org.junit.jupiter.api.Assertions.assertThrows(CancelledError.class, t::await);
        assertTrue(t.toString().startsWith("<Task cancelled name='n' coro="), t.toString());
    }

    @Test
    void aTaskWhoseCancellationWasTakenBackShowsAsPendingAgain() {
        // CPython 3.13: t.cancel(); t.uncancel() -> t.cancelling() == 0, repr(t) -> "<Task pending name='n' ..."
        Task<Void> t = createTask(() -> Asyncio.sleep(1), "n");
        t.cancel();
        t.uncancel();
        assertTrue(t.toString().startsWith("<Task pending name='n' coro="), t.toString());
        t.cancel();
        org.junit.jupiter.api.Assertions.assertThrows(CancelledError.class, t::await);
    }
}
