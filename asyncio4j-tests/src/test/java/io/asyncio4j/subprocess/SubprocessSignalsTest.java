package io.asyncio4j.subprocess;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Signal;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signals, timeouts and cancellation around a running child. */
@ExtendWith(AsyncioExtension.class)
class SubprocessSignalsTest {

    @Test
    void terminateEndsTheChildWithMinus15() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        p.terminate();
        assertEquals(-15, p.await());
    }

    @Test
    void killEndsTheChildWithMinus9() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void sendSignalSigtermEndsTheChildWithMinus15() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        p.sendSignal(Signal.SIGTERM);
        assertEquals(-15, p.await());
    }

    @Test
    void otherSignalsAreDeliveredToo() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        p.sendSignal(Signal.SIGUSR1);
        assertEquals(-10, p.await());
    }

    @Test
    void signalsByNumberAreDelivered() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        p.sendSignal(12); // SIGUSR2
        assertEquals(-12, p.await());
    }

    @Test
    void aChildThatHandlesSigtermCanStillWriteItsLastWords() throws Exception {
        Process p = createSubprocessShell("trap 'echo bye; exit 0' TERM; echo ready; while :; do sleep 0.05; done",
                SubprocessOptions.DEFAULT.stdout(Stdio.PIPE));
        assertEquals("ready\n", new String(p.stdout().readline()));
        p.terminate();
        assertEquals("bye\n", new String(p.stdout().read()));
        assertEquals(0, p.await());
    }

    @Test
    void aSignalAfterTheChildWasWaitedForRaisesProcessLookup() throws Exception {
        // still running when await() starts, so await() returns once the transport is finished
        // (a child whose exit was already known returns at once, as asyncio's wait(); a signal
        // is then ignored until every pipe has closed: SubprocessWaitTest)
        Process p = createSubprocessExec("sleep", "0.2");
        assertEquals(0, p.await());
        ProcessLookupException e = assertThrows(ProcessLookupException.class, p::kill);
        assertTrue(e.getMessage().contains("has exited"), e.getMessage());
        assertThrows(ProcessLookupException.class, () -> p.sendSignal(Signal.SIGTERM));
    }

    @Test
    void cancellingATaskWaitingForTheChildLeavesTheChildRunning() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        Task<Integer> waiter = createTask(p::await);
        sleep(0);
        waiter.cancel();
        assertThrows(CancelledError.class, waiter::await);
        assertTrue(waiter.isCancelled());
        assertNull(p.returncode());
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void cancellingCommunicateStopsItAndLeavesTheChildRunning() throws Exception {
        Process p = createSubprocessExec(SubprocessOptions.pipes(), "cat");
        Task<ProcessOutput> talker = createTask(() -> p.communicate(new byte[10]));
        sleep(0);
        talker.cancel();
        assertThrows(CancelledError.class, talker::await);
        assertNull(p.returncode());
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void waitForTimesOutOnAChildThatRunsOnRealTime() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        assertThrows(TimeoutException.class, () -> waitFor(p, 0.2));
        assertNull(p.returncode());
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void theVirtualClockDoesNotJumpAheadOfARunningChild() throws Exception {
        Process p = createSubprocessExec("sleep", "0.3");
        // a timeout far longer than the child: on a jumping clock it would fire at once
        assertEquals(0, waitFor(p, 60.0));
    }

    @Test
    void closingTheTransportKillsARunningChild() throws Exception {
        Process p = createSubprocessExec(SubprocessOptions.DEFAULT.stdout(Stdio.PIPE), "sleep", "30");
        p.transport().close();
        assertTrue(p.transport().isClosing());
        assertEquals(-9, p.await());
        assertFalse(p.stdout().exception() != null);
    }

    @Test
    void aSignalNumberOutOfRangeIsRefused() throws Exception {
        Process p = createSubprocessExec("sleep", "30");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sendSignal(99));
        assertTrue(e.getMessage().contains("not a signal number"), e.getMessage());
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void stopAndContinueSuspendAndResumeTheChild() throws Exception {
        Process p = createSubprocessExec(SubprocessOptions.DEFAULT.stdout(Stdio.PIPE), "sh", "-c", "sleep 0.2; echo done");
        p.sendSignal(19); // SIGSTOP
        sleep(0.4);
        assertNull(p.returncode()); // stopped: it cannot have finished its 0.2 s
        p.sendSignal(18); // SIGCONT
        assertEquals("done\n", new String(p.stdout().read()));
        assertEquals(0, p.await());
    }

    @Test
    void aSignalRacingTheExitIsHarmless() throws Exception {
        // asyncio's test_subprocess_send_signal_race
        for (int i = 0; i < 5; i++) {
            Process p = createSubprocessExec("sleep", "0.05");
            sleep(0.05);
            try {
                p.sendSignal(Signal.SIGUSR1);
            } catch (ProcessLookupException e) {
                // it was already waited for
            }
            int rc = p.await();
            assertTrue(rc == 0 || rc == -10, "returncode " + rc);
        }
    }

    @Test
    void closingTheTransportOfAFinishedChildKillsNothing() throws Exception {
        // asyncio's test_close_dont_kill_finished
        Process p = createSubprocessExec("sh", "-c", "exit 3");
        Object info = p.transport().getExtraInfo("subprocess");
        ProcessHandle handle = info instanceof java.lang.Process jdk ? jdk.toHandle() : (ProcessHandle) info;
        handle.onExit().get(); // finished, and the loop may not know yet
        p.transport().close();
        assertEquals(3, p.await());
    }
}
