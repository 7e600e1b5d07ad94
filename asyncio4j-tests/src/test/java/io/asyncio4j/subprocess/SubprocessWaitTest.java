package io.asyncio4j.subprocess;

import io.asyncio4j.Signal;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When {@link Process#await()} returns, when {@link Process#returncode()} is known, and what a
 * signal does around the exit, against CPython 3.13 ({@code base_subprocess.py}): the return
 * code is known at the exit; {@code wait()} started before it returns once the pipes have closed
 * too, started after it returns at once; a signal raises {@code ProcessLookupError} only once the
 * exit is known and every pipe has closed (the transport is finished), before that a signal to
 * the gone child is ignored. The comments quote the outputs of the Python programs (run with
 * {@code PYENV_VERSION=3.13.0 python3}) that do the same.
 */
@ExtendWith(AsyncioExtension.class)
class SubprocessWaitTest {

    /**
     * A shell whose background sleep keeps its stdout open for a quarter second after the shell
     * has exited; the shell lives 50 ms, so that in 3.13 too a {@code wait()} right after the
     * start surely begins before the exit is known.
     */
    private static final String GRANDCHILD_HOLDS_STDOUT = "sleep 0.3 & sleep 0.05; exit 3";

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    private static Process exitedWithStdoutHeld() throws Exception {
        Process p = createSubprocessShell(GRANDCHILD_HOLDS_STDOUT, STDOUT);
        while (p.returncode() == null) {
            sleep(0.01);
        }
        return p;
    }

    @Test
    void awaitStartedWhileTheChildRunsReturnsOnceAGrandchildHasClosedItsStdout() throws Exception {
        // p = await create_subprocess_shell("sleep 0.3 & sleep 0.05; exit 3", stdout=PIPE); rc = await p.wait()
        //   -> "wait() returned 3 at 0.31 stdout at_eof True"
        Process p = createSubprocessShell(GRANDCHILD_HOLDS_STDOUT, STDOUT);
        assertEquals(3, p.await());
        assertTrue(p.stdout().atEof());
    }

    @Test
    void theExitOfAChildGoneAtOnceIsNotYetKnownWhenTheStartReturns() throws Exception {
        // 100 x create_subprocess_shell("exit 3", stdout=PIPE), p.returncode right after:
        //   -> "returncode already known when create returned: 1 / 100" (exec "true" without pipes: 0 / 100),
        // so a wait() right after the start waits for the pipes; here it always does
        for (int i = 0; i < 20; i++) {
            Process p = createSubprocessShell("exit 3", STDOUT);
            assertNull(p.returncode());
            assertEquals(3, p.await());
            assertTrue(p.stdout().atEof());
        }
    }

    @Test
    void theReturncodeIsKnownAtTheExitWhileAGrandchildStillHoldsStdout() throws Exception {
        // while p.returncode is None: await asyncio.sleep(0.01)
        //   -> "returncode 3 visible at 0.07 stdout at_eof False"
        Process p = exitedWithStdoutHeld();
        assertEquals(3, p.returncode());
        assertEquals(Process.State.EXITED, p.state());
        assertFalse(p.stdout().atEof());
        assertEquals(3, p.await());
    }

    @Test
    void awaitStartedAfterTheExitIsKnownReturnsAtOnceWithThePipesStillOpen() throws Exception {
        // rc = await p.wait() once p.returncode is set
        //   -> "wait() after returncode set returned 3 at 0.07 (pipes still open)"; "stdout EOF at 0.31"
        Process p = exitedWithStdoutHeld();
        assertEquals(3, p.await());
        assertFalse(p.stdout().atEof());
        assertArrayEquals(new byte[0], p.stdout().read());
    }

    @Test
    void aSignalAfterTheExitWhileAPipeIsStillOpenIsIgnored() throws Exception {
        // p.send_signal(SIGTERM) once p.returncode is set -> "send_signal after exit, pipes open: no error";
        // p.terminate() after that early wait() -> "terminate after early wait(): no error"
        Process p = exitedWithStdoutHeld();
        p.sendSignal(Signal.SIGTERM);
        assertEquals(3, p.await());
        p.terminate();
        p.sendSignal(0);
        assertEquals(3, p.returncode());
        p.stdout().read();
    }

    @Test
    void aSignalOnceThePipesHaveClosedAfterTheExitRaisesProcessLookup() throws Exception {
        // await p.stdout.read(); await asyncio.sleep(0) twice; p.kill() -> "kill after EOF: ProcessLookupError()"
        Process p = exitedWithStdoutHeld();
        p.stdout().read();
        sleep(0);
        sleep(0);
        ProcessLookupException e = assertThrows(ProcessLookupException.class, p::kill);
        assertTrue(e.getMessage().contains("has exited"), e.getMessage());
    }

    @Test
    void aSignalAfterAwaitReturnedWithPipesRaisesProcessLookupEvenSignalZero() throws Exception {
        // rc = await p.wait(); p.send_signal(SIGTERM) -> "ProcessLookupError ()";
        // p.send_signal(0) -> "send_signal(0) after wait(): ProcessLookupError ()"
        Process p = createSubprocessShell(GRANDCHILD_HOLDS_STDOUT, STDOUT);
        assertEquals(3, p.await());
        assertThrows(ProcessLookupException.class, () -> p.sendSignal(Signal.SIGTERM));
        assertThrows(ProcessLookupException.class, () -> p.sendSignal(0));
    }

    @Test
    void withoutPipesASignalInTheStepThatSawTheExitIsIgnoredAndOneStepLaterRaises() throws Exception {
        // p = await create_subprocess_exec("true"); while p.returncode is None: await asyncio.sleep(0)
        // p.kill() -> "kill right when returncode appears: no error";
        // await asyncio.sleep(0); p.kill() -> "kill one iteration later: ProcessLookupError()"; wait() -> 0
        Process p = createSubprocessExec("true");
        while (p.returncode() == null) {
            sleep(0);
        }
        p.kill();
        sleep(0);
        assertThrows(ProcessLookupException.class, p::kill);
        assertEquals(0, p.await());
    }

    @Test
    void communicateReadsWhatAGrandchildWritesUntilItClosesStdout() throws Exception {
        // create_subprocess_shell("(sleep 0.3; echo late) & echo early; sleep 0.05; exit 4", stdout=PIPE)
        //   .communicate() -> "communicate b'early\nlate\n' None 4 at 0.30"
        // (the shell lives 50 ms: through the JDK, a child gone before its pipes' pump threads run
        // has its pipes cut at its exit; see PipeReadTransport.pumpLoop)
        Process p = createSubprocessShell("(sleep 0.3; echo late) & echo early; sleep 0.05; exit 4", STDOUT);
        ProcessOutput out = p.communicate();
        assertEquals("early\nlate\n", out.stdoutText());
        assertNull(out.stderr());
        assertEquals(4, p.returncode());
    }

    @Test
    void communicateAfterAwaitReturnsTheOutputTheReadersStillHold() throws Exception {
        // rc = await p.wait(); await p.communicate() -> "communicate after wait 5 b'hi\n' b'err\n'";
        // a second communicate() -> "communicate twice b'' b''"
        Process p = createSubprocessShell("echo hi; echo err >&2; exit 5",
                SubprocessOptions.DEFAULT.stdout(Stdio.PIPE).stderr(Stdio.PIPE));
        assertEquals(5, p.await());
        ProcessOutput out = p.communicate();
        assertEquals("hi\n", out.stdoutText());
        assertEquals("err\n", new String(out.stderr(), StandardCharsets.UTF_8));
        ProcessOutput again = p.communicate();
        assertEquals(0, again.stdout().length);
        assertEquals(0, again.stderr().length);
    }

    @Test
    void aStdinPipeIsClosedAtTheExitSoItHoldsUpNeitherAwaitNorTheLookupError() throws Exception {
        // create_subprocess_shell("exec 3<&0; sleep 0.3 <&3 3<&- & exit 6", stdin=PIPE), a grandchild holding
        // the read end of stdin: "returncode at 0.01 stdin closing True",
        // "kill at returncode visible ProcessLookupError()", "wait() 6 at 0.01"
        Process p = createSubprocessShell("exec 3<&0; sleep 0.3 <&3 3<&- & exit 6",
                SubprocessOptions.DEFAULT.stdin(Stdio.PIPE));
        assertEquals(6, p.await());
        assertTrue(p.stdin().isClosing());
        assertThrows(ProcessLookupException.class, p::kill);
    }

    @Test
    void aChildThatClosedItsStdoutStillRunsAndTakesSignals() throws Exception {
        // create_subprocess_shell("exec >&-; sleep 0.2; exit 7", stdout=PIPE): "stdout b'' at 0.00 rc None",
        // "signal 0 while running after stdout closed: ok", "wait 7 at 0.20"
        Process p = createSubprocessShell("exec >&-; sleep 0.2; exit 7", STDOUT);
        assertArrayEquals(new byte[0], p.stdout().read());
        assertNull(p.returncode());
        p.sendSignal(0);
        assertEquals(7, p.await());
    }
}
