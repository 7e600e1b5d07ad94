package io.asyncio4j.subprocess;

import io.asyncio4j.Signal;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.createSubprocessShell;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Children in a session or process group of their own ({@code startNewSession},
 * {@code processGroup}) and signals to a whole group ({@code sendSignalToGroup}), as CPython's
 * {@code start_new_session=True}, {@code process_group=0} and {@code os.killpg}. Only the loop's
 * own spawn can start such a child (the loom run of this suite has native access, the portable
 * run none): there the options raise a clear error instead. A child's group and session are
 * read from fields 5 and 6 of its {@code /proc/self/stat}.
 */
@ExtendWith(AsyncioExtension.class)
class SubprocessGroupTest {

    private static final SubprocessOptions STDOUT = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);

    private static void assumeNativeSpawn() {
        assumeTrue(PosixSpawn.AVAILABLE, "a session or process group needs the loop's posix_spawn (native access)");
    }

    /** {pid, pgrp, session} of a child started with {@code opts}: its pgrp and session from /proc/self/stat. */
    private static long[] groupAndSessionOfAChild(SubprocessOptions opts) throws IOException {
        Process p = createSubprocessExec(opts.stdout(Stdio.PIPE), "cut", "-d", " ", "-f5,6", "/proc/self/stat");
        String[] f = p.communicate().stdoutText().trim().split(" ");
        assertEquals(0, p.returncode());
        return new long[] {p.pid(), Long.parseLong(f[0]), Long.parseLong(f[1])};
    }

    /** {pgrp, session} of this program. */
    private static long[] ownGroupAndSession() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // state, ppid, pgrp, session...
        return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    /** True once process {@code pid} has ended: gone, or a zombie (an orphan's reaper may be slow or absent). */
    private static boolean ended(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Waits (real time, up to 10 s) for process {@code pid}, not a child of this program, to end. */
    private static boolean awaitEnded(long pid) throws Exception {
        for (int i = 0; i < 1000 && !ended(pid); i++) {
            sleep(0.01);
        }
        return ended(pid);
    }

    /** Kills what is left of {@code p}'s group (a failed test must not leave its grandchildren running). */
    private static void killGroup(Process p) {
        try {
            p.sendSignalToGroup(9); // SIGKILL
        } catch (ProcessLookupException gone) {
            // nothing left
        }
    }

    @Test
    void byDefaultAChildStaysInThisProgramsProcessGroupAndSession() throws Exception {
        long[] child = groupAndSessionOfAChild(SubprocessOptions.DEFAULT);
        long[] own = ownGroupAndSession();
        assertEquals(own[0], child[1]);
        assertEquals(own[1], child[2]);
    }

    @Test
    void aChildStartedInANewSessionLeadsItAndANewProcessGroup() throws Exception {
        assumeNativeSpawn();
        long[] child = groupAndSessionOfAChild(SubprocessOptions.DEFAULT.startNewSession(true));
        assertEquals(child[0], child[1], "pgrp");
        assertEquals(child[0], child[2], "session");
    }

    @Test
    void aChildStartedWithProcessGroupZeroLeadsANewGroupInThisProgramsSession() throws Exception {
        assumeNativeSpawn();
        long[] child = groupAndSessionOfAChild(SubprocessOptions.DEFAULT.processGroup(0));
        long[] own = ownGroupAndSession();
        assertEquals(child[0], child[1], "pgrp");
        assertNotEquals(own[0], child[1]);
        assertEquals(own[1], child[2], "session");
    }

    @Test
    void aChildCanJoinTheProcessGroupOfAnEarlierChild() throws Exception {
        assumeNativeSpawn();
        Process leader = createSubprocessExec(SubprocessOptions.DEFAULT.processGroup(0), "sleep", "60");
        try {
            long[] child = groupAndSessionOfAChild(SubprocessOptions.DEFAULT.processGroup((int) leader.pid()));
            assertEquals(leader.pid(), child[1]);
        } finally {
            killGroup(leader);
        }
        assertEquals(-9, leader.await());
    }

    @Test
    @RealClock
    void signallingTheGroupEndsTheGrandchildrenTheChildStarted() throws Exception {
        assumeNativeSpawn();
        // the background sleep holds the stdout pipe too: await() returns once it has exited
        Process p = createSubprocessShell("sleep 60 & echo $!; wait", STDOUT.processGroup(0));
        try {
            long grandchild = Long.parseLong(new String(p.stdout().readline()).trim());
            p.sendSignalToGroup(Signal.SIGTERM);
            assertEquals(-15, waitFor(p, 10.0));
            assertTrue(awaitEnded(grandchild), "grandchild " + grandchild + " still runs");
        } finally {
            killGroup(p);
        }
    }

    @Test
    @RealClock
    void aGroupSignalStillReachesWhatTheChildLeftRunningAfterItExited() throws Exception {
        assumeNativeSpawn();
        Process p = createSubprocessShell("sleep 60 >/dev/null & echo $!", STDOUT.startNewSession(true));
        try {
            long grandchild = Long.parseLong(new String(p.stdout().readline()).trim());
            assertEquals(0, p.await()); // the child is gone, its group is not
            p.sendSignalToGroup(Signal.SIGTERM);
            assertTrue(awaitEnded(grandchild), "grandchild " + grandchild + " still runs");
        } finally {
            killGroup(p);
        }
    }

    @Test
    void aGroupSignalToAGroupWithNoProcessLeftRaisesProcessLookup() throws Exception {
        assumeNativeSpawn();
        Process p = createSubprocessExec(SubprocessOptions.DEFAULT.processGroup(0), "true");
        assertEquals(0, p.await());
        ProcessLookupException e = assertThrows(ProcessLookupException.class,
                () -> p.sendSignalToGroup(Signal.SIGTERM));
        assertTrue(e.getMessage().contains("process group " + p.pid() + " "), e.getMessage());
        assertTrue(e.getMessage().contains("no process left"), e.getMessage());
    }

    @Test
    void aGroupSignalToAChildInThisProgramsGroupIsRefused() throws Exception {
        Process p = createSubprocessExec("sleep", "60");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> p.sendSignalToGroup(Signal.SIGTERM));
            assertTrue(e.getMessage().contains("not started in a process group of its own"), e.getMessage());
            assertTrue(e.getMessage().contains("processGroup(0)"), e.getMessage());
        } finally {
            p.kill();
        }
        assertEquals(-9, p.await());
    }

    @Test
    void aGroupSignalToAChildThatJoinedThisProgramsGroupIsRefused() throws Exception {
        assumeNativeSpawn();
        int own = (int) ownGroupAndSession()[0];
        Process p = createSubprocessExec(SubprocessOptions.DEFAULT.processGroup(own), "sleep", "60");
        try {
            assertThrows(IllegalStateException.class, () -> p.sendSignalToGroup(Signal.SIGTERM));
        } finally {
            p.kill();
        }
        assertEquals(-9, p.await());
    }

    @Test
    void aNewSessionTogetherWithAProcessGroupFailsToStartAsInPython() {
        assumeNativeSpawn();
        // Python: PermissionError: [Errno 1] Operation not permitted (setpgid on a session leader)
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> createSubprocessExec(
                SubprocessOptions.DEFAULT.startNewSession(true).processGroup(0), "true"));
        assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
    }

    @Test
    void joiningAProcessGroupThatDoesNotExistFailsToStartNamingTheGroup() {
        assumeNativeSpawn();
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> createSubprocessExec(
                SubprocessOptions.DEFAULT.processGroup(Integer.MAX_VALUE), "true"));
        assertTrue(e.getMessage().contains("cannot join process group " + Integer.MAX_VALUE), e.getMessage());
    }

    @Test
    void aNegativeProcessGroupIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubprocessOptions.DEFAULT.processGroup(-1));
        assertTrue(e.getMessage().contains("processGroup must be 0"), e.getMessage());
    }

    @Test
    void aChildInItsOwnGroupReadsAndWritesFilesAsAnyChildDoes() throws Exception {
        assumeNativeSpawn();
        Path in = Files.createTempFile("asyncio4j-in", ".txt");
        Path out = Files.createTempFile("asyncio4j-out", ".txt");
        try {
            Files.writeString(in, "from a file\n");
            Files.writeString(out, "old content that is truncated\n");
            SubprocessOptions group = SubprocessOptions.DEFAULT.processGroup(0);
            Process p = createSubprocessExec(group.stdin(Stdio.file(in)).stdout(Stdio.file(out)), "cat");
            assertEquals(0, p.await());
            assertEquals("from a file\n", Files.readString(out));
            Process q = createSubprocessExec(group.stdout(Stdio.appendTo(out)).stderr(Stdio.STDOUT), "sh", "-c",
                    "echo more; echo err >&2");
            assertEquals(0, q.await());
            assertEquals("from a file\nmore\nerr\n", Files.readString(out));
        } finally {
            Files.delete(in);
            Files.delete(out);
        }
    }

    @Test
    void aMissingStdinFileOfAChildInItsOwnGroupIsReportedByName() {
        assumeNativeSpawn();
        Path missing = Path.of("/nonexistent-asyncio4j/in.txt");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> createSubprocessExec(
                SubprocessOptions.DEFAULT.startNewSession(true).stdin(Stdio.file(missing)), "cat"));
        assertTrue(e.getMessage().contains("stdin file '" + missing + "'"), e.getMessage());
    }

    @Test
    void withoutNativeAccessANewSessionIsRefusedNamingTheOptionAndTheFlags() {
        assumeFalse(PosixSpawn.AVAILABLE, "this run has native access");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> createSubprocessExec(SubprocessOptions.DEFAULT.startNewSession(true), "true"));
        assertTrue(e.getMessage().contains("startNewSession(true)"), e.getMessage());
        assertTrue(e.getMessage().contains("--enable-native-access=ALL-UNNAMED"), e.getMessage());
    }

    @Test
    void withoutNativeAccessAProcessGroupIsRefusedNamingTheOptionAndTheFlags() {
        assumeFalse(PosixSpawn.AVAILABLE, "this run has native access");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> createSubprocessShell("true", SubprocessOptions.DEFAULT.processGroup(0)));
        assertTrue(e.getMessage().contains("processGroup(0)"), e.getMessage());
        assertTrue(e.getMessage().contains("--enable-native-access=ALL-UNNAMED"), e.getMessage());
    }
}
