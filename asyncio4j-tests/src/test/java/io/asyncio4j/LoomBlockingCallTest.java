package io.asyncio4j;

import io.asyncio4j.internal.Engine;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loom engine's bonus over asyncio (README, "How it works"): a task that calls a blocking JDK
 * API parks only its own virtual thread, and the loop goes on running the other tasks. (On the
 * portable engine, and in asyncio, such a call blocks the whole loop; these tests are skipped
 * there.) Real clock: the blocking calls take real time.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class LoomBlockingCallTest {

    @BeforeEach
    void loomOnly() {
        Assumptions.assumeTrue(Engine.get().name().equals("loom"), "blocking calls block the loop on the "
                + Engine.get().name() + " engine, as in asyncio");
    }

    @Test
    void threadSleepInATaskLetsOtherTasksRun() {
        List<String> events = new ArrayList<>();
        AtomicBoolean ticked = new AtomicBoolean();
        // The sleeper keeps blocking in Thread.sleep until the ticker has ticked three times: if a
        // blocking call stopped the loop, the ticker could not run and the sleeper would give up at
        // its deadline, with no tick in between. No race on timing, so a loaded machine cannot
        // reorder the events.
        Task<Void> sleeper = createTask(() -> {
            events.add("sleeper starts");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ticked.get() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            events.add("sleeper wakes");
            return null;
        });
        Task<Void> ticker = createTask(() -> {
            for (int i = 0; i < 3; i++) {
                events.add("tick " + i);
                sleep(0.01);
            }
            ticked.set(true);
            return null;
        });
        ticker.await();
        sleeper.await();
        assertEquals(List.of("sleeper starts", "tick 0", "tick 1", "tick 2", "sleeper wakes"), events);
    }

    @Test
    void aTaskWaitingOnAJdkLatchWakesWhenAnotherThreadCountsDown() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Task<String> waiter = createTask(() -> {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
            return "released";
        });
        sleep(0.01);
        assertEquals(false, waiter.isDone());
        Thread.ofPlatform().start(latch::countDown).join();
        assertEquals("released", waiter.await());
    }

    @Test
    void aTaskBlockedOnAJdkLockDoesNotStopTheTaskHoldingIt() {
        ReentrantLock lock = new ReentrantLock();
        List<String> events = new ArrayList<>();
        Task<Void> holder = createTask(() -> {
            lock.lock();
            try {
                events.add("holder locked");
                sleep(0.05); // suspends in asyncio4j while holding the JDK lock
                events.add("holder unlocks");
            } finally {
                lock.unlock();
            }
            return null;
        });
        Task<Void> contender = createTask(() -> {
            lock.lock(); // parks this task's thread only
            try {
                events.add("contender locked");
            } finally {
                lock.unlock();
            }
            return null;
        });
        holder.await();
        contender.await();
        assertEquals(List.of("holder locked", "holder unlocks", "contender locked"), events);
    }
}
