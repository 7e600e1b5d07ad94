package io.asyncio4j.subprocess;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How a child starts: what it inherits, and (with native access, as {@code ./aio} runs) that
 * the loop spawns it itself and serves its pipes with its own selector, with no pump thread.
 * The expectations were printed by CPython 3.13's asyncio ({@code ls /proc/self/fd},
 * {@code grep ^Sig(Ign|Blk) /proc/self/status} in a child).
 */
@ExtendWith(AsyncioExtension.class)
class SubprocessSpawnTest {

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    private static boolean spawnedByTheLoop(Process p) {
        return p.transport().getExtraInfo("subprocess") instanceof ProcessHandle;
    }

    @Test
    void withNativeAccessTheLoopSpawnsTheChildItselfAndOtherwiseTheJdkDoes() throws Exception {
        Process p = createSubprocessExec(STDOUT, "true");
        Object info = p.transport().getExtraInfo("subprocess");
        // the loom run of this suite has ./aio's flags (native access), the portable run none
        if ("loom".equals(System.getProperty("asyncio4j.expectEngine"))) {
            assertInstanceOf(ProcessHandle.class, info);
        } else {
            assertInstanceOf(java.lang.Process.class, info);
        }
        assertEquals(0, p.await());
    }

    @Test
    void aChildInheritsNoDescriptorButItsThreeStreams() throws Exception {
        // fd 3 is the directory ls itself opens to list it
        Process p = createSubprocessExec(STDOUT, "ls", "/proc/self/fd");
        List<String> fds = Arrays.asList(p.communicate().stdoutText().trim().split("\\s+"));
        assertEquals(List.of("0", "1", "2", "3"), fds);
    }

    @Test
    void aChildStartsWithNoSignalBlockedAndSigpipeNotIgnored() throws Exception {
        // a child with SIGPIPE ignored would not stop in "yes | head"
        Process p = createSubprocessExec(STDOUT, "grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status");
        String[] lines = p.communicate().stdoutText().split("\n");
        assertEquals("SigBlk:\t0000000000000000", lines[0]);
        long ignored = Long.parseUnsignedLong(lines[1].substring("SigIgn:\t".length()), 16);
        assertEquals(0, ignored & (1L << (13 - 1)), "SIGPIPE is ignored in the child: SigIgn " + lines[1]);
    }

    @Test
    void aSpawnedChildStartsWithNoSignalIgnoredAtAllAsCPythonsDo() throws Exception {
        Process p = createSubprocessExec(STDOUT, "grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status");
        // the JDK's children keep glibc's two internal signals (32, 33) ignored
        assumeTrue(spawnedByTheLoop(p), "the JDK's ProcessBuilder leaves signals 32 and 33 ignored");
        assertEquals("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", p.communicate().stdoutText());
    }

    @Test
    void aPipelineEndsWhenItsReaderStops() throws Exception {
        Process p = createSubprocessShell("yes | head -n 2", STDOUT.stderr(Stdio.PIPE));
        ProcessOutput out = p.communicate();
        assertEquals("y\ny\n", out.stdoutText());
        assertEquals("", out.stderrText());
        assertEquals(0, p.returncode());
    }

    @Test
    void aSpawnedChildsPipesAreServedWithoutPumpThreads() throws Exception {
        Process p = createSubprocessExec(SubprocessOptions.pipes(), "cat");
        assumeTrue(spawnedByTheLoop(p), "the JDK's ProcessBuilder path pumps its pipes with threads");
        p.stdin().write("ping\n".getBytes());
        p.stdin().drain();
        assertEquals("ping\n", new String(p.stdout().readline()));
        boolean pumps = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("asyncio4j-pipe-" + p.pid()));
        assertTrue(!pumps, "a pump thread serves a pipe of child " + p.pid());
        p.stdin().close();
        assertEquals(0, p.await());
    }

    @Test
    void aSignalOtherThanTermOrKillReachesTheChild() throws Exception {
        Process p = createSubprocessShell("trap 'echo usr1; exit 4' USR1; echo ready; while :; do sleep 0.05; done",
                STDOUT);
        assertEquals("ready\n", new String(p.stdout().readline()));
        p.sendSignal(io.asyncio4j.Signal.SIGUSR1);
        assertEquals("usr1\n", new String(p.stdout().readline()));
        assertEquals(4, p.await());
    }
}
