package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Lock semantics, after CPython's test_locks.LockTests. */
@ExtendWith(AsyncioExtension.class)
class LockTest {

    @Test
    void aNewLockIsUnlockedAndAcquireLocksIt() {
        Lock lock = new Lock();
        assertFalse(lock.isLocked());
        lock.acquire();
        assertTrue(lock.isLocked());
        assertEquals(Lock.State.LOCKED, lock.state());
        lock.release();
        assertFalse(lock.isLocked());
    }

    @Test
    void acquiringAnUnlockedLockDoesNotYield(EventLoop loop) {
        Lock lock = new Lock();
        boolean[] ranMeanwhile = {false};
        loop.callSoon(() -> ranMeanwhile[0] = true);
        lock.acquire();
        assertFalse(ranMeanwhile[0]);
        lock.release();
    }

    @Test
    void waitersAcquireInTheOrderTheyQueued() {
        Lock lock = new Lock();
        List<Integer> order = new ArrayList<>();
        lock.acquire();
        Task<Void> t1 = createTask(() -> { lock.acquire(); order.add(1); });
        Task<Void> t2 = createTask(() -> { lock.acquire(); order.add(2); });
        sleep(0);
        assertEquals(List.of(), order);

        lock.release();
        sleep(0);
        assertEquals(List.of(1), order);
        sleep(0);
        assertEquals(List.of(1), order);

        Task<Void> t3 = createTask(() -> { lock.acquire(); order.add(3); });
        lock.release();
        sleep(0);
        assertEquals(List.of(1, 2), order);

        lock.release();
        sleep(0);
        assertEquals(List.of(1, 2, 3), order);
        gather(t1, t2, t3);
        lock.release();
    }

    @Test
    void aNewcomerQueuesBehindAWaiterThatWasWokenButHasNotRunYet() {
        Lock lock = new Lock();
        List<String> order = new ArrayList<>();
        lock.acquire();
        Task<Void> first = createTask(() -> { lock.acquire(); order.add("first"); lock.release(); });
        sleep(0);
        lock.release(); // wakes first; the lock is free until first runs
        Task<Void> newcomer = createTask(() -> { lock.acquire(); order.add("newcomer"); lock.release(); });
        gather(first, newcomer);
        assertEquals(List.of("first", "newcomer"), order);
    }

