package io.asyncio4j.subprocess;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting children: programs, shells, options, exit codes, and what goes wrong. */
@ExtendWith(AsyncioExtension.class)
class SubprocessExecTest {

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    @Test
    void theReturncodeIsTheExitStatus() throws Exception {
        Process p = createSubprocessExec("sh", "-c", "exit 7");
        assertEquals(7, p.await());
        assertEquals(7, p.returncode());
    }

    @Test
    void theReturncodeIsNullWhileTheChildRuns() throws Exception {
        Process p = createSubprocessExec(SubprocessOptions.DEFAULT.stdin(Stdio.PIPE), "cat");
        assertNull(p.returncode());
        assertEquals(Process.State.RUNNING, p.state());
        assertTrue(p.toString().contains("running"), p.toString());
        p.stdin().close();
        assertEquals(0, p.await());
        assertEquals(Process.State.EXITED, p.state());
        assertEquals("<Process " + p.pid() + " returncode=0>", p.toString());
    }

    @Test
    void thePidIsTheChildsOwn() throws Exception {
        Process p = createSubprocessExec(STDOUT, "sh", "-c", "echo $$");
        assertEquals(String.valueOf(p.pid()), p.communicate().stdoutText().trim());
    }

    @Test
    void argumentsReachTheProgramUnchanged() throws Exception {
        Process p = createSubprocessExec(STDOUT, "printf", "%s|", "a b", "*", "$HOME", "");
        assertEquals("a b|*|$HOME||", p.communicate().stdoutText());
    }

    @Test
    void aShellCommandIsInterpretedBySh() throws Exception {
        Process p = createSubprocessShell("echo one two | wc -w; exit 4", STDOUT);
        assertEquals("2", p.communicate().stdoutText().trim());
        assertEquals(4, p.returncode());
    }

    @Test
    void aCommandListWorksLikeProgramAndArguments() throws Exception {
        Process p = createSubprocessExec(List.of("echo", "listed"), STDOUT);
        assertEquals("listed\n", p.communicate().stdoutText());
    }

    @Test
    void envReplacesTheWholeEnvironment() throws Exception {
        Process p = createSubprocessExec(STDOUT.env(Map.of("ONLY", "this")), "/usr/bin/env");
        assertEquals("ONLY=this\n", p.communicate().stdoutText());
    }

    @Test
    void putEnvAddsToTheInheritedEnvironment() throws Exception {
        Process p = createSubprocessShell("echo \"$ASYNCIO4J_TEST:$PATH\"", STDOUT.putEnv("ASYNCIO4J_TEST", "yes"));
        String out = p.communicate().stdoutText().trim();
        assertEquals("yes:" + System.getenv("PATH"), out);
    }

    @Test
    void cwdSetsTheWorkingDirectory() throws Exception {
        Path dir = Files.createTempDirectory("asyncio4j-cwd").toRealPath();
        try {
            Process p = createSubprocessExec(STDOUT.cwd(dir), "pwd");
            assertEquals(dir.toString(), p.communicate().stdoutText().trim());
        } finally {
            Files.delete(dir);
        }
    }

    @Test
    void stdoutCanGoToAFileAndStdinComeFromOne() throws Exception {
        Path in = Files.createTempFile("asyncio4j-in", ".txt");
        Path out = Files.createTempFile("asyncio4j-out", ".txt");
        try {
            Files.writeString(in, "from a file\n");
            Files.writeString(out, "old content that is truncated\n");
            Process p = createSubprocessExec(SubprocessOptions.DEFAULT.stdin(Stdio.file(in)).stdout(Stdio.file(out)),
                    "cat");
            assertEquals(0, p.await());
            assertEquals("from a file\n", Files.readString(out));
            Process q = createSubprocessExec(SubprocessOptions.DEFAULT.stdout(Stdio.appendTo(out)), "echo", "more");
            assertEquals(0, q.await());
            assertEquals("from a file\nmore\n", Files.readString(out));
        } finally {
            Files.delete(in);
            Files.delete(out);
        }
    }

