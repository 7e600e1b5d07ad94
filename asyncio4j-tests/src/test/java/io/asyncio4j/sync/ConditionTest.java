package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.Timeout;
import io.asyncio4j.TimeoutException;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Condition semantics (CPython 3.13), after CPython's test_locks.ConditionTests. */
@ExtendWith(AsyncioExtension.class)
class ConditionTest {

    /** A task that takes the lock, waits once, records {@code n} and keeps the lock. */
    private static Task<Void> waitThenRecord(Condition cond, List<Integer> order, int n) {
        return createTask(() -> {
            cond.acquire();
            cond.await();
            order.add(n);
        });
    }

    @Test
    void notifiedWaitersReturnOneAtATimeAsTheLockIsReleased() {
        Condition cond = new Condition();
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = waitThenRecord(cond, order, 1);
        Task<Void> t2 = waitThenRecord(cond, order, 2);
        Task<Void> t3 = waitThenRecord(cond, order, 3);
        sleep(0);
        assertEquals(List.of(), order);
        assertFalse(cond.isLocked()); // await() released it

        cond.acquire();
        cond.notifyOne();
        sleep(0);
        assertEquals(List.of(), order); // notified, but the lock is still ours
        assertTrue(cond.isLocked());

        cond.release();
        sleep(0);
        assertEquals(List.of(1), order);
        assertTrue(cond.isLocked()); // t1 returned holding it

        cond.notify(2);
        sleep(0);
        assertEquals(List.of(1), order);

        cond.release();
        sleep(0);
        assertEquals(List.of(1, 2), order);

        cond.release();
        sleep(0);
        assertEquals(List.of(1, 2, 3), order);
        assertTrue(cond.isLocked());
        gather(t1, t2, t3);
        cond.release();
    }

