package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * web.run_app's serving (Web.serveApp, which runApp runs in its own loop): the sites it starts,
 * its banner, its access log, the application factory. The banners expected are aiohttp 3.8.4's,
 * printed by it for the same options (two hosts and a path: one "Running on" line, the names
 * sorted, joined with ", "). Signal handling is RunAppSignalsTest's, the shutdown timeout
 * RunAppShutdownTest's.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RunAppTest {
    private Path dir;

    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("aio-run"); // short, as a socket path must be
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static Application hello() {
        return new Application().addRoutes(get("/", r -> Response.text("hello")));
    }

    /** Options for a test: no signal handlers (the test stops the server by cancelling), no access log. */
    private static RunAppOptions quiet() {
        return RunAppOptions.defaults().withHandleSignals(false).withAccessLog(null);
    }

    private static String getOver(RawHttp c) throws IOException {
        try (c) {
            return c.exchange(RawHttp.get("/")).text();
        }
    }

    @Test
    void theBannerNamesTheHostWithThePortBoundAndSaysHowToQuit() throws Exception {
        RunningApp run = RunningApp.start(hello(), quiet().withHost("127.0.0.1").withPort(0));
        assertEquals("======== Running on http://127.0.0.1:" + run.port() + " ========\n(Press CTRL+C to quit)",
                run.banner);
        assertEquals("hello", getOver(RawHttp.connect(run.port())), "the port named is the one served");
        run.stop();
    }

    @Test
    void theBannerListsEveryHostSortedOnOneLine() throws Exception {
        RunningApp run = RunningApp.start(hello(), quiet().withHosts("127.0.0.2", "127.0.0.1").withPort(0));
        List<Integer> ports = run.ports();
        assertEquals(2, ports.size(), run.banner);
        assertEquals("======== Running on http://127.0.0.1:" + ports.get(0) + ", http://127.0.0.2:" + ports.get(1)
                + " ========\n(Press CTRL+C to quit)", run.banner);
        run.stop();
    }

    @Test
    void theBannerNamesAUnixPathAsAiohttpDoes() throws Exception {
        Path sock = dir.resolve("app.sock");
        RunningApp run = RunningApp.start(hello(), quiet().withPath(sock));
        assertEquals("======== Running on http://unix:" + sock + ": ========\n(Press CTRL+C to quit)", run.banner);
        run.stop();
    }

    @Test
    void oneRunServesOverTcpAndAUnixPath() throws Exception {
        Path sock = dir.resolve("app.sock");
        RunningApp run = RunningApp.start(hello(), quiet().withHost("127.0.0.1").withPort(0).withPath(sock));
        assertEquals("hello", getOver(RawHttp.connect(run.port())));
        assertEquals("hello", getOver(RawHttp.connectUnix(sock)));
        run.stop();
    }

    @Test
    void stoppingRemovesTheUnixSocketFile() throws Exception {
        Path sock = dir.resolve("app.sock");
        RunningApp run = RunningApp.start(hello(), quiet().withPath(sock));
        assertTrue(Files.exists(sock));
        run.stop();
        assertTrue(Files.notExists(sock));
    }

    @Test
    void aGivenSocketIsServedAndNamedByItsAddress() throws Exception {
        ServerSocketChannel listening = ServerSocketChannel.open();
        listening.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) listening.getLocalAddress()).getPort();
        RunningApp run = RunningApp.start(hello(), quiet().withSocket(listening));
        assertEquals("======== Running on http://127.0.0.1:" + port + " ========\n(Press CTRL+C to quit)", run.banner);
        assertEquals("hello", getOver(RawHttp.connect(port)));
        run.stop();
        assertTrue(!listening.isOpen(), "stopping closes the socket, as asyncio's server.close() does");
    }

    @Test
    void aGivenUnixSocketIsNamedByItsPath() throws Exception {
        Path path = dir.resolve("given.sock");
        ServerSocketChannel listening = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        listening.bind(java.net.UnixDomainSocketAddress.of(path));
        RunningApp run = RunningApp.start(hello(), quiet().withSocket(listening));
        assertEquals("======== Running on http://unix:" + path + ": ========\n(Press CTRL+C to quit)", run.banner);
        assertEquals("hello", getOver(RawHttp.connectUnix(path)));
        run.stop();
    }

    /**
     * What serveApp writes to standard output while serving {@code hello()} on a given socket with
     * {@code options}, until it has answered one request (by then it printed, if it prints: the
     * banner comes right after the sites start, before any connection is accepted).
     */
    private static String standardOutputWhileServing(RunAppOptions options) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ServerSocketChannel listening = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) listening.getLocalAddress()).getPort();
            Task<Void> task = createTask(() -> {
                Web.serveApp(hello(), options.withSocket(listening));
                return null;
            });
            assertEquals("hello", getOver(RawHttp.connect(port)), "serving");
            String out = captured.toString(StandardCharsets.UTF_8).replace(":" + port + " ", ":PORT ");
            task.cancel();
            assertThrows(CancelledError.class, task::await);
            return out;
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void byDefaultTheBannerGoesToStandardOutputAsTwoLines() throws Exception {
        assertEquals("======== Running on http://127.0.0.1:PORT ========\n(Press CTRL+C to quit)"
                + System.lineSeparator(), standardOutputWhileServing(quiet()));
    }

    @Test
    void withPrintNullNothingIsWrittenToStandardOutput() throws Exception {
        assertEquals("", standardOutputWhileServing(quiet().withPrint(null)));
    }

    @Test
    void theAccessLogTakesTheGivenFormatAndLogger() throws Exception {
        AccessLoggerTest.Captured log = new AccessLoggerTest.Captured();
        RunningApp run = RunningApp.start(hello(),
                quiet().withHost("127.0.0.1").withPort(0).withAccessLog(log).withAccessLogFormat("%r -> %s"));
        getOver(RawHttp.connect(run.port()));
        run.stop();
        assertEquals(List.of("GET / HTTP/1.1 -> 200"), log.lines);
    }

    @Test
    void withAccessLogNullNothingIsLogged() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(AccessLogger.DEFAULT_LOGGER_NAME);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            RunningApp on = RunningApp.start(hello(), quiet().withHost("127.0.0.1").withPort(0)
                    .withAccessLog(System.getLogger(AccessLogger.DEFAULT_LOGGER_NAME)));
            getOver(RawHttp.connect(on.port()));
            on.stop();
            assertEquals(1, seen.size(), "the default logger's lines reach this handler: " + seen);
            RunningApp off = RunningApp.start(hello(), quiet().withHost("127.0.0.1").withPort(0).withAccessLog(null));
            getOver(RawHttp.connect(off.port()));
            off.stop();
            assertEquals(1, seen.size(), "no line for the request served without an access log: " + seen);
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void theApplicationFactoryRunsInTheServingTaskBeforeSetup() throws Exception {
        List<String> log = new ArrayList<>();
        EventLoop loop = getRunningLoop();
        Future<String> printed = loop.createFuture();
        Task<Void> task = createTask(() -> {
            Web.serveApp(() -> {
                sleep(0); // it may suspend
                log.add("factory on the loop: " + (getRunningLoop() == loop));
                Application app = hello();
                app.onStartup().add(a -> log.add("startup"));
                return app;
            }, quiet().withHost("127.0.0.1").withPort(0).withPrint(printed::setResult));
            return null;
        });
        task.addDoneCallback(t -> printed.cancel()); // ended before printing: fail, not hang
        printed.await();
        assertEquals(List.of("factory on the loop: true", "startup"), log);
        task.cancel();
        assertThrows(CancelledError.class, task::await);
    }

    @Test
    void anApplicationFactoryReturningNullIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Web.serveApp(() -> null, quiet()));
        assertEquals("Web.serveApp(): the application factory returned null; return the Application to serve",
                e.getMessage());
    }

    @Test
    void optionsServingNothingFailBeforeAnyStartupHookRuns() {
        List<String> log = new ArrayList<>();
        Application app = hello();
        app.onStartup().add(a -> log.add("startup"));
        assertThrows(IllegalArgumentException.class, () -> Web.serveApp(app, quiet().withHosts(List.of())));
        assertEquals(List.of(), log);
    }

    @Test
    void aSiteThatCannotBindFailsTheRunAfterCleaningUp() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            List<String> log = new ArrayList<>();
            Application app = hello();
            app.onCleanup().add(a -> log.add("cleanup"));
            IOException e = assertThrows(IOException.class,
                    () -> Web.serveApp(app, quiet().withHost("127.0.0.1").withPort(port).withReuseAddress(false)));
            assertTrue(e instanceof BindException || String.valueOf(e.getMessage()).contains("in use"), e.toString());
            assertEquals(List.of("cleanup"), log);
        }
    }

    @Test
    void runAppRefusesToRunInsideALoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Web.runApp(hello(), quiet()));
        assertTrue(e.getMessage().contains("running event loop"), e.getMessage());
    }
}
