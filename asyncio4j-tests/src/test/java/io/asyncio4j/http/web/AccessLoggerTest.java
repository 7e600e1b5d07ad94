package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log (aiohttp's AccessLogger): its format language, and one line per answered request. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class AccessLoggerTest {
    private static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

    /** A logger keeping its INFO lines (and its ERROR ones, prefixed). */
    static final class Captured implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        boolean info = true;

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.INFO || info;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add((level == Level.INFO ? "" : level + ": ") + msg + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

    private static AccessLogger.Exchange exchange(double seconds) {
        Headers req = Headers.of("Referer", "http://ref/", "User-Agent", "UA/1");
        Headers resp = Headers.of("Content-Type", "text/plain; charset=utf-8");
        return new AccessLogger.Exchange("GET", "/h?x=1", "HTTP/1.1", req, "127.0.0.1", 200, 156, resp, seconds,
                T0 + Math.round(seconds * 1000));
    }

    @Test
    void theDefaultFormatWritesAiohttpsLine() {
        assertEquals("127.0.0.1 [14/Nov/2023:22:13:20 +0000] \"GET /h?x=1 HTTP/1.1\" 200 156 \"http://ref/\" \"UA/1\"",
                new AccessLogger().line(exchange(0.25)));
    }

    @Test
    void timeTakenComesInSecondsFractionsAndMicroseconds() {
        assertEquals("2 1.500000 1500000", new AccessLogger("%T %Tf %D").line(exchange(1.5)));
        assertEquals("0 0.000123 123", new AccessLogger("%T %Tf %D").line(exchange(0.000123)));
    }

    @Test
    void fieldsOfTheRequestAndResponseAndMissingOnesAsADash() {
        assertEquals("UA/1 text/plain; charset=utf-8 - -",
                new AccessLogger("%{User-Agent}i %{Content-Type}o %{X-None}i %{X-None}o").line(exchange(0)));
    }

    @Test
    void theProcessIdEnvironmentVariablesAndAPercentSign() {
        String path = System.getenv("PATH");
        assertEquals("<" + ProcessHandle.current().pid() + "> 100% " + (path == null ? "-" : path) + " -",
                new AccessLogger("%P 100%% %{PATH}e %{ASYNCIO4J_NO_SUCH_VAR}e").line(exchange(0)));
    }

    @Test
    void anUnparsedRequestShowsDashes() {
        AccessLogger.Exchange e = new AccessLogger.Exchange(null, null, null, null, null, 400, 90, new Headers(), 0, T0);
        assertEquals("- - \"-\" 400 90 -", new AccessLogger("%a %{Referer}i \"%r\" %s %b %{X}o").line(e));
    }

    @Test
    void anUnknownDirectiveIsRefusedWhenTheLoggerIsMade() {
        for (String bad : new String[] {"%z", "%", "%{X}q", "%{}i", "%{a b}i", "%{X"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AccessLogger(bad), bad);
            assertTrue(e.getMessage().startsWith("AccessLogger(): unknown directive"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new AccessLogger(null));
    }

    @Test
    void aLoggerNotTakingInfoGetsNoLine() {
        Captured log = new Captured();
        log.info = false;
        new AccessLogger("%a", log).log(exchange(0));
        assertEquals(List.of(), log.lines);
    }

    // ---- served ---------------------------------------------------------------------------------

    /** The app served with an access log to {@code log}; {@code raw} sent on one connection, everything read to EOF. */
    private static byte[] serveOnce(Application app, Captured log, String raw) throws Exception {
        AppRunner runner = new AppRunner(app).withAccessLog(new AccessLogger("\"%r\" %s %b", log));
        runner.setup();
        try {
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            var pair = openConnection("127.0.0.1", site.port());
            pair.writer().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk;
            while ((chunk = pair.reader().read(65536)).length > 0) {
                all.writeBytes(chunk);
            }
            pair.writer().close();
            return all.toByteArray();
        } finally {
            runner.cleanup();
        }
    }

    @Test
    void eachAnsweredRequestGetsALineWithTheBytesTheClientReceived() throws Exception {
        Captured log = new Captured();
        Application app = new Application().addRoutes(get("/h", r -> Response.text("hello")));
        byte[] got = serveOnce(app, log, "GET /h?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(List.of("\"GET /h?x=1 HTTP/1.1\" 200 " + got.length), log.lines);
    }

    @Test
    void aStreamedAnswerCountsItsChunkFramingToo() throws Exception {
        Captured log = new Captured();
        Application app = new Application().addRoutes(get("/s", r -> {
            StreamResponse s = new StreamResponse();
            s.prepare(r);
            s.write("abc");
            s.write("defgh");
            return s;
        }));
        byte[] got = serveOnce(app, log, "GET /s HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertTrue(new String(got, StandardCharsets.ISO_8859_1).contains("Transfer-Encoding: chunked"));
        assertEquals(List.of("\"GET /s HTTP/1.1\" 200 " + got.length), log.lines);
    }

    @Test
    void keptAliveRequestsGetALineEach() throws Exception {
        Captured log = new Captured();
        Application app = new Application().addRoutes(get("/a", r -> Response.text("a")));
        serveOnce(app, log, "GET /a HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\nGET /a HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(3, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).startsWith("\"GET /a HTTP/1.1\" 200 "), log.lines.get(0));
        assertTrue(log.lines.get(1).startsWith("\"GET /nope HTTP/1.1\" 404 "), log.lines.get(1));
        assertTrue(log.lines.get(2).startsWith("\"GET /a HTTP/1.1\" 200 "), log.lines.get(2));
    }

    @Test
    void aMalformedRequestIsLoggedWithADashForItsLine() throws Exception {
        Captured log = new Captured();
        byte[] got = serveOnce(new Application(), log, "NOT A REQUEST\r\n\r\n");
        assertEquals(List.of("\"-\" 400 " + got.length), log.lines);
    }

    @Test
    void theAccessLogIsOffUnlessChosenAndChosenBeforeSetup() throws Exception {
        AppRunner runner = new AppRunner(new Application());
        assertNull(runner.accessLog());
        runner.setup();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> runner.withAccessLog(new AccessLogger()));
            assertTrue(e.getMessage().contains("before setup()"), e.getMessage());
        } finally {
            runner.cleanup();
        }
    }

    @Test
    void itsStringShowsTheFormatAndTheLogger() {
        assertEquals("<AccessLogger \"%a %s\" to captured>", new AccessLogger("%a %s", new Captured()).toString());
    }
}
