package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Delays and timeouts shorter than a nanosecond, which the loop clock cannot show: a positive one
 * is still a delay, as asyncio's float seconds keep it (a timer, a timeout not yet expired), and
 * a negative one is already due. Outputs cited are CPython 3.13.0's.
 */
@ExtendWith(AsyncioExtension.class)
class SubNanosecondDelayTest {

    /** Task "a" sleeps {@code seconds} while task "b" queues a callback in the same iteration. */
    private static List<String> sleepBesideACallback(EventLoop loop, double seconds) {
        List<String> log = new ArrayList<>();
        Task<Void> a = createTask(() -> {
            log.add("a before sleep");
            sleep(seconds);
            log.add("a after sleep");
        });
        Task<Void> b = createTask(() -> {
            log.add("b schedules cb");
            loop.callSoon(() -> log.add("cb from b"));
        });
        gather(a, b);
        sleep(0.01);
        return log;
    }

    @Test
    void aPositiveSleepUnderANanosecondIsATimerSoACallbackQueuedAfterItRunsFirst(EventLoop loop) {
        // CPython 3.13: await asyncio.sleep(1e-10) in task a, loop.call_soon(cb) in task b ->
        // ['a before sleep(1e-10)', 'b schedules cb', 'cb from b', 'a after sleep(1e-10)']
        assertEquals(List.of("a before sleep", "b schedules cb", "cb from b", "a after sleep"),
                sleepBesideACallback(loop, 1e-10));
    }

    @Test
    void aNegativeSleepUnderANanosecondYieldsOnceLikeSleepZero(EventLoop loop) {
        // CPython 3.13: asyncio.sleep(-1e-10) ->
        // ['a before sleep(-1e-10)', 'b schedules cb', 'a after sleep(-1e-10)', 'cb from b']
        assertEquals(List.of("a before sleep", "b schedules cb", "a after sleep", "cb from b"),
                sleepBesideACallback(loop, -1e-10));
    }

    @Test
    void waitForWithAPositiveTimeoutUnderANanosecondStillRunsTheCoroutine() {
        // CPython 3.13: await asyncio.wait_for(quick(), 1e-10) -> 'quick' (wait_for(quick(), 0) raises)
        assertEquals("quick", waitFor(() -> "quick", 1e-10));
    }
}
