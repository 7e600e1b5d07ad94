package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Web#serveApp} running in a task of the test's loop, for the runApp tests: started once
 * its banner is out (the banner goes to a future, so the options' own print is replaced), stopped
 * by cancelling the task, the way {@code serveApp} documents. Everything here may suspend.
 */
final class RunningApp {
    private static final Pattern TCP_PORT = Pattern.compile("http://127\\.0\\.0\\.\\d+:(\\d+)");

    final Task<Void> task;
    final String banner;

    private RunningApp(Task<Void> task, String banner) {
        this.task = task;
        this.banner = banner;
    }

    /** {@code app} served as {@code options} say; returns once it printed its banner. */
    static RunningApp start(Application app, RunAppOptions options) {
        Future<String> printed = getRunningLoop().createFuture();
        Task<Void> task = createTask(() -> {
            Web.serveApp(app, options.withPrint(printed::setResult));
            return null;
        });
        task.addDoneCallback(t -> {
            if (!printed.isDone()) { // it failed or ended before printing: let the test see why
                printed.cancel();
            }
        });
        try {
            return new RunningApp(task, printed.await());
        } catch (CancelledError e) {
            task.await(); // throws what ended it
            throw new AssertionError("serveApp ended before printing its banner");
        }
    }

    /** The TCP ports in the banner, in its order. */
    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        Matcher m = TCP_PORT.matcher(banner);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    /** The first TCP port in the banner. */
    int port() {
        List<Integer> ports = ports();
        assertTrue(!ports.isEmpty(), "no 127.0.0.x port in " + banner);
        return ports.get(0);
    }

    /** Cancels the serving task and waits until it has shut down (it ends cancelled). */
    void stop() {
        task.cancel();
        assertThrows(CancelledError.class, task::await);
    }
}
