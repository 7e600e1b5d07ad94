package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.Asyncio.timeoutAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.timeout / timeout_at (CPython test_timeouts). */
@ExtendWith(AsyncioExtension.class)
class TimeoutTest {

    @Test
    void aBlockThatOverrunsRaisesTimeoutException(EventLoop loop) {
        Timeout[] cm = new Timeout[1];
        TimeoutException e = assertThrows(TimeoutException.class, () -> timeout(0.01, (Timeout t) -> {
            cm[0] = t;
            sleep(10);
            return null;
        }));
        assertTrue(cm[0].expired());
        assertEquals(0.01, loop.time(), 1e-9);
        assertInstanceOf(CancelledError.class, e.getCause());
    }

    @Test
    void aBlockThatFinishesInTimeReturnsItsValue(EventLoop loop) {
        Timeout[] cm = new Timeout[1];
        String r = timeout(Duration.ofSeconds(10), (Timeout t) -> {
            cm[0] = t;
            sleep(0.01);
            return "in time";
        });
        assertEquals("in time", r);
        assertFalse(cm[0].expired());
        assertTrue(cm[0].when() > loop.time());
        assertEquals(Timeout.State.EXITED, cm[0].state());
    }

    @Test
    void theBlockSeesTheCancellationAtItsSuspensionPoint() {
        boolean[] cancelled = {false};
        assertThrows(TimeoutException.class, () -> timeout(0.01, () -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                cancelled[0] = true;
                throw e;
            }
            return null;
        }));
        assertTrue(cancelled[0]);
    }

    @Test
    void timeoutAtUsesAnAbsoluteDeadline(EventLoop loop) {
        double deadline = loop.time() + 0.01;
        Timeout[] cm = new Timeout[1];
        assertThrows(TimeoutException.class, () -> timeoutAt(deadline, (Timeout t) -> {
            cm[0] = t;
            sleep(10);
            return null;
        }));
        assertTrue(cm[0].expired());
        assertEquals(deadline, cm[0].when(), 1e-9);
    }

    @Test
    void onlyTheOutermostOfNestedTimeoutsWithTheSameDeadlineConverts(EventLoop loop) {
        double deadline = loop.time() + 0.01;
        boolean[] innerSawCancelled = {false};
        Timeout[] cms = new Timeout[2];
        assertThrows(TimeoutException.class, () -> timeoutAt(deadline, (Timeout outer) -> {
            cms[0] = outer;
            try {
                return timeoutAt(deadline, (Timeout inner) -> {
                    cms[1] = inner;
                    sleep(10);
                    return null;
                });
            } catch (CancelledError e) {
                innerSawCancelled[0] = true;
                throw e;
            }
        }));
        assertTrue(innerSawCancelled[0]);
        assertTrue(cms[0].expired());
        assertTrue(cms[1].expired());
    }

    @Test
    void onlyTheTimeoutThatFiredConverts() {
        List<String> out = new ArrayList<>();
        String r = timeout(10, () -> {
            try {
                timeout(1, () -> {
                    sleep(5);
                    return null;
                });
            } catch (TimeoutException e) {
                out.add("inner timed out");
            }
            sleep(1);
            return "outer went on";
        });
        assertEquals("outer went on", r);
        assertEquals(List.of("inner timed out"), out);
        assertEquals(0, currentTask().cancelling());
    }

    @Test
    void anOuterTimeoutFiringPassesThroughTheInnerAsCancellation() {
        List<String> out = new ArrayList<>();
        assertThrows(TimeoutException.class, () -> timeout(1, () -> {
            try {
                return timeout(10, () -> {
                    sleep(5);
                    return null;
                });
            } catch (CancelledError e) {
                out.add("inner let the cancellation through");
                throw e;
            }
        }));
        assertEquals(List.of("inner let the cancellation through"), out);
    }

    @Test
    void nestedTimeoutsExpiringInTheSameIterationOnlyConvertInTheOuter(VirtualClock clock) {
        // CPython test_nested_timeouts_loop_busy: the loop was busy past both deadlines
        List<String> out = new ArrayList<>();
        Timeout[] cms = new Timeout[2];
        assertThrows(TimeoutException.class, () -> timeout(0.1, (Timeout outer) -> {
            cms[0] = outer;
            try {
                timeout(0.01, (Timeout inner) -> {
                    cms[1] = inner;
                    clock.advance(Duration.ofMillis(100)); // as if blocked for 0.1 s
                    sleep(1);
                    return null;
                });
            } catch (CancelledError e) {
                out.add("inner: " + e.getClass().getSimpleName());
                throw e;
            }
            return null;
        }));
        assertEquals(List.of("inner: CancelledError"), out);
        assertTrue(cms[0].expired());
        assertTrue(cms[1].expired());
        assertEquals(0, currentTask().cancelling());
    }

    @Test
    void aZeroTimeoutCancelsAtTheFirstSuspension(EventLoop loop) {
        double t0 = loop.time();
        List<String> out = new ArrayList<>();
        Timeout[] cm = new Timeout[1];
        assertThrows(TimeoutException.class, () -> timeout(0, (Timeout t) -> {
            cm[0] = t;
            out.add("body started");
            sleep(0);
            out.add("not reached");
            return null;
        }));
        assertEquals(List.of("body started"), out);
        assertTrue(cm[0].expired());
        assertTrue(t0 <= cm[0].when() && cm[0].when() <= loop.time());
    }

    @Test
    void aTimeoutInThePastActsLikeZero(EventLoop loop) {
        Timeout[] cm = new Timeout[1];
        assertThrows(TimeoutException.class, () -> timeout(-11, (Timeout t) -> {
            cm[0] = t;
            sleep(0);
            return null;
        }));
        assertTrue(cm[0].expired());
        assertTrue(cm[0].when() <= loop.time());
    }

    @Test
    void anExceptionOfTheBlockPassesThroughUnchanged() {
        Timeout[] cm = new Timeout[1];
        assertThrows(IllegalArgumentException.class, () -> timeout(0.01, (Timeout t) -> {
            cm[0] = t;
            throw new IllegalArgumentException("own");
        }));
        assertFalse(cm[0].expired());
    }

    @Test
    void anExceptionRaisedWhileHandlingTheTimeoutWinsAndRecordsTheTimeout() {
        // CPython test_foreign_exception_on_timeout: the TimeoutError is in the exception's context
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> timeout(0.01, () -> {
            try {
                sleep(1);
            } finally {
                int zero = 0;
                System.out.println(1 / zero);
            }
            return null;
        }));
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(TimeoutException.class, e.getSuppressed()[0]);
    }

    @Test
    void anExceptionRaisedWithoutATimeoutCarriesNoTimeoutRecord() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> timeout(10, () -> {
            throw new ArithmeticException("own");
        }));
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void aForeignCancellationIsNotTurnedIntoATimeout() {
        Timeout[] cm = new Timeout[1];
        Task<Void> t = createTask(() -> {
            timeout(10, (Timeout tm) -> {
                cm[0] = tm;
                sleep(10);
                return null;
            });
        });
        sleep(1);
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertFalse(cm[0].expired());
    }

    @Test
    void aSelfCancellationInsideTheBlockIsNotTurnedIntoATimeout() {
        Timeout[] cm = new Timeout[1];
        Task<Void> t = createTask(() -> {
            timeout(10, (Timeout tm) -> {
                cm[0] = tm;
                currentTask().cancel();
                sleep(10);
                return null;
            });
        });
        assertThrows(CancelledError.class, t::await);
        assertFalse(cm[0].expired());
    }

    @Test
    void theTaskIsNotLeftCancelledAfterATimeout() {
        Task<String> t = createTask(() -> {
            try {
                timeout(0.001, () -> {
                    sleep(10);
                    return null;
                });
            } catch (TimeoutException e) {
                return "caught";
            }
            return "no";
        });
        assertEquals("caught", t.await());
        assertFalse(t.isCancelled());
        assertEquals(0, t.cancelling());
    }

    @Test
    void aTimeoutInCleanupAfterASwallowedCancellationStillConverts() {
        // CPython test_timeout_after_cancellation
        Task<String> t = createTask(() -> {
            try {
                currentTask().cancel();
                sleep(1);
            } catch (CancelledError e) {
                // swallowed without uncancel: cancelling() stays 1
            }
            try {
                timeout(0.0, () -> {
                    sleep(1);
                    return null;
                });
            } catch (TimeoutException e) {
                return "timed out in cleanup";
            }
            return "no";
        });
        assertEquals("timed out in cleanup", t.await());
    }

    @Test
    void aCancelInsideATimeoutAfterASwallowedCancellationPropagates() {
        // CPython test_cancel_in_timeout_after_cancellation
        Task<Void> t = createTask(() -> {
            try {
                currentTask().cancel();
                sleep(1);
            } catch (CancelledError e) {
                // swallowed
            }
            timeout(1.0, () -> {
                currentTask().cancel();
                sleep(2);
                return null;
            });
        });
        assertThrows(CancelledError.class, t::await);
    }

    @Test
    void rescheduleMovesTheDeadline(EventLoop loop) {
        Future<Timeout> entered = loop.createFuture();
        double deadline1 = loop.time() + 10;
        double deadline2 = deadline1 + 20;
        Task<Void> t = createTask(() -> {
            timeoutAt(deadline1, (Timeout cm) -> {
                entered.setResult(cm);
                sleep(50);
                return null;
            });
        });
        Timeout cm = entered.await();
        assertEquals(deadline1, cm.when(), 1e-9);
        cm.reschedule(deadline2);
        assertEquals(deadline2, cm.when(), 1e-9);
        cm.reschedule(Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, cm.when());
        t.cancel();
        assertThrows(CancelledError.class, t::await);
        assertFalse(cm.expired());
    }

    @Test
    void reschedulingLaterLetsTheBlockFinish(EventLoop loop) {
        String r = timeout(1, (Timeout cm) -> {
            cm.reschedule(Duration.ofSeconds(5));
            sleep(3);
            return "finished at " + loop.time();
        });
        assertEquals("finished at 3.0", r);
    }

    @Test
    void reschedulingEarlierExpiresSooner(EventLoop loop) {
        assertThrows(TimeoutException.class, () -> timeout(100, (Timeout cm) -> {
            cm.reschedule(loop.time() + 2);
            sleep(50);
            return null;
        }));
        assertEquals(2.0, loop.time(), 1e-9);
    }

    @Test
    void reschedulingIntoThePastExpiresAtTheNextSuspension(EventLoop loop) {
        assertThrows(TimeoutException.class, () -> timeout(100, (Timeout cm) -> {
            sleep(1);
            cm.reschedule(loop.time() - 1);
            sleep(50);
            return null;
        }));
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @Test
    void bodiesWithNoResultNeedNoReturnStatement(EventLoop loop) {
        // asyncio: await asyncio.wait_for(stop.wait(), 0.01), async with timeout(...), await shield(...)
        io.asyncio4j.sync.Event stop = new io.asyncio4j.sync.Event();
        assertThrows(TimeoutException.class, () -> io.asyncio4j.Asyncio.waitFor(stop::await, 0.01));
        loop.callLater(0.05, stop::set);
        io.asyncio4j.Asyncio.waitFor(stop::await, 1.0);
        assertTrue(stop.isSet());
        assertThrows(TimeoutException.class, () -> timeout(0.1, () -> sleep(1)));
        double t0 = loop.time();
        timeout(0.5, () -> sleep(0.1));
        timeoutAt(loop.time() + 0.5, () -> sleep(0.1));
        io.asyncio4j.Asyncio.shield(() -> sleep(0.1));
        assertEquals(0.3, loop.time() - t0, 1e-9);
    }

    @Test
    void anInfiniteDelayReadsBackAsAnInfiniteDeadline(EventLoop loop) {
        // CPython: asyncio.timeout(inf).when() and loop.call_later(inf, cb).when() are inf
        Timeout[] cm = new Timeout[1];
        timeout(Double.POSITIVE_INFINITY, (Timeout t) -> {
            cm[0] = t;
            sleep(0);
            return null;
        });
        assertEquals(Double.POSITIVE_INFINITY, cm[0].when());
        TimerHandle h = loop.callLater(Double.POSITIVE_INFINITY, () -> { });
        assertEquals(Double.POSITIVE_INFINITY, h.when());
        h.cancel();
    }

    @Test
    void aNullDelayMeansNoDeadline() {
        Timeout[] cm = new Timeout[1];
        timeout((Duration) null, (Timeout t) -> {
            cm[0] = t;
            sleep(1000);
            return null;
        });
        assertFalse(cm[0].expired());
        assertEquals(Double.POSITIVE_INFINITY, cm[0].when());
    }

    @Test
    void aNeverTimeoutCanBeArmedLater(EventLoop loop) {
        assertThrows(TimeoutException.class, () -> Timeout.never().run((Timeout cm) -> {
            cm.reschedule(Duration.ofSeconds(3));
            sleep(10);
            return null;
        }));
        assertEquals(3.0, loop.time(), 1e-9);
    }

    @Test
    void toStringFollowsAsyncioRepr() {
        Timeout cm = Timeout.after(10);
        assertEquals("<Timeout [created]>", cm.toString());
        cm.run((Timeout t) -> {
            assertTrue(t.toString().matches("<Timeout \\[active] when=\\d+\\.\\d*>"), t.toString());
            return null;
        });
        assertEquals("<Timeout [finished]>", cm.toString());
        Timeout e = Timeout.after(0.01);
        assertThrows(TimeoutException.class, () -> e.run(() -> {
            sleep(10);
            return null;
        }));
        assertEquals("<Timeout [expired]>", e.toString());
        Timeout.never().run((Timeout t) -> {
            assertEquals("<Timeout [active] when=None>", t.toString());
            return null;
        });
    }

    @Test
    void theStatesFollowAsyncio() {
        Timeout cm = Timeout.after(0.01);
        assertEquals(Timeout.State.CREATED, cm.state());
        assertThrows(TimeoutException.class, () -> cm.run((Timeout t) -> {
            assertEquals(Timeout.State.ENTERED, t.state());
            try {
                sleep(1);
            } catch (CancelledError ce) {
                assertEquals(Timeout.State.EXPIRING, t.state());
                throw ce;
            }
            return null;
        }));
        assertEquals(Timeout.State.EXPIRED, cm.state());
    }

    @Test
    void aTimeoutCannotBeEnteredTwice() {
        Timeout cm = Timeout.after(1);
        cm.run(() -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.run(() -> null));
        assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
    }

    @Test
    void aTimeoutCannotBeEnteredFromInsideItself() {
        Timeout cm = Timeout.after(1);
        cm.run((Timeout t) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.run(() -> null));
            assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
            return null;
        });
    }

    @Test
    void rescheduleBeforeEnteringIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Timeout.after(1).reschedule(2.0));
        assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
    }

    @Test
    void rescheduleAfterTheBlockFinishedIsRefused() {
        Timeout cm = Timeout.after(1);
        cm.run(() -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(2.0));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
    }

    @Test
    void rescheduleAfterExpiryIsRefused() {
        Timeout cm = Timeout.after(0.01);
        assertThrows(TimeoutException.class, () -> cm.run(() -> {
            sleep(1);
            return null;
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(2.0));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void rescheduleWhileExpiringIsRefused() {
        Timeout.after(0.01).run((Timeout cm) -> {
            assertThrows(CancelledError.class, () -> sleep(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(2.0));
            assertTrue(e.getMessage().contains("expiring"), e.getMessage());
            currentTask().uncancel(); // we swallowed the timeout's cancellation
            return null;
        });
    }

    @Test
    void aTimeoutOutsideATaskIsRefused() throws Exception {
        Throwable[] got = new Throwable[1];
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                Timeout.after(1).run(() -> null);
            } catch (Throwable e) {
                got[0] = e;
            }
        });
        th.join();
        assertInstanceOf(IllegalStateException.class, got[0]);
        assertTrue(got[0].getMessage().contains("inside a task"), got[0].getMessage());
    }

    @Test
    void aNaNDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Timeout.after(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Timeout.at(Double.NaN));
    }
}
