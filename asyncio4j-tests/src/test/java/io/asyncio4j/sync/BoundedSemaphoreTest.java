package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.BoundedSemaphore semantics. */
@ExtendWith(AsyncioExtension.class)
class BoundedSemaphoreTest {

    @Test
    void releasingMoreOftenThanAcquiredRaisesAClearError() {
        BoundedSemaphore sem = new BoundedSemaphore();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().startsWith("BoundedSemaphore.release(): released too many times"), e.getMessage());
        assertEquals("<BoundedSemaphore [unlocked, value:1]>", sem.toString());
    }

    @Test
    void releasingWhatWasAcquiredIsAllowed() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        sem.acquire();
        sem.acquire();
        assertTrue(sem.isLocked());
        sem.release();
        sem.release();
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals("<BoundedSemaphore [unlocked, value:2]>", sem.toString());
    }

    @Test
    void aNegativeInitialValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }

    @Test
    void aCancelledWaiterDoesNotLeakAPermitPastTheBound() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        sem.acquire();
        Task<Void> t = createTask(() -> sem.acquire());
        sleep(0);
        sem.release(); // reserved for t...
        t.cancel();    // ...which is cancelled before taking it
        assertThrows(CancelledError.class, t::await);
        assertFalse(sem.isLocked());
        assertThrows(IllegalStateException.class, sem::release); // the value is back at its bound, not above
    }

    @Test
    void holdGivesThePermitBackExactlyOnce() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        try (var _ = sem.hold()) {
            assertTrue(sem.isLocked());
        }
        assertFalse(sem.isLocked());
        assertThrows(IllegalStateException.class, sem::release);
    }
}
