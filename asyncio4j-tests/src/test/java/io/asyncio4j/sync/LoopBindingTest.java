package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Primitives and queues bind, as asyncio's {@code _LoopBoundMixin} does, to the loop of the
 * first task that has to wait on them, and refuse a wait from another loop after that; what does
 * not wait serves one loop after another. On top of that (CPython has the GIL), they refuse, with
 * a clear error and before touching their state, use from another thread while a loop using them
 * runs.
 */
@ExtendWith(AsyncioExtension.class)
class LoopBindingTest {

    /** What {@code r} threw, or null. */
    private static Throwable thrownBy(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Runs {@code r} on another thread while this loop keeps running, and returns what it threw. */
    private static Throwable thrownOnAnotherThread(Runnable r) {
        return toThread(() -> thrownBy(r));
    }

    /** Runs {@code r} as the main task of a second loop, on another thread, and returns what it threw. */
    private static Throwable thrownInAnotherLoop(Runnable r) {
        return toThread(() -> {
            try (EventLoop other = new EventLoop()) {
                return other.runUntilComplete(() -> thrownBy(r));
            }
        });
    }

    private static void assertNamesTheThreadSafeWays(Throwable t, String what) {
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().startsWith(what + ": called from thread '"), t.getMessage());
        assertTrue(t.getMessage().contains("loop.callSoonThreadsafe(...)"), t.getMessage());
        assertTrue(t.getMessage().contains("Asyncio.runCoroutineThreadsafe(...)"), t.getMessage());
    }

