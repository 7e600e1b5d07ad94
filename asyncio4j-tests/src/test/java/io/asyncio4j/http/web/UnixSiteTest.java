package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serving on a Unix-domain socket (aiohttp's web.UnixSite). The client side is raw asyncio4j
 * streams ({@code openUnixConnection}), so that what goes over the wire is exactly the test's (the client's
 * Unix sessions are tested in {@code ClientUnixSocketTest}). What aiohttp 3.8.4
 * gives over a Unix socket (remote, url, name) was checked with it.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class UnixSiteTest {
    private Path dir;
    private Path socket;

    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("aio-site"); // /tmp/aio-site123: short, as a socket path must be
        socket = dir.resolve("app.sock");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    /** An application answering {@code GET /} with what the request says of where it came from. */
    private static Application whoAsks() {
        return new Application().addRoutes(get("/", r -> Response.text("remote=[" + r.remote() + "] url=" + r.url())));
    }

    @Test
    void aUnixSiteServesTheApplicationOnItsSocket() throws Exception {
        try (AppRunner runner = new AppRunner(new Application().addRoutes(get("/", r -> Response.text("over unix"))))) {
            runner.setup();
            new UnixSite(runner, socket).start();
            try (RawHttp c = RawHttp.connectUnix(socket)) {
                Reply r = c.exchange(RawHttp.get("/"));
                assertEquals(200, r.status());
                assertEquals("over unix", r.text());
                assertEquals("over unix", c.exchange(RawHttp.get("/")).text(), "kept alive as over TCP");
            }
        }
    }

    @Test
    void aRequestOverAUnixSocketHasAnEmptyRemoteAndItsUrlFromTheHostField() throws Exception {
        try (AppRunner runner = new AppRunner(whoAsks())) {
            runner.setup();
            new UnixSite(runner, socket).start();
            try (RawHttp c = RawHttp.connectUnix(socket)) {
                // aiohttp 3.8.4: remote='' (str of the unnamed peer), url=http://test/
                assertEquals("remote=[] url=http://test/", c.exchange(RawHttp.get("/")).text());
            }
        }
    }

    @Test
    void aRequestOverAUnixSocketWithoutAHostFieldHasALocalhostUrl() throws Exception {
        try (AppRunner runner = new AppRunner(whoAsks())) {
            runner.setup();
            new UnixSite(runner, socket).start();
            try (RawHttp c = RawHttp.connectUnix(socket)) {
                // aiohttp 3.8.4 on this machine: http://localhost/ (its socket.getfqdn())
                assertEquals("remote=[] url=http://localhost/", c.exchange("GET / HTTP/1.0\r\n\r\n").text());
            }
        }
    }

    @Test
    void theSiteIsNamedAsAiohttpNamesItAndListedByTheRunner() throws Exception {
        try (AppRunner runner = new AppRunner(new Application())) {
            runner.setup();
            UnixSite site = new UnixSite(runner, socket);
            assertEquals("http://unix:" + socket + ":", site.name());
            assertEquals(BaseSite.State.NEW, site.state());
            site.start();
            assertEquals(BaseSite.State.SERVING, site.state());
            assertEquals("<UnixSite SERVING http://unix:" + socket + ":>", site.toString());
            assertEquals(List.of(site), runner.sites());
            assertEquals(socket, site.path());
        }
    }

    @Test
    void runnerCleanupStopsTheSiteAndRemovesItsSocketFile() throws Exception {
        AppRunner runner = new AppRunner(new Application());
        runner.setup();
        UnixSite site = new UnixSite(runner, socket);
        site.start();
        assertTrue(Files.exists(socket));
        runner.cleanup();
        assertEquals(BaseSite.State.STOPPED, site.state());
        assertFalse(Files.exists(socket), "removed as asyncio 3.13's cleanup_socket does");
        assertThrows(IOException.class, () -> RawHttp.connectUnix(socket));
    }

    @Test
    void aUnixSiteAndATcpSiteServeOneRunnerTogether() throws Exception {
        try (AppRunner runner = new AppRunner(new Application().addRoutes(get("/", r -> Response.text("one app"))))) {
            runner.setup();
            UnixSite unix = new UnixSite(runner, socket);
            unix.start();
            TcpSite tcp = new TcpSite(runner, "127.0.0.1", 0);
            tcp.start();
            assertEquals(List.of(unix, tcp), runner.sites());
            try (RawHttp overUnix = RawHttp.connectUnix(socket); RawHttp overTcp = RawHttp.connect(tcp.port())) {
                assertEquals("one app", overUnix.exchange(RawHttp.get("/")).text());
                assertEquals("one app", overTcp.exchange(RawHttp.get("/")).text());
            }
        }
    }

    @Test
    void anExistingFileThatIsNotASocketIsRefusedAndLeftAlone() throws Exception {
        Files.writeString(socket, "data");
        try (AppRunner runner = new AppRunner(new Application())) {
            runner.setup();
            UnixSite site = new UnixSite(runner, socket);
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, site::start);
            assertEquals(socket + ": UnixSite.start(): the path exists and is not a socket; remove it or choose "
                    + "another path", e.getMessage());
            assertEquals(BaseSite.State.NEW, site.state(), "a failed start leaves the site NEW");
            assertEquals("data", Files.readString(socket));
        }
    }

    @Test
    void aPathTooLongForAUnixSocketIsRefusedWithTheWayOut() throws Exception {
        Path tooLong = dir.resolve("x".repeat(120) + ".sock");
        try (AppRunner runner = new AppRunner(new Application())) {
            runner.setup();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new UnixSite(runner, tooLong).start());
            assertTrue(e.getMessage().startsWith("UnixSite.start(): the path " + tooLong + " is "
                    + tooLong.toString().length() + " bytes long, too long for a Unix socket"), e.getMessage());
            assertTrue(e.getMessage().endsWith("choose a shorter path, such as one under /tmp or /run"), e.getMessage());
        }
    }

    @Test
    void aUnixSiteStartsOnlyOnAReadyRunnerAndOnlyOnce() throws Exception {
        AppRunner runner = new AppRunner(new Application());
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> new UnixSite(runner, socket).start());
        assertEquals("UnixSite.start(): the runner is NEW; call AppRunner.setup() first", early.getMessage());
        runner.setup();
        UnixSite site = new UnixSite(runner, socket);
        site.start();
        IllegalStateException again = assertThrows(IllegalStateException.class, site::start);
        assertEquals("UnixSite.start(): the site is SERVING; a site starts once (make a new UnixSite to serve again)",
                again.getMessage());
        runner.cleanup();
    }

    @Test
    void aNullRunnerOrPathIsRefused() {
        IllegalArgumentException noRunner = assertThrows(IllegalArgumentException.class,
                () -> new UnixSite(null, socket));
        assertEquals("UnixSite(): the runner is null; pass the AppRunner whose application it serves",
                noRunner.getMessage());
        IllegalArgumentException noPath = assertThrows(IllegalArgumentException.class,
                () -> new UnixSite(new AppRunner(new Application()), null));
        assertEquals("UnixSite(): the path is null; give the socket's path, such as /run/app.sock", noPath.getMessage());
    }
}