    @Test
    void aMissingProgramRaisesFileNotFoundNamingIt() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> createSubprocessExec("asyncio4j-no-such-program", "x"));
        // CPython 3.13: FileNotFoundError: [Errno 2] No such file or directory: 'nonexist'
        assertEquals("[Errno 2] No such file or directory: 'asyncio4j-no-such-program'", e.getMessage());
    }

    @Test
    void aMissingWorkingDirectoryRaisesFileNotFoundNamingIt() {
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> createSubprocessExec(SubprocessOptions.DEFAULT.cwd(Path.of("/asyncio4j-no-such-dir")), "true"));
        // CPython 3.13: FileNotFoundError: [Errno 2] No such file or directory: '/nonexist-dir'
        assertEquals("[Errno 2] No such file or directory: '/asyncio4j-no-such-dir'", e.getMessage());
    }

    @Test
    void aFileThatIsNotExecutableRaisesAccessDenied() throws Exception {
        Path f = Files.createTempFile("asyncio4j-noexec", ".sh");
        try {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> createSubprocessExec(f.toString()));
            // CPython 3.13: PermissionError: [Errno 13] Permission denied: '/tmp/procdiff/notexec/script.sh'
            assertEquals("[Errno 13] Permission denied: '" + f + "'", e.getMessage());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void anEmptyCommandIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> createSubprocessExec(List.of(), SubprocessOptions.DEFAULT));
        assertTrue(e.getMessage().contains("the command is empty"), e.getMessage());
    }

    @Test
    void optionsRejectStdoutIntoStdoutAndAppendingStdin() {
        assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.stdout(Stdio.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.stdin(Stdio.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.stdin(Stdio.appendTo(Path.of("x"))));
        assertThrows(IllegalArgumentException.class, () -> SubprocessOptions.DEFAULT.limit(0));
    }

    @Test
    void inheritedStreamsGiveNoReadersOrWriters() throws Exception {
        Process p = createSubprocessExec("true");
        assertNull(p.stdin());
        assertNull(p.stdout());
        assertNull(p.stderr());
        assertEquals(0, p.await());
    }

    @Test
    void theLimitOptionSetsTheReadersLimit() throws Exception {
        Process p = createSubprocessExec(STDOUT.limit(10), "echo", "a line longer than ten bytes");
        assertEquals(10, p.stdout().limit());
        assertThrows(io.asyncio4j.streams.LimitOverrunException.class, () -> p.stdout().readline());
        p.stdout().read();
        assertEquals(0, p.await());
    }

    @Test
    void awaitingAgainAfterTheExitReturnsAtOnce() throws Exception {
        Process p = createSubprocessExec("sh", "-c", "exit 2");
        assertEquals(2, p.await());
        assertTrue(p.isDone());
        assertEquals(2, p.await());
    }

    @Test
    void outputIsBytesExactlyAsWritten() throws Exception {
        Process p = createSubprocessExec(STDOUT, "printf", "caf\\303\\251 \\000\\377");
        byte[] out = p.communicate().stdout();
        assertEquals("café \0", new String(out, 0, out.length - 1, StandardCharsets.UTF_8));
        assertEquals((byte) 0xff, out[out.length - 1]);
    }

    @Test
    void anExitStatusAbove128IsExactWhenTheLoopSpawnedTheChildAndReadsAsASignalThroughTheJdk() throws Exception {
        // posix_spawn + waitpid see the real status, as asyncio does; the JDK reports death by
        // signal N as 128 + N, so through ProcessBuilder (no native access) 130 reads as SIGINT
        Process p = createSubprocessExec("sh", "-c", "exit 130");
        Object info = p.transport().getExtraInfo("subprocess");
        if (info instanceof java.lang.Process jdk) {
            assertEquals(-2, p.await());
            assertEquals(130, jdk.exitValue());
        } else {
            assertEquals(130, p.await());
        }
        Process q = createSubprocessExec("sh", "-c", "exit 255");
        assertEquals(255, q.await());
        Process r = createSubprocessExec("sh", "-c", "kill -INT $$");
        assertEquals(-2, r.await());
    }

    @Test
    void theLoopRunsOtherTasksWhileAChildRuns() throws Exception {
        Process p = createSubprocessExec("sleep", "0.3");
        int[] ticks = {0};
        var ticker = io.asyncio4j.Asyncio.createTask(() -> {
            while (!p.isDone()) {
                ticks[0]++;
                io.asyncio4j.Asyncio.sleep(0.01);
            }
        });
        assertEquals(0, p.await());
        ticker.await();
        assertTrue(ticks[0] >= 10, "ticks: " + ticks[0]);
    }
}