    @Test
    void releasingAnUnlockedLockRaisesAClearError() {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().startsWith("Lock.release(): the lock is not held"), e.getMessage());
    }

    @Test
    void holdReleasesTheLockWhenTheBlockEnds() {
        Lock lock = new Lock();
        try (Hold held = lock.hold()) {
            assertTrue(lock.isLocked());
            assertTrue(held.isHeld());
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void holdReleasesTheLockWhenTheBlockThrows() {
        Lock lock = new Lock();
        assertThrows(IllegalArgumentException.class, () -> {
            try (var _ = lock.hold()) {
                throw new IllegalArgumentException("boom");
            }
        });
        assertFalse(lock.isLocked());
    }

    @Test
    void holdReleasesTheLockWhenTheTaskIsCancelledInsideTheBlock() {
        Lock lock = new Lock();
        Task<Void> t = createTask(() -> {
            try (var _ = lock.hold()) {
                sleep(10);
            }
        });
        sleep(1);
        assertTrue(lock.isLocked());
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertFalse(lock.isLocked());
    }

    @Test
    void closingAHoldTwiceReleasesOnlyOnce() {
        Lock lock = new Lock();
        Hold held = lock.hold();
        held.close();
        lock.acquire(); // someone else's acquisition
        held.close();
        assertTrue(lock.isLocked());
        assertFalse(held.isHeld());
        lock.release();
    }

    @Test
    void aWaiterCancelledWhileQueuedDoesNotTakeTheLockAndLeavesTheQueue(EventLoop loop) {
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> t = createTask(() -> lock.acquire());
        loop.callSoon(t::cancel);
        assertThrows(CancelledError.class, t::await);
        assertEquals("<Lock [locked]>", lock.toString());
        lock.release();
        assertFalse(lock.isLocked());
    }

    @Test
    void aWaiterCancelledAfterBeingWokenPassesTheWakeUpToTheNextWaiter() {
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> tb = createTask(() -> lock.acquire());
        sleep(0);
        Task<Void> tc = createTask(() -> lock.acquire());
        // tb is woken by the release but cancelled before it runs: without the hand-off,
        // tc would never be woken
        tb.cancel();
        lock.release();
        sleep(0);
        assertTrue(lock.isLocked());
        assertTrue(tb.isCancelled());
        tc.await();
        lock.release();
    }

    @Test
    void aWaiterCancelledAsTheHolderReleasesDoesNotStrandTheNextWaiter(EventLoop loop) {
        Lock lock = new Lock();
        Future<Void> blocker = loop.createFuture();
        Task<Void> ta = createTask(() -> holdUntil(lock, blocker));
        sleep(0);
        assertTrue(lock.isLocked());
        Task<Void> tb = createTask(() -> holdUntil(lock, null));
        sleep(0);
        Task<Void> tc = createTask(() -> holdUntil(lock, null));
        sleep(0);
        assertEquals("<Lock [locked, waiters:2]>", lock.toString());

        blocker.setResult(null); // ta will release...
        tb.cancel();             // ...while tb, first in line, is being cancelled
        sleep(0);
        assertFalse(lock.isLocked());
        assertTrue(ta.isDone());
        assertTrue(tb.isCancelled());
        tc.await();
        assertFalse(lock.isLocked());
    }

    private static void holdUntil(Lock lock, Future<Void> blocker) {
        lock.acquire();
        try {
            if (blocker != null) {
                blocker.await();
            }
        } finally {
            lock.release();
        }
    }

    @Test
    void cancellingAWaiterWhileReleasingGrantsTheLockToExactlyOneOther(EventLoop loop) {
        Lock lock = new Lock();
        int[] acquired = {0};
        lock.acquire();
        Task<Void> t1 = createTask(() -> { lock.acquire(); acquired[0]++; });
        Task<Void> t2 = createTask(() -> { lock.acquire(); acquired[0]++; });
        Task<Void> t3 = createTask(() -> { lock.acquire(); acquired[0]++; });
        sleep(0);
        loop.callSoon(() -> {
            t1.cancel();
            lock.release();
        });
        assertThrows(CancelledError.class, t1::await);
        assertEquals(1, acquired[0]);
        assertTrue(t2.isDone());
        assertFalse(t3.isDone());
        t3.cancel();
        assertThrows(CancelledError.class, t3::await);
        assertTrue(lock.isLocked()); // t2 holds it
        lock.release();
    }

    @Test
    void aFreeLockWhoseWaitersWereAllCancelledIsTakenAtOnce(EventLoop loop) {
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> t = createTask(() -> lock.acquire());
        sleep(0);
        t.cancel();      // its waiter is cancelled but still queued until t runs
        lock.release();  // nobody live to wake
        boolean[] ranMeanwhile = {false};
        loop.callSoon(() -> ranMeanwhile[0] = true);
        lock.acquire();  // jumps the queue of cancelled waiters without waiting
        assertFalse(ranMeanwhile[0]);
        assertThrows(CancelledError.class, t::await);
        lock.release();
    }

    @Test
    void toStringShowsTheStateAndTheNumberOfWaiters() {
        Lock lock = new Lock();
        assertEquals("<Lock [unlocked]>", lock.toString());
        lock.acquire();
        assertEquals("<Lock [locked]>", lock.toString());
        Task<Void> t1 = createTask(() -> { lock.acquire(); lock.release(); });
        Task<Void> t2 = createTask(() -> { lock.acquire(); lock.release(); });
        sleep(0);
        assertEquals("<Lock [locked, waiters:2]>", lock.toString());
        lock.release();
        gather(t1, t2);
        assertEquals("<Lock [unlocked]>", lock.toString());
    }

    @Test
    void twoWorkersHoldingTheLockRunOneAfterTheOther() {
        Lock lock = new Lock();
        List<String> log = new ArrayList<>();
        gather(createTask(() -> work(lock, 1, log)), createTask(() -> work(lock, 2, log)));
        assertEquals(List.of("1 in", "1 out", "2 in", "2 out"), log);
    }

    private static void work(Lock lock, int n, List<String> log) {
        try (var _ = lock.hold()) {
            log.add(n + " in");
            sleep(1);
            log.add(n + " out");
        }
    }
}
