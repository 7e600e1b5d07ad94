package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.gatherOutcomes;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.taskGroup;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Semaphore semantics, after CPython's test_locks.SemaphoreTests. */
@ExtendWith(AsyncioExtension.class)
class SemaphoreTest {

    @Test
    void aNegativeInitialValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(e.getMessage().contains("must be >= 0"), e.getMessage());
    }

    @Test
    void aSemaphoreWithValueZeroIsLocked() {
        assertTrue(new Semaphore(0).isLocked());
        assertFalse(new Semaphore().isLocked());
    }

    @Test
    void acquireTakesPermitsUntilNoneAreLeft() {
        Semaphore sem = new Semaphore(2);
        sem.acquire();
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
        sem.acquire();
        assertTrue(sem.isLocked());
        sem.release();
        sem.release();
        assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
    }

    @Test
    void releasesWakeQueuedTasksOneForEachPermit() {
        Semaphore sem = new Semaphore(3);
        List<Integer> order = new ArrayList<>();
        sem.acquire();
        sem.acquire();
        assertFalse(sem.isLocked());
        Task<Void> t1 = createTask(() -> { sem.acquire(); order.add(1); });
        Task<Void> t2 = createTask(() -> { sem.acquire(); order.add(2); });
        Task<Void> t3 = createTask(() -> { sem.acquire(); order.add(3); });
        sleep(0);
        assertEquals(List.of(1), order);
        assertEquals("<Semaphore [locked, waiters:2]>", sem.toString());

        Task<Void> t4 = createTask(() -> { sem.acquire(); order.add(4); });
        sem.release();
        sem.release();
        sleep(0);
        assertEquals(List.of(1, 2, 3), order); // FIFO: t4 queued last
        assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
        sem.release();
        gather(t1, t2, t3, t4);
        assertEquals(List.of(1, 2, 3, 4), order);
    }

    @Test
    void waitersAreServedInFifoOrderAcrossRounds() {
        Semaphore sem = new Semaphore(1);
        List<String> order = new ArrayList<>();
        taskGroup(tg -> {
            for (String tag : List.of("c1", "c2", "c3")) {
                tg.createTask(() -> {
                    for (int round = 1; round <= 2; round++) {
                        sem.acquire();
                        order.add(tag + "_" + round);
                        sleep(0.01);
                        sem.release();
                    }
                });
            }
        });
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), order);
    }

    @Test
    void aTaskReleasingAndReacquiringQueuesBehindTheOthers() {
        Semaphore sem = new Semaphore(1);
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { sem.acquire(); order.add(1); });
        Task<Void> t2 = createTask(() -> {
            sem.acquire();
            order.add(2);
            sem.release();
            sem.acquire();
            order.add(4);
        });
        Task<Void> t3 = createTask(() -> { sem.acquire(); order.add(3); });
        sleep(0);
        sem.release();
        sem.release();
        gather(t1, t2, t3);
        assertEquals(List.of(1, 2, 3, 4), order);
    }

    @Test
    void aCancelledWaiterIsSkippedByLaterReleases() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { sem.acquire(); order.add(1); });
        Task<Void> t2 = createTask(() -> { sem.acquire(); order.add(2); });
        Task<Void> t3 = createTask(() -> { sem.acquire(); order.add(3); });
        sleep(0);
        t1.cancel();
        sleep(0);
        sem.release();
        sem.release();
        List<Outcome<Void>> outcomes = gatherOutcomes(t1, t2, t3);
        assertInstanceOf(CancelledError.class, outcomes.get(0).exception());
        assertEquals(List.of(2, 3), order);
    }

    @Test
    void aWaiterCancelledWhileQueuedLeavesNoWaiterBehind(EventLoop loop) {
        Semaphore sem = new Semaphore();
        sem.acquire();
        Task<Void> t = createTask(() -> sem.acquire());
        loop.callSoon(t::cancel);
        assertThrows(CancelledError.class, t::await);
        assertEquals("<Semaphore [locked]>", sem.toString());
        sem.release();
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void waitersCancelledBeforeTheyRunDoNotSwallowAPermit() {
        Semaphore sem = new Semaphore(0);
        Task<Void> t1 = createTask(() -> sem.acquire());
        Task<Void> t2 = createTask(() -> sem.acquire());
        Task<Void> t3 = createTask(() -> sem.acquire());
        Task<Void> t4 = createTask(() -> sem.acquire());
        sleep(0);
        t1.cancel();
        t2.cancel();
        sem.release();
        sleep(0);
        sleep(0);
        assertTrue(t3.isDone());
        assertFalse(t4.isDone());
        assertTrue(t1.isCancelled() && t2.isCancelled());
        t4.cancel();
        assertThrows(CancelledError.class, t4::await);
        assertTrue(sem.isLocked()); // t3 holds the one permit
    }

    @Test
    void aWaiterCancelledAfterBeingWokenGivesItsPermitToTheNext() {
        Semaphore sem = new Semaphore(0);
        Task<Void> t1 = createTask(() -> sem.acquire());
        Task<Void> t2 = createTask(() -> sem.acquire());
        sleep(0);
        sem.release();  // reserves the permit for t1 and wakes it
        t1.cancel();    // t1 is cancelled before it runs: the permit must reach t2
        sleep(0);
        sleep(0);
        assertTrue(t1.isCancelled());
        assertTrue(t2.isDone());
        assertTrue(sem.isLocked()); // t2 holds it; not leaked to the value
        sem.release();
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void aTaskCancelledBeforeItsFirstAcquireDoesNotHangTheSemaphore() {
        Semaphore sem = new Semaphore(1);
        var later = new Object() {
            Task<Void> t2;
        };
        Task<Void> t1 = createTask(() -> {
            try (var _ = sem.hold()) {
                sleep(0);
            }
            later.t2.cancel();
        });
        later.t2 = createTask(() -> {
            try (var _ = sem.hold()) {
                throw new AssertionError("t2 must never get the permit");
            }
        });
        List<Outcome<Void>> outcomes = gatherOutcomes(t1, later.t2);
        assertInstanceOf(Outcome.Success.class, outcomes.get(0));
        assertInstanceOf(CancelledError.class, outcomes.get(1).exception());
        waitFor(() -> { sem.acquire(); return null; }, 1.0);
        sem.release();
    }

    @Test
    void aSuccessfulAcquireWakesEveryoneTheFifoRuleHeldBack() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { sem.acquire(); order.add(1); });
        Task<Void> t2 = createTask(() -> {
            sem.release();
            sem.release();
            sem.release();
            assertTrue(sem.isLocked()); // t1 is woken but has not run: newcomers must queue
            sem.acquire();
            order.add(2);
        });
        Task<Void> t3 = createTask(() -> { sem.acquire(); order.add(3); });
        sleep(0);
        assertEquals("<Semaphore [locked, waiters:3]>", sem.toString());
        gather(t1, t2, t3);
        assertEquals(List.of(1, 2, 3), order);
    }

    @Test
    void holdReturnsThePermitWhenTheBlockThrows() {
        Semaphore sem = new Semaphore(1);
        assertThrows(IllegalStateException.class, () -> {
            try (var _ = sem.hold()) {
                assertTrue(sem.isLocked());
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(sem.isLocked());
    }

    @Test
    void releasingAnUnboundedSemaphoreBeyondItsStartIsAllowed() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
    }

    @Test
    void threeWorkersWithTwoPermitsRunTwoAtATime() {
        Semaphore sem = new Semaphore(2);
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            int id = n;
            tasks.add(createTask(() -> {
                try (var _ = sem.hold()) {
                    log.add(id + " in");
                    sleep(1);
                    log.add(id + " out");
                }
            }));
        }
        gather(tasks);
        assertEquals(List.of("1 in", "2 in", "1 out", "2 out", "3 in", "3 out"), log);
    }

    @Test
    void releasingASemaphoreMadeWithIntegerMaxValuePermitsCountsOnInsteadOfWrappingAround() {
        // CPython 3.13: s = asyncio.Semaphore(2**31 - 1); s.release(); await s.acquire()
        // -> s.locked() False, repr '<asyncio.locks.Semaphore object at 0x.. [unlocked, value:2147483647]>'
        Semaphore sem = new Semaphore(Integer.MAX_VALUE);
        sem.release();
        assertEquals("<Semaphore [unlocked, value:2147483648]>", sem.toString());
        sem.acquire();
        assertFalse(sem.isLocked());
        assertEquals("<Semaphore [unlocked, value:2147483647]>", sem.toString());
    }
}
