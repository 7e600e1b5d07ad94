package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

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

/** asyncio.Event semantics, after CPython's test_locks.EventTests. */
@ExtendWith(AsyncioExtension.class)
class EventTest {

    @Test
    void aNewEventIsNotSet() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        assertEquals(Event.State.UNSET, ev.state());
    }

    @Test
    void settingWakesEveryWaiterInTheOrderTheyWaited() {
        Event ev = new Event();
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { ev.await(); order.add(1); });
        Task<Void> t2 = createTask(() -> { ev.await(); order.add(2); });
        Task<Void> t3 = createTask(() -> { ev.await(); order.add(3); });
        sleep(0);
        assertEquals(List.of(), order);
        ev.set();
        sleep(0);
        assertEquals(List.of(1, 2, 3), order);
        assertTrue(t1.isDone() && t2.isDone() && t3.isDone());
    }

    @Test
    void aTaskThatFirstRunsAfterSetPassesBeforeTheWokenWaiters() {
        Event ev = new Event();
        List<Integer> order = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { ev.await(); order.add(1); });
        Task<Void> t2 = createTask(() -> { ev.await(); order.add(2); });
        sleep(0);
        Task<Void> t3 = createTask(() -> { ev.await(); order.add(3); }); // its first step is queued first
        ev.set();
        gather(t1, t2, t3);
        assertEquals(List.of(3, 1, 2), order); // as in CPython
    }

    @Test
    void waitingOnASetEventReturnsAtOnceWithoutYielding(EventLoop loop) {
        Event ev = new Event();
        ev.set();
        boolean[] ranMeanwhile = {false};
        loop.callSoon(() -> ranMeanwhile[0] = true);
        ev.await();
        assertFalse(ranMeanwhile[0]);
    }

    @Test
    void aWaiterReturnsWhenTheEventIsSetLater(VirtualClock clock) {
        Event ev = new Event();
        createTask(() -> { sleep(2); ev.set(); });
        ev.await();
        assertEquals(2.0, clock.seconds(), 1e-9);
    }

    @Test
    void aCancelledWaiterRaisesAndLeavesNoWaiterBehind(EventLoop loop) {
        Event ev = new Event();
        Task<Void> t = createTask(() -> ev.await());
        loop.callSoon(t::cancel);
        assertThrows(CancelledError.class, t::await);
        assertEquals("<Event [unset]>", ev.toString());
    }

    @Test
    void clearingMakesNewWaitersWaitForTheNextSet() {
        Event ev = new Event();
        ev.set();
        ev.clear();
        assertFalse(ev.isSet());
        Task<Void> t = createTask(() -> ev.await());
        sleep(0);
        assertFalse(t.isDone());
        ev.set();
        t.await();
    }

    @Test
    void aWaiterWokenBySetStillReturnsIfTheEventIsClearedBeforeItRuns() {
        Event ev = new Event();
        List<Boolean> results = new ArrayList<>();
        Task<Void> t1 = createTask(() -> { ev.await(); results.add(true); });
        Task<Void> t2 = createTask(() -> { ev.await(); results.add(true); });
        Task<Void> t3 = createTask(() -> { ev.await(); results.add(true); });
        sleep(0);
        ev.set();
        ev.clear();
        assertFalse(ev.isSet());
        Task<Void> late = createTask(() -> ev.await());
        sleep(0);
        assertEquals(List.of(true, true, true), results);
        gather(t1, t2, t3);
        assertFalse(late.isDone());
        late.cancel();
        assertThrows(CancelledError.class, late::await);
    }

    @Test
    void settingTwiceIsHarmless() {
        Event ev = new Event();
        Task<Void> t = createTask(() -> ev.await());
        sleep(0);
        ev.set();
        ev.set();
        t.await();
        assertTrue(ev.isSet());
    }

    @Test
    void toStringShowsTheStateAndTheNumberOfWaiters() {
        Event ev = new Event();
        assertEquals("<Event [unset]>", ev.toString());
        Task<Void> t1 = createTask(() -> ev.await());
        Task<Void> t2 = createTask(() -> ev.await());
        sleep(0);
        assertEquals("<Event [unset, waiters:2]>", ev.toString());
        ev.set();
        gather(t1, t2);
        assertEquals("<Event [set]>", ev.toString());
    }

    @Test
    void tenThousandWaitersAllWakeOnOneSet() {
        Event ev = new Event();
        int[] woken = {0};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            tasks.add(createTask(() -> { ev.await(); woken[0]++; }));
        }
        sleep(0);
        ev.set();
        gather(tasks);
        assertEquals(10_000, woken[0]);
        assertEquals("<Event [set]>", ev.toString());
    }
}
