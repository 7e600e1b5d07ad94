package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Outcome;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.gatherOutcomes;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.Barrier semantics, after CPython's test_locks.BarrierTests. */
@ExtendWith(AsyncioExtension.class)
class BarrierTest {
    private static final int N = 5;

    /** Starts {@code n} tasks running {@code body} and returns them. */
    private static <T> List<Task<T>> start(int n, io.asyncio4j.Coroutine<T> body) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(body));
        }
        return tasks;
    }

    @Test
    void partiesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertTrue(e.getMessage().contains("parties must be > 0"), e.getMessage());
        assertEquals(N, new Barrier(N).parties());
    }

    @Test
    void eachPartyGetsItsArrivalIndexWhenTheLastOneArrives() {
        Barrier barrier = new Barrier(3);
        List<Integer> indices = gather(start(3, barrier::await));
        assertEquals(List.of(0, 1, 2), indices);
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
        assertEquals(Barrier.State.FILLING, barrier.state());
    }

    @Test
    void nobodyPassesUntilThePartiesAreComplete() {
        Barrier barrier = new Barrier(3);
        Task<Integer> t1 = createTask(barrier::await);
        sleep(0);
        assertEquals(1, barrier.nWaiting());
        Task<Integer> t2 = createTask(barrier::await);
        sleep(0);
        assertEquals(2, barrier.nWaiting());
        assertFalse(t1.isDone() || t2.isDone());
        Task<Integer> t3 = createTask(barrier::await);
        assertEquals(List.of(0, 1, 2), gather(t1, t2, t3));
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void aOnePartyBarrierPassesAtOnceEveryTime() {
        Barrier barrier = new Barrier(1);
        assertEquals(0, barrier.await());
        assertEquals(0, barrier.await());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    void theBarrierCanBePassedAgainOnceEveryoneHasLeft() {
        Barrier barrier = new Barrier(N);
        List<Integer> second = new ArrayList<>();
        gather(start(N, () -> {
            barrier.await();
            second.add(barrier.await());
            return null;
        }));
        Collections.sort(second);
        assertEquals(List.of(0, 1, 2, 3, 4), second);
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void releasedPartiesSeeItDrainingUntilTheLastLeaves() {
        Barrier barrier = new Barrier(N);
        List<Boolean> draining = new ArrayList<>();
        gather(start(N, () -> {
            barrier.await();
            draining.add(barrier.toString().contains("draining"));
            return null;
        }));
        assertEquals(List.of(true, true, true, true, false), draining);
    }

    @Test
    void newcomersWaitWhileTheBarrierDrains() {
        Barrier barrier = new Barrier(N);
        Barrier others = new Barrier(N - 2);
        int[] rewait = {2};
        // two parties re-enter at once while it drains; they must wait for a full new round
        gather(start(N, () -> {
            barrier.await();
            if (rewait[0] > 0) {
                rewait[0]--;
                barrier.await();
            } else {
                others.await();
                barrier.await();
            }
            return null;
        }));
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    void aCancelledWaiterLeavesItsPlaceToAnother() {
        Barrier barrier = new Barrier(3);
        List<Integer> passed = new ArrayList<>();
        io.asyncio4j.Coroutine<Void> party = () -> {
            passed.add(barrier.await());
            return null;
        };
        Task<Void> t1 = createTask(party);
        sleep(0);
        Task<Void> t2 = createTask(party);
        sleep(0);
        assertEquals(2, barrier.nWaiting());
        t1.cancel();
        sleep(0);
        assertEquals(1, barrier.nWaiting());
        assertThrows(CancelledError.class, t1::await);
        Task<Void> t3 = createTask(party);
        sleep(0);
        assertEquals(2, barrier.nWaiting());
        Task<Void> t4 = createTask(party);
        gather(t2, t3, t4);
        assertEquals(3, passed.size());
        assertFalse(barrier.isBroken());
    }

    @Test
    void resetBreaksTheWaitingPartiesAndRefillsTheBarrier() {
        Barrier barrier = new Barrier(N);
        List<Task<Boolean>> waiting = start(N - 1, () -> {
            try {
                barrier.await();
                return false;
            } catch (BrokenBarrierException e) {
                return true;
            }
        });
        sleep(0);
        assertEquals(N - 1, barrier.nWaiting());
        Task<Void> resetter = createTask(() -> barrier.reset());
        assertEquals(List.of(true, true, true, true), gather(waiting));
        resetter.await();
        assertEquals(0, barrier.nWaiting());
        assertEquals(Barrier.State.FILLING, barrier.state());
        assertFalse(barrier.isBroken());
    }

    @Test
    void resettingAnIdleBarrierLeavesItFilling() {
        Barrier barrier = new Barrier(1);
        barrier.reset();
        assertEquals(0, barrier.nWaiting());
        assertEquals("<Barrier [filling, waiters:0/1]>", barrier.toString());
    }

    @Test
    void partiesBrokenByAResetCanMeetAgain() {
        Barrier barrier = new Barrier(N);
        List<Boolean> broken = new ArrayList<>();
        List<Boolean> passed = new ArrayList<>();
        List<Task<Void>> tasks = start(N - 1, () -> {
            try {
                barrier.await();
            } catch (BrokenBarrierException e) {
                broken.add(true);
            } finally {
                barrier.await();
                passed.add(true);
            }
            return null;
        });
        Task<Void> resetter = createTask(() -> barrier.reset());
        sleep(0);
        Task<Void> last = createTask(() -> { barrier.await(); passed.add(true); });
        gather(tasks);
        gather(resetter, last);
        assertEquals(N - 1, broken.size());
        assertEquals(N, passed.size());
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void abortBreaksTheBarrierForWaitersAndLaterArrivals() {
        Barrier barrier = new Barrier(3);
        Task<Integer> waiter = createTask(barrier::await);
        sleep(0);
        barrier.abort();
        assertThrows(BrokenBarrierException.class, waiter::await);
        assertTrue(barrier.isBroken());
        BrokenBarrierException e = assertThrows(BrokenBarrierException.class, barrier::await);
        assertTrue(e.getMessage().startsWith("Barrier.await(): the barrier is broken"), e.getMessage());
        assertEquals(0, barrier.nWaiting());
        assertEquals("<Barrier [broken]>", barrier.toString());
    }

    @Test
    void whenOnePartyFailsAndAbortsEveryOtherPartyGetsBrokenBarrier() {
        Barrier barrier = new Barrier(N);
        List<Boolean> passedSecond = new ArrayList<>();
        List<Boolean> broken = new ArrayList<>();
        gather(start(N, () -> {
            try {
                int i = barrier.await();
                if (i == N / 2) {
                    throw new IllegalStateException("party failed");
                }
                barrier.await();
                passedSecond.add(true);
            } catch (BrokenBarrierException e) {
                broken.add(true);
            } catch (IllegalStateException e) {
                barrier.abort();
            }
            return null;
        }));
        assertTrue(barrier.isBroken());
        assertEquals(0, passedSecond.size());
        assertEquals(N - 1, broken.size());
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void aResetAfterAnAbortMakesTheBarrierUsableAgain() {
        Barrier barrier1 = new Barrier(N);
        Barrier barrier2 = new Barrier(N);
        List<Boolean> broken = new ArrayList<>();
        List<Boolean> passedAfterReset = new ArrayList<>();
        gather(start(N, () -> {
            try {
                int i = barrier1.await();
                if (i == N / 2) {
                    throw new IllegalStateException("party failed");
                }
                barrier1.await();
            } catch (BrokenBarrierException e) {
                broken.add(true);
            } catch (IllegalStateException e) {
                barrier1.abort();
            }
            // everyone has left barrier1: reset it, then meet there again
            int i = barrier2.await();
            if (i == N / 2) {
                barrier1.reset();
            }
            barrier2.await();
            barrier1.await();
            passedAfterReset.add(true);
            return null;
        }));
        assertFalse(barrier1.isBroken());
        assertEquals(N - 1, broken.size());
        assertEquals(N, passedAfterReset.size());
        assertEquals(0, barrier1.nWaiting());
    }

    @Test
    void toStringShowsEachStateAndTheWaitingCount() {
        Barrier barrier = new Barrier(N);
        assertEquals("<Barrier [filling, waiters:0/5]>", barrier.toString());
        List<Task<Integer>> waiters = new ArrayList<>(start(2, barrier::await));
        sleep(0);
        assertEquals("<Barrier [filling, waiters:2/5]>", barrier.toString());

        waiters.addAll(start(N - 2, barrier::await));
        sleep(0);
        assertEquals("<Barrier [draining, waiters:0/5]>", barrier.toString());

        waiters.addAll(start(2, barrier::await)); // blocked while it drains
        sleep(0);
        barrier.reset();
        assertEquals("<Barrier [resetting, waiters:0/5]>", barrier.toString());

        waiters.addAll(start(2, barrier::await));
        sleep(0);
        barrier.abort();
        assertEquals("<Barrier [broken]>", barrier.toString());
        assertTrue(barrier.isBroken());

        // as in CPython: the first round passes, the four later arrivals are broken
        List<Outcome<Integer>> outcomes = gatherOutcomes(waiters);
        for (int i = 0; i < N; i++) {
            assertEquals(i, outcomes.get(i).value());
        }
        for (int i = N; i < N + 4; i++) {
            assertTrue(outcomes.get(i).exception() instanceof BrokenBarrierException, outcomes.get(i).toString());
        }
    }
}
