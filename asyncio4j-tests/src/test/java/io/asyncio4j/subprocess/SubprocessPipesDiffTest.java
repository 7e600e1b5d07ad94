package io.asyncio4j.subprocess;

import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A child's pipes where they behave as CPython 3.13's do, compared side by side
 * (/tmp/procdiff/pipes.py; its output is quoted in each test).
 */
@ExtendWith(AsyncioExtension.class)
class SubprocessPipesDiffTest {

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void communicateAfterAPartialReadReturnsTheRestOfStdout() throws Exception {
        // communicate_after_partial OK (b'l1\n', (b'l2\nl3\n', None))
        Process p = createSubprocessExec(STDOUT, "printf", "l1\\nl2\\nl3\\n");
        assertEquals("l1\n", text(p.stdout().readline()));
        ProcessOutput out = p.communicate();
        assertEquals("l2\nl3\n", out.stdoutText());
        assertNull(out.stderr());
    }

    @Test
    void communicatingTwiceWithInputFeedsOnlyTheFirstTime() throws Exception {
        // communicate_input_twice OK ((b'in', None), (b'', None))
        Process p = createSubprocessExec(STDOUT.stdin(Stdio.PIPE), "cat");
        assertEquals("in", p.communicate("in".getBytes()).stdoutText());
        assertEquals("", p.communicate("again".getBytes()).stdoutText());
    }

    @Test
    void aLineLongerThanTheLimitIsDroppedAndTheNextLineStillReads() throws Exception {
        // readline_over_limit OK [('ValueError', 'Separator is found, but chunk is longer than
        // limit'), b'short\n']
        Process p = createSubprocessExec(STDOUT.limit(10), "sh", "-c", "printf '%0100d\\nshort\\n' 0");
        LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> p.stdout().readline());
        assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
        assertEquals("short\n", text(p.stdout().readline()));
        assertEquals(0, p.await());
    }

    @Test
    void aLineWithNoSeparatorWithinTheLimitRaisesTheOtherMessage() throws Exception {
        // long_line_default OK [('ValueError', 'Separator is not found, and chunk exceed the limit'), ...]
        // the newline waits for stdin's EOF, so none is in sight when the limit is passed
        Process p = createSubprocessExec(STDOUT.stdin(Stdio.PIPE), "sh", "-c",
                "head -c 100000 /dev/zero | tr '\\0' a; read _; echo");
        LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> p.stdout().readline());
        assertEquals("Separator is not found, and chunk exceed the limit", e.getMessage());
        p.communicate();
        assertEquals(0, p.returncode());
    }

    @Test
    void aLineOfFiveMegabytesReadsWholeUnderALargeEnoughLimit() throws Exception {
        // long_line OK 5000001
        Process p = createSubprocessExec(STDOUT.limit(10_000_000), "sh", "-c",
                "head -c 5000000 /dev/zero | tr '\\0' a; echo");
        assertEquals(5_000_001, p.stdout().readline().length);
        assertEquals(0, p.await());
    }

    @Test
    void stderrIntoStdoutKeepsTheOrderTheChildWroteIn() throws Exception {
        // stderr_stdout OK ((b'a\nb\nc\nd\n', None), None)
        Process p = createSubprocessExec(STDOUT.stderr(Stdio.STDOUT), "sh", "-c",
                "echo a; echo b >&2; echo c; echo d >&2");
        ProcessOutput out = p.communicate();
        assertEquals("a\nb\nc\nd\n", out.stdoutText());
        assertNull(out.stderr());
        assertNull(p.stderr());
    }

    @Test
    void aChildThatClosesStdoutEarlyGivesEofWhileItStillRuns() throws Exception {
        // closes_stdout_early OK (b'x\n', 'read-before-exit', 3)
        Process p = createSubprocessExec(STDOUT.stdin(Stdio.PIPE), "sh", "-c", "echo x; exec 1>&-; read _; exit 3");
        assertEquals("x\n", text(p.stdout().read()));
        assertNull(p.returncode());
        p.stdin().close();
        assertEquals(3, p.await());
    }
}