    private static void assertBoundElsewhere(Throwable t, String what) {
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().startsWith(what + ": "), t.getMessage());
        assertTrue(t.getMessage().contains("is bound to a different event loop"), t.getMessage());
    }

    private static void assertInUseByAnotherLoop(Throwable t, String what) {
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().startsWith(what + ": "), t.getMessage());
        assertTrue(t.getMessage().contains("is in use by another event loop, which is running"), t.getMessage());
    }

    @Test
    void aLockReleasedFromAnotherThreadRaisesAndStaysLocked() {
        Lock lock = new Lock();
        lock.acquire();
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(lock::release), "Lock.release()");
        assertEquals("<Lock [locked]>", lock.toString());
        lock.release();
    }

    @Test
    void anEventSetFromAnotherThreadRaisesAndStaysUnset() {
        Event ev = new Event();
        ev.clear(); // binds it
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(ev::set), "Event.set()");
        assertEquals("<Event [unset]>", ev.toString());
    }

    @Test
    void anEventCanBeSetFromAnotherThreadThroughCallSoonThreadsafe(EventLoop loop) {
        Event ev = new Event();
        ev.clear();
        toThread(() -> loop.callSoonThreadsafe(ev::set));
        ev.await();
        assertTrue(ev.isSet());
    }

    @Test
    void everyPrimitiveRefusesAnotherThreadWhileItsLoopRuns() {
        Semaphore sem = new Semaphore(1);
        sem.acquire();
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(sem::release), "Semaphore.release()");
        BoundedSemaphore bounded = new BoundedSemaphore(1);
        bounded.acquire();
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(bounded::release), "BoundedSemaphore.release()");
        Condition cond = new Condition();
        cond.acquire();
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(() -> cond.notify(1)), "Condition.notify()");
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(cond::await), "Condition.await()");
        Barrier barrier = new Barrier(1);
        barrier.await();
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(barrier::await), "Barrier.await()");
        sem.release();
        bounded.release();
        cond.release();
        assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void aQueueRefusesAnotherThreadWithoutLosingItsItems() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(q::getNowait), "Queue.getNowait()");
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(() -> q.putNowait(2)), "Queue.putNowait()");
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(q::get), "Queue.get()");
        assertNamesTheThreadSafeWays(thrownOnAnotherThread(q::shutdown), "Queue.shutdown()");
        assertEquals("<Queue maxsize=0 _queue=[1] tasks=1>", q.toString());
        assertEquals(1, q.getNowait());
    }

    @Test
    void queriesMayReadASnapshotFromAnyThread() {
        Lock lock = new Lock();
        lock.acquire();
        Queue<Integer> q = new Queue<>();
        q.putNowait(7);
        assertEquals(List.of(true, 1, "<Lock [locked]>"),
                toThread(() -> List.<Object>of(lock.isLocked(), q.qsize(), lock.toString())));
        lock.release();
    }

    @Test
    void aPrimitiveUsedByALoopRunningOnAnotherThreadRaisesThatItIsInUseThere() {
        Event ev = new Event();
        ev.clear(); // this test's loop uses it, and keeps running
        assertInUseByAnotherLoop(thrownInAnotherLoop(ev::set), "Event.set()");
        assertInUseByAnotherLoop(thrownInAnotherLoop(ev::await), "Event.await()");
        Lock lock = new Lock();
        lock.acquire();
        assertInUseByAnotherLoop(thrownInAnotherLoop(lock::release), "Lock.release()");
        assertTrue(lock.isLocked());
        lock.release();
    }

    @Test
    void aPrimitiveServesOneLoopAfterAnotherAsLongAsNoTaskWaits() {
        // CPython: a module-level Lock or Queue used by one asyncio.run() after another
        Lock lock = new Lock();
        Queue<String> q = new Queue<>();
        assertNull(thrownInAnotherLoop(() -> {
            try (var _ = lock.hold()) {
                q.putNowait("from the other loop");
            }
        }));
        try (var _ = lock.hold()) {
            assertEquals("from the other loop", q.getNowait());
        }
        assertNull(lock.binding().boundLoop());
    }

    @Test
    void theFirstTaskThatWaitsBindsThePrimitiveToItsLoop(EventLoop loop) {
        Lock lock = new Lock();
        lock.acquire();
        assertNull(lock.binding().boundLoop()); // taken without waiting
        Task<Void> waiter = createTask(() -> {
            lock.acquire();
            lock.release();
        });
        sleep(0);
        assertSame(loop, lock.binding().boundLoop());
        lock.release();
        waiter.await();
    }

    @Test
    void aWaitInAnotherLoopAfterTheBindingRaisesAndLeavesNoWaiter() {
        Event ev = new Event();
        assertNull(thrownInAnotherLoop(() -> {
            EventLoop.getRunningLoop().callSoon(ev::set);
            ev.await(); // binds to the other loop
        }));
        ev.await(); // set: returns without waiting, so without looking at the binding
        ev.clear();
        assertBoundElsewhere(thrownBy(ev::await), "Event.await()");
        assertEquals("<Event [unset]>", ev.toString());
    }

    @Test
    void aContendedLockInAnotherLoopAfterTheBindingRaisesAndStaysFree() {
        Lock lock = new Lock();
        Runnable contended = () -> {
            Task<Void> holder = createTask(() -> {
                try (var _ = lock.hold()) {
                    sleep(0);
                }
            });
            sleep(0);
            try {
                lock.acquire(); // the holder has it: waits
                lock.release();
            } finally {
                holder.await();
            }
        };
        assertNull(thrownInAnotherLoop(contended)); // waits there, so binds there
        try (var _ = lock.hold()) { // uncontended here: no wait, no binding check
            assertTrue(lock.isLocked());
        }
        assertBoundElsewhere(thrownBy(contended), "Lock.acquire()");
    }

    @Test
    void anUnusedPrimitiveCanBePreparedOutsideAnyLoop() {
        // as CPython allows: asyncio.Queue().put_nowait(x) before asyncio.run
        Queue<String> q = toThread(() -> {
            Queue<String> prepared = new Queue<>();
            prepared.putNowait("ready");
            return prepared;
        });
        Event ev = toThread(() -> {
            Event prepared = new Event();
            prepared.set();
            return prepared;
        });
        assertEquals("ready", q.getNowait());
        ev.await();
    }

    @Test
    void suspendingOperationsOutsideATaskRaiseAClearError(EventLoop loop) {
        Event ev = new Event();
        Future<Throwable> thrown = loop.createFuture();
        loop.callSoon(() -> thrown.setResult(thrownBy(ev::await)));
        Throwable t = thrown.await();
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().startsWith("Event.await(): called outside a task"), t.getMessage());
        assertEquals("<Event [unset]>", ev.toString());
    }

    @Test
    void nonSuspendingOperationsWorkFromCallbacksOfTheLoop(EventLoop loop) {
        Event ev = new Event();
        Lock lock = new Lock();
        lock.acquire();
        loop.callSoon(ev::set);
        loop.callSoon(lock::release);
        ev.await();
        lock.acquire();
        lock.release();
    }

    @Test
    void theBindingNamesTheLoopOfTheFirstWaiter(EventLoop loop) {
        LoopBinding binding = new LoopBinding();
        assertSame(loop, binding.check(this, "test"));
        assertNull(binding.boundLoop());
        Future<Void> waiter = binding.newWaiter(loop, this, "test");
        assertSame(loop, binding.boundLoop());
        assertSame(loop, waiter.getLoop());
        assertEquals("<LoopBinding bound to " + loop + ">", binding.toString());
    }
}
