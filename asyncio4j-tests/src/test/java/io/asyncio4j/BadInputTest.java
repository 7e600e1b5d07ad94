package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuse gets a specific exception whose message names the broken contract and the way out, and
 * nothing hangs.
 */
@ExtendWith(AsyncioExtension.class)
class BadInputTest {

    /** Runs {@code body} on a plain platform thread (outside any loop) and returns what it threw. */
    static Throwable thrownOutsideALoop(Runnable body) {
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                got.set(e);
            }
        });
        try {
            th.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return got.get();
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void awaitingAPendingFutureOutsideATaskIsRefused(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Throwable e = thrownOutsideALoop(f::await);
        assertInstanceOf(IllegalStateException.class, e);
        assertMessage(e, "outside a task", "toCompletableFuture");
    }

    @Test
    void sleepingOutsideATaskIsRefused() {
        Throwable e = thrownOutsideALoop(() -> sleep(1));
        assertInstanceOf(IllegalStateException.class, e);
        assertMessage(e, "sleep()", "outside a task", "Asyncio.run");
    }

    @Test
    void getRunningLoopOutsideALoopIsRefused() {
        Throwable e = thrownOutsideALoop(Asyncio::getRunningLoop);
        assertInstanceOf(IllegalStateException.class, e);
        assertMessage(e, "no running event loop", "Asyncio.run");
    }

    @Test
    void createTaskOutsideALoopIsRefused() {
        Throwable e = thrownOutsideALoop(() -> createTask(() -> 1));
        assertInstanceOf(IllegalStateException.class, e);
        assertMessage(e, "no running event loop");
    }

    @Test
    void runInsideARunningLoopIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> 1));
        assertMessage(e, "cannot be called from a running event loop", "await");
    }

    @Test
    void runUntilCompleteOnTheRunningLoopIsRefused(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1));
        assertMessage(e, "already running");
    }

    @Test
    void runningAnotherLoopInsideATaskIsRefused() {
        EventLoop other = new EventLoop(new VirtualClock());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(() -> 1));
            assertMessage(e, "another event loop is running in this thread");
        } finally {
            other.close();
        }
    }

    @Test
    void runningAClosedLoopIsRefused() {
        EventLoop closed = new EventLoop();
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, closed::runForever);
        assertMessage(e, "closed", "create a new one");
        assertThrows(IllegalStateException.class, () -> closed.runUntilComplete(() -> 1));
        assertThrows(IllegalStateException.class, () -> closed.createTask(() -> 1));
        assertThrows(IllegalStateException.class, () -> closed.callSoon(() -> { }));
        assertThrows(IllegalStateException.class, () -> closed.callLater(1, () -> { }));
    }

    @Test
    void closingARunningLoopIsRefused(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, loop::close);
        assertMessage(e, "running", "stop it first");
    }

    @Test
    void aLoopRunningInAnotherThreadCannotBeRunAgain() throws Exception {
        EventLoop other = new EventLoop();
        Thread runner = Thread.ofPlatform().start(other::runForever);
        try {
            while (!other.isRunning()) {
                Thread.onSpinWait();
            }
            Throwable e = thrownOutsideALoop(other::runForever);
            assertInstanceOf(IllegalStateException.class, e);
            assertMessage(e, "already running");
        } finally {
            other.callSoonThreadsafe(other::stop);
            runner.join();
            other.close();
        }
    }

    @Test
    void settingTheResultOfADoneFutureIsRefused(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
        assertMessage(e, "already done", "completes once");
    }

    @Test
    void aNanSleepIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
        assertMessage(e, "sleep()", "NaN");
    }

    @Test
    void aNanCallLaterDelayIsRefused(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.callLater(Double.NaN, () -> { }));
        assertMessage(e, "callLater()", "NaN");
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> { }));
    }

    @Test
    void aNegativeSlowCallbackDurationIsRefused(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.setSlowCallbackDuration(-1));
        assertMessage(e, "setSlowCallbackDuration()", ">= 0");
    }

    @Test
    void aNullCallbackIsRefused(EventLoop loop) {
        NullPointerException e = assertThrows(NullPointerException.class, () -> loop.callSoon(null));
        assertMessage(e, "callSoon", "null");
        assertThrows(NullPointerException.class, () -> loop.callLater(1, null));
    }

    @Test
    void aNullCoroutineIsRefused(EventLoop loop) {
        NullPointerException e = assertThrows(NullPointerException.class, () -> loop.createTask((Coroutine<String>) null));
        assertMessage(e, "createTask()", "null");
    }

    @Test
    void aCoroutineThatReturnsAFutureInsteadOfAwaitingItFailsItsTask(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("the value");
        Task<Future<String>> t = createTask(() -> f);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::await);
        assertMessage(e, "returned", "instead of its result", "f.await()");
    }

    @Test
    void aCoroutineThatReturnsATaskOrACompletableFutureFailsItsTaskToo() {
        Task<Object> t = createTask(() -> createTask(() -> 1));
        assertThrows(IllegalStateException.class, t::await);
        Task<Object> c = createTask(() -> CompletableFuture.completedFuture(1));
        assertThrows(IllegalStateException.class, c::await);
        sleep(0);
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsRefused() {
        EventLoop other = new EventLoop(new VirtualClock());
        try {
            Future<String> foreign = other.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, foreign::await);
            assertMessage(e, "different loop", "runCoroutineThreadsafe", "wrapFuture");
        } finally {
            other.close();
        }
    }

    @Test
    void gatheringAFutureOfAnotherLoopIsRefused() {
        EventLoop other = new EventLoop(new VirtualClock());
        try {
            Future<String> foreign = other.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.gather(List.of(foreign)));
            assertMessage(e, "another loop");
        } finally {
            other.close();
        }
    }

    @Test
    void aTaskAwaitingItselfIsRefused() {
        Task<?>[] self = new Task<?>[1];
        Task<Object> t = createTask(() -> self[0].await());
        self[0] = t;
        IllegalStateException e = assertThrows(IllegalStateException.class, t::await);
        assertMessage(e, "cannot await itself");
    }

    @Test
    void aTaskGroupOutsideATaskIsRefused() {
        Throwable e = thrownOutsideALoop(() -> TaskGroup.run(g -> {
        }));
        assertInstanceOf(IllegalStateException.class, e);
    }

    @Test
    void addingToAFinishedTaskGroupIsRefused() {
        TaskGroup[] kept = new TaskGroup[1];
        TaskGroup.run(g -> {
            kept[0] = g;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept[0].createTask(() -> 1));
        assertMessage(e, "finished", "inside its block");
    }

    @Test
    void enteringATimeoutTwiceIsRefused() {
        Timeout t = Timeout.after(1);
        t.run(() -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.run(() -> null));
        assertMessage(e, "already been entered", "create a new one");
    }

    @Test
    void reschedulingATimeoutThatWasNotEnteredIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Timeout.after(1).reschedule(5.0));
        assertMessage(e, "has not been entered");
    }

    @Test
    void aTimeoutOutsideATaskIsRefused() {
        Throwable e = thrownOutsideALoop(() -> Timeout.after(1).run(() -> null));
        assertInstanceOf(IllegalStateException.class, e);
        assertMessage(e, "inside a task");
    }

    @Test
    void waitingOnNothingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of()));
        assertMessage(e, "empty");
    }

    @Test
    void aFutureNeedsALoop() {
        assertThrows(NullPointerException.class, () -> new Future<String>(null));
        Throwable e = thrownOutsideALoop(Future::new);
        assertInstanceOf(IllegalStateException.class, e);
    }

    @Test
    void runUntilCompleteOfAFutureOfAnotherLoopIsRefused() {
        EventLoop a = new EventLoop(new VirtualClock());
        EventLoop b = new EventLoop(new VirtualClock());
        try {
            Future<String> fa = a.createFuture();
            Throwable e = thrownOutsideALoop(() -> b.runUntilComplete(fa));
            assertInstanceOf(IllegalStateException.class, e);
            assertMessage(e, "another loop");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void currentTaskOutsideAnyLoopRaisesAsAsyncioDoes() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                currentTask();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, failure.get());
        assertMessage(e, "no running event loop");
        assertTrue(runOnOtherThread(() -> Task.current() == null)); // the lenient form, for code that runs anywhere
    }

    @Test
    void currentTaskInACallbackIsNull(EventLoop loop) {
        Future<Boolean> wasNull = loop.createFuture();
        loop.callSoon(() -> wasNull.setResult(currentTask() == null));
        assertTrue(wasNull.await());
    }

    private static <T> T runOnOtherThread(java.util.function.Supplier<T> fn) throws InterruptedException {
        AtomicReference<T> r = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> r.set(fn.get()));
        t.join();
        return r.get();
    }
}
