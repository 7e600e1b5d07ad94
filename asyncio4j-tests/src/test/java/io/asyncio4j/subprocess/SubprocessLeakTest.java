package io.asyncio4j.subprocess;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Children leave nothing behind: no file descriptor, no pump thread. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class SubprocessLeakTest {

    static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    static List<String> pipeThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("asyncio4j-pipe-") && !t.getName().equals(PipeThreads.IDLE_NAME)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static void workload() throws Exception {
        Process a = createSubprocessExec(SubprocessOptions.pipes(), "cat");
        a.communicate(new byte[100_000]);
        Process b = createSubprocessExec(SubprocessOptions.pipes(), "sleep", "30");
        b.kill();
        b.communicate();
        Process c = createSubprocessExec(SubprocessOptions.pipes(), "sh", "-c", "exit 1");
        c.await();
        Process d = createSubprocessExec(SubprocessOptions.pipes(), "sh", "-c", "echo x");
        d.stdout().read();
        d.stdin().close();
        d.await();
        try {
            createSubprocessExec(SubprocessOptions.pipes(), "asyncio4j-no-such-program");
        } catch (java.io.FileNotFoundException expected) {
            // counted too: a failed start must not leak its pipes
        }
    }

    /**
     * Live platform threads, less those of pools that stay alive a while when idle (the
     * blocking-I/O pool and its launcher, idle pump threads, the JDK's process reapers).
     */
    static int liveThreadsOutsidePools() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive() && !name.startsWith("asyncio4j-io-") && !name.startsWith("asyncio4j-vthread-launcher-")
                    && !name.equals("process reaper") && !name.equals(PipeThreads.IDLE_NAME)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void finishedChildrenLeaveNoFileDescriptorsAndNoThreads() throws Exception {
        workload(); // warm up: thread pools and class loading
        settle();
        int fdsBefore = openFds();
        int threadsBefore = liveThreadsOutsidePools();
        for (int i = 0; i < 5; i++) {
            workload();
        }
        settle();
        assertEquals(List.of(), pipeThreads());
        assertEquals(fdsBefore, openFds());
        assertEquals(threadsBefore, liveThreadsOutsidePools());
    }

    /**
     * Pump threads end just after their last delivery: give them a moment (real time). A
     * spawned child's pidfd is closed in the loop iteration after its exit was seen (the JDK
     * closes a channel that was registered at the selector's next pass): one pass first.
     */
    private static void settle() throws Exception {
        sleep(0.02);
        for (int i = 0; i < 100 && !pipeThreads().isEmpty(); i++) {
            sleep(0.02);
        }
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().startsWith("asyncio4j-pipe-") && !t.getName().equals(PipeThreads.IDLE_NAME)) {
                stacks.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement e : st) {
                    stacks.append("    ").append(e).append('\n');
                }
            }
        });
        assertTrue(pipeThreads().isEmpty(), "pump threads still alive:\n" + stacks);
    }
}