    @Test
    void notifyWakesAtMostNWaitersOldestFirst() {
        Condition cond = new Condition();
        List<Integer> order = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try (var _ = cond.hold()) {
                    cond.await();
                    order.add(n);
                }
            }));
        }
        sleep(0);
        try (var _ = cond.hold()) {
            cond.notify(1);
        }
        sleep(0);
        assertEquals(List.of(1), order);

        try (var _ = cond.hold()) {
            cond.notify(1);
            cond.notify(2048);
        }
        sleep(0);
        assertEquals(List.of(1, 2, 3), order);
        gather(tasks);
    }

    @Test
    void notifyAllWaitersWakesEveryWaiterInOrder() {
        Condition cond = new Condition();
        List<Integer> order = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try (var _ = cond.hold()) {
                    cond.await();
                    order.add(n);
                }
            }));
        }
        sleep(0);
        try (var _ = cond.hold()) {
            cond.notifyAllWaiters();
        }
        sleep(0);
        assertEquals(List.of(1, 2, 3), order);
        gather(tasks);
    }

    @Test
    void notifyWithoutWaitersDoesNothing() {
        Condition cond = new Condition();
        try (var _ = cond.hold()) {
            cond.notify(3);
            cond.notifyAllWaiters();
        }
        assertEquals("<Condition [unlocked]>", cond.toString());
    }

    @Test
    void awaitingWithoutHoldingTheLockRaisesAClearError() {
        Condition cond = new Condition();
        IllegalStateException e = assertThrows(IllegalStateException.class, cond::await);
        assertTrue(e.getMessage().startsWith("Condition.await(): the lock is not held"), e.getMessage());
    }

    @Test
    void notifyingWithoutHoldingTheLockRaisesAClearError() {
        Condition cond = new Condition();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cond.notify(1));
        assertTrue(e.getMessage().startsWith("Condition.notify(): the lock is not held"), e.getMessage());
        assertThrows(IllegalStateException.class, cond::notifyOne);
        e = assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
        assertTrue(e.getMessage().startsWith("Condition.notifyAllWaiters(): the lock is not held"), e.getMessage());
    }

    @Test
    void waitForRechecksThePredicateAfterEachWakeUp() {
        Condition cond = new Condition();
        boolean[] ready = {false};
        List<Integer> result = new ArrayList<>();
        Task<Void> t = createTask(() -> {
            try (var _ = cond.hold()) {
                cond.waitFor(() -> ready[0]);
                result.add(1);
            }
        });
        sleep(0);
        try (var _ = cond.hold()) {
            cond.notifyOne();
        }
        sleep(0);
        assertEquals(List.of(), result); // woken, predicate still false: waits again

        ready[0] = true;
        try (var _ = cond.hold()) {
            cond.notifyOne();
        }
        sleep(0);
        assertEquals(List.of(1), result);
        t.await();
    }

    @Test
    void waitForReturnsAtOnceWhenThePredicateHoldsEvenWithoutTheLock() {
        Condition cond = new Condition();
        cond.waitFor(() -> true);
        assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
    }

    @Test
    void aCancelledWaiterReacquiresTheLockBeforeTheCancellationPropagates(EventLoop loop) {
        Condition cond = new Condition();
        cond.acquire();
        boolean[] heldWhenCancelled = {false};
        Task<Void> t = createTask(() -> {
            try {
                cond.await(); // the lock is locked (by the main task), so it may wait
            } catch (CancelledError e) {
                heldWhenCancelled[0] = cond.isLocked();
                throw e;
            }
        });
        loop.callSoon(t::cancel);
        assertThrows(CancelledError.class, t::await);
        assertTrue(heldWhenCancelled[0]);
        assertEquals("<Condition [locked]>", cond.toString()); // re-taken, and no waiter left behind
        cond.release();
    }

    @Test
    void aWaiterCancelledWhileContestingTheLockEndsCancelledHoldingIt(EventLoop loop) {
        Condition cond = new Condition();
        cond.acquire();
        Task<Void> waiter = createTask(() -> cond.await());
        sleep(0);
        assertFalse(cond.isLocked()); // released while the waiter waits

        cond.acquire(); // contest the lock, then notify and cancel before releasing
        cond.notifyOne();
        loop.callSoon(waiter::cancel);
        loop.callSoon(cond::release);
        assertThrows(CancelledError.class, waiter::await);
        assertTrue(cond.isLocked());
        cond.release();
    }

    @Test
    void aWaiterCancelledAfterBeingNotifiedEndsCancelled() {
        Condition cond = new Condition();
        boolean[] entered = {false};
        Task<Void> waiter = createTask(() -> {
            try (var _ = cond.hold()) {
                entered[0] = true;
                cond.await();
            }
        });
        sleep(0);
        cond.acquire();
        cond.notifyOne();
        sleep(0);          // the waiter wakes and queues for the lock
        waiter.cancel();
        sleep(0);          // the cancellation reaches it in acquire()
        cond.release();
        sleep(0);          // it re-takes the lock, then raises
        assertTrue(waiter.isCancelled());
        assertTrue(entered[0]);
        assertFalse(cond.isLocked());
    }

    @Test
    void theCancellationFromTheWaitIsRaisedAsTheSameInstance() {
        Condition cond = new Condition();
        CancelledError[] raised = {null};
        Task<Void> t = createTask(() -> {
            try (var _ = cond.hold()) {
                try {
                    cond.waitFor(() -> false);
                } catch (CancelledError e) {
                    raised[0] = e;
                    throw e;
                }
            }
        });
        sleep(0);
        t.cancel("foo");
        CancelledError e = assertThrows(CancelledError.class, t::await);
        assertEquals("foo", e.getMessage());
        assertSame(raised[0], e);
    }

    @Test
    void aCancellationWhileReacquiringIsRaisedAsTheSameInstance() {
        Condition cond = new Condition();
        boolean[] wake = {false};
        CancelledError[] raised = {null};
        Task<Void> t = createTask(() -> {
            try (var _ = cond.hold()) {
                try {
                    cond.waitFor(() -> wake[0]);
                } catch (CancelledError e) {
                    raised[0] = e;
                    throw e;
                }
            }
        });
        sleep(0);
        cond.acquire();
        wake[0] = true;
        cond.notifyOne();
        sleep(0);          // t is now re-acquiring the lock
        t.cancel("foo");
        cond.release();
        CancelledError e = assertThrows(CancelledError.class, t::await);
        assertEquals("foo", e.getMessage());
        assertSame(raised[0], e);
    }

    /** Two consumers of a counter guarded by the condition; state &lt; 0 tells them to stop. */
    private static Task<Void> consumer(Condition cond, int[] state) {
        return createTask(() -> {
            try (var _ = cond.hold()) {
                while (true) {
                    cond.waitFor(() -> state[0] != 0);
                    if (state[0] < 0) {
                        return;
                    }
                    state[0]--;
                }
            }
        });
    }

    @Test
    void aWaiterCancelledRightAfterBeingNotifiedPassesTheNotificationOn() {
        Condition cond = new Condition();
        int[] state = {0};
        Task<Void> c0 = consumer(cond, state);
        Task<Void> c1 = consumer(cond, state);
        sleep(0);
        try (var _ = cond.hold()) {
            state[0]++;
            cond.notify(1);
            c0.cancel(); // before c0 runs: its wake-up must go to c1
            try {
                Timeout.after(0.01).run(() -> {
                    cond.waitFor(() -> state[0] == 0);
                    return null;
                });
            } catch (TimeoutException e) {
                // the item was not consumed: asserted below
            }
            assertEquals(0, state[0]);
            state[0] = -1;
            cond.notifyAllWaiters();
        }
        c1.await();
        assertThrows(CancelledError.class, c0::await);
    }

    @Test
    void aWaiterCancelledWhileReacquiringAfterANotificationPassesItOn() {
        Condition cond = new Condition();
        int[] state = {0};
        Task<Void> c0 = consumer(cond, state);
        Task<Void> c1 = consumer(cond, state);
        sleep(0);
        try (var _ = cond.hold()) {
            state[0]++;
            cond.notify(1);
            sleep(0);    // c0 wakes and queues for the lock we hold
            c0.cancel(); // cancelled in acquire(): its notification must go to c1
            try {
                Timeout.after(0.01).run(() -> {
                    cond.waitFor(() -> state[0] == 0);
                    return null;
                });
            } catch (TimeoutException e) {
                // the item was not consumed: asserted below
            }
            assertEquals(0, state[0]);
            state[0] = -1;
            cond.notifyAllWaiters();
        }
        c1.await();
        assertThrows(CancelledError.class, c0::await);
    }

    @Test
    void aTimeoutAroundAwaitLeavesTheLockHeld() {
        Condition cond = new Condition();
        try (var _ = cond.hold()) {
            assertThrows(TimeoutException.class, () -> waitFor(() -> {
                cond.await();
                return null;
            }, 0.5));
            assertTrue(cond.isLocked());
        }
        assertFalse(cond.isLocked());
    }

    @Test
    void holdAcquiresAndReleasesTheUnderlyingLock() {
        Condition cond = new Condition();
        assertFalse(cond.isLocked());
        try (var _ = cond.hold()) {
            assertTrue(cond.isLocked());
            assertTrue(cond.lock().isLocked());
        }
        assertFalse(cond.isLocked());
    }

    @Test
    void aConditionOverAGivenLockSharesItsState() {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        assertSame(lock, cond.lock());
        try (var _ = cond.hold()) {
            assertTrue(lock.isLocked());
        }
        assertFalse(lock.isLocked());
        try (var _ = lock.hold()) {
            assertTrue(cond.isLocked());
        }
        assertFalse(cond.isLocked());
    }

    @Test
    void toStringShowsTheLockStateAndTheNumberOfWaiters() {
        Condition cond = new Condition();
        assertEquals("<Condition [unlocked]>", cond.toString());
        Task<Void> t1 = createTask(() -> { try (var _ = cond.hold()) { cond.await(); } });
        Task<Void> t2 = createTask(() -> { try (var _ = cond.hold()) { cond.await(); } });
        sleep(0);
        assertEquals("<Condition [unlocked, waiters:2]>", cond.toString());
        cond.acquire();
        assertEquals("<Condition [locked, waiters:2]>", cond.toString());
        cond.notifyAllWaiters();
        cond.release();
        gather(t1, t2);
        assertEquals("<Condition [unlocked]>", cond.toString());
    }
}
