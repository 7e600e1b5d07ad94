package io.asyncio4j.http.client;

import io.asyncio4j.http.WsRfc;
import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.internal.WebSocketChannel;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Handler;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.client.WsWire.BINARY;
import static io.asyncio4j.http.client.WsWire.FIN;
import static io.asyncio4j.http.client.WsWire.PING;
import static io.asyncio4j.http.client.WsWire.TEXT;
import static io.asyncio4j.http.client.WsWire.concat;
import static io.asyncio4j.http.client.WsWire.frame;
import static io.asyncio4j.http.web.Web.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's permessage-deflate (RFC 7692): against a raw server ({@link TestServer},
 * {@link WsWire}) that writes its answer and frames byte by byte — the offer as sent, each answer
 * the client must refuse, the server's compressed frames (RFC 7692 §7.2.3's) read, the client's
 * own compressed and masked frames byte for byte, context takeover or not, the errors, the native
 * memory freed —; and against asyncio4j-http's own server, compression on both sides, on one
 * side only, and off. On the virtual clock; the autojump threshold lets loopback bytes arrive
 * before a timer is jumped to.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(50)
class ClientWebSocketCompressionTest {
    private static final WebSocketOptions COMPRESS = WebSocketOptions.defaults().withCompress(15);
    private static final String PMD = "Sec-WebSocket-Extensions: permessage-deflate";
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private interface Script {
        void run(TestServer.Conn conn) throws Exception;
    }

    /** A raw server that answers 101 with {@code fields}, then runs {@code script}. */
    private static TestServer server(Script script, String... fields) throws Exception {
        return TestServer.start(conn -> {
            WsWire.handshake(conn, fields);
            script.run(conn);
        });
    }

    private static <T> T next(Queue<T> q) {
        return timeout(10, q::get);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void assertEnded(ClientWebSocketResponse ws) {
        WebSocketChannel ch = ws.channel();
        for (int i = 0; i < 30 && !(ch.compressor().isEnded() && ch.decompressor().isEnded()); i++) {
            io.asyncio4j.Asyncio.sleep(0.01); // the connection's close may take a turn of the loop or two
        }
        assertTrue(ch.compressor().isEnded(), "the Deflater is freed: " + ch.compressor());
        assertTrue(ch.decompressor().isEnded(), "the Inflater is freed: " + ch.decompressor());
        assertEquals(WebSocketChannel.State.CLOSED, ch.state());
    }

    // ---- the offer ------------------------------------------------------------------------------

    @Test
    void byDefaultNothingIsOfferedAsAiohttpsCompressZero() throws Exception {
        try (TestServer server = server(WsWire::untilCloseAnswered); ClientSession session = new ClientSession()) {
            try (ClientWebSocketResponse ws = session.wsConnect(server.url("/"))) {
                assertEquals(0, ws.compress());
            }
            assertNull(server.requests.get(0).header("Sec-WebSocket-Extensions"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "15, permessage-deflate",
        "10, permessage-deflate; server_max_window_bits=10",
        "9,  permessage-deflate; server_max_window_bits=9",
    })
    void compressOffersTheExtension(int bits, String offer) throws Exception {
        try (TestServer server = server(WsWire::untilCloseAnswered); ClientSession session = new ClientSession()) {
            session.wsConnect(server.url("/"), WebSocketOptions.defaults().withCompress(bits)).close();
            assertEquals(offer, server.requests.get(0).header("Sec-WebSocket-Extensions"));
        }
    }

    @Test
    void aServerThatDeclinesLeavesMessagesUncompressedAndRsv1AProtocolError() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            seen.put(WsWire.read(conn.reader));
            conn.send(frame(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00")));
            seen.put(WsWire.read(conn.reader));
            conn.awaitClientClose();
        }); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            assertEquals(0, ws.compress());
            ws.sendStr("Hello");
            WsWire.Frame f = next(seen);
            assertEquals(0, f.rsv());
            assertEquals("Hello", f.text());
            WsMessage m = ws.receive();
            assertEquals(WsCloseCode.PROTOCOL_ERROR, assertInstanceOf(WebSocketException.class, m.exception()).code());
            assertEquals(WsCloseCode.PROTOCOL_ERROR, next(seen).closeCode());
        }
    }

    // ---- answers the client refuses --------------------------------------------------------------

    /** The problem a client offering {@code options} refuses the answer {@code field} with. */
    private static WsServerHandshakeException refused(WebSocketOptions options, String field) throws Exception {
        try (TestServer server = server(TestServer.Conn::awaitClientClose, field); ClientSession session = new ClientSession()) {
            WsServerHandshakeException e = assertThrows(WsServerHandshakeException.class,
                    () -> session.wsConnect(server.url("/"), options));
            assertEquals(101, e.status());
            assertTrue(session.toString().contains("open=0"), "the connection was closed: " + session);
            return e;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "x-webkit-deflate-frame                                    | the extension \"x-webkit-deflate-frame\", which the client did not offer",
        "permessage-deflate, permessage-deflate                    | more than the one permessage-deflate the client offered",
        "permessage-deflate; client_max_window_bits=10             | the server limits the client's window to 10 bits",
        "permessage-deflate; server_max_window_bits=16             | server_max_window_bits needs a value from 8 to 15",
        "permessage-deflate; foo                                   | the parameter foo is not one of permessage-deflate's",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | appears twice",
    })
    void aBadAnswerFailsTheHandshakeWithItsProblem(String answer, String problem) throws Exception {
        WsServerHandshakeException e = refused(COMPRESS, "Sec-WebSocket-Extensions: " + answer);
        assertTrue(e.problem().contains(problem), e.problem());
        assertTrue(e.getMessage().contains(problem) && !e.getMessage().contains("serves a WebSocket"), e.getMessage());
    }

    @Test
    void aServerWindowLargerThanOfferedFailsTheHandshake() throws Exception {
        WsServerHandshakeException e = refused(WebSocketOptions.defaults().withCompress(10),
                PMD + "; server_max_window_bits=12");
        assertTrue(e.problem().contains("server_max_window_bits=12 is larger than the 10 the client offered"), e.problem());
    }

    @Test
    void anExtensionAnsweredWithoutAnOfferFailsTheHandshake() throws Exception {
        WsServerHandshakeException e = refused(WebSocketOptions.defaults(), PMD);
        assertTrue(e.problem().contains("the client offered no extension"), e.problem());
    }

    // ---- messages against a raw server -----------------------------------------------------------

    @Test
    void theRfcsCompressedFramesFromTheServerAreRead() throws Exception {
        try (TestServer server = server(conn -> {
            conn.send(concat(
                    hex("c1 07 f2 48 cd c9 c9 07 00"),                 // §7.2.3.1
                    hex("41 03 f2 48 cd"), frame(FIN | PING, new byte[0]), hex("80 04 c9 c9 07 00"), // fragments, a ping between
                    hex("c1 05 f2 00 11 00 00"),                       // §7.2.3.2: the window shared
                    hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"),     // §7.2.3.3: a stored block
                    hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"), // §7.2.3.5: two blocks
                    hex("c1 08 f3 48 cd c9 c9 07 00 00"),              // §7.2.3.4: BFINAL
                    hex("c1 07 f2 48 cd c9 c9 07 00"),                 // a new stream after it
                    frame(FIN | 0x40 | BINARY, WsRfc.deflate(new byte[] {1, 2, 3}))));
            WsWire.untilCloseAnswered(conn);
        }, PMD); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            assertEquals(15, ws.compress());
            for (int i = 0; i < 7; i++) {
                assertEquals(WsMessage.text("Hello"), ws.receive(), "message " + i);
            }
            assertArrayEquals(new byte[] {1, 2, 3}, ws.receiveBytes());
        }
    }

    @Test
    void theClientsFramesAreCompressedMaskedAndCarryRsv1TheRfcsBytesOnceUnmasked() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            for (int i = 0; i < 4; i++) {
                seen.put(WsWire.read(conn.reader));
            }
            WsWire.untilCloseAnswered(conn);
        }, PMD); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            ws.sendStr("Hello");
            ws.sendStr("Hello");
            ws.ping("p".getBytes(StandardCharsets.UTF_8));
            ws.sendBytes(new byte[0]);
            WsWire.Frame first = next(seen);
            assertTrue(first.masked() && first.fin());
            assertEquals(4, first.rsv(), "RSV1");
            assertEquals(TEXT, first.opcode());
            assertEquals("f2 48 cd c9 c9 07 00", HEX.formatHex(first.payload()));
            assertEquals("f2 00 11 00 00", HEX.formatHex(next(seen).payload()), "the window runs on (context takeover)");
            WsWire.Frame ping = next(seen);
            assertEquals(PING, ping.opcode());
            assertEquals(0, ping.rsv(), "a control frame is never compressed");
            assertEquals("p", ping.text());
            WsWire.Frame empty = next(seen);
            assertEquals(BINARY, empty.opcode());
            assertEquals(4, empty.rsv());
            assertEquals("00", HEX.formatHex(empty.payload()));
        }
    }

    @Test
    void withClientNoContextTakeoverEachOfTheClientsMessagesStartsAfreshAndShortOnesGoAsTheyAre() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        String text = "Hello, compression! ".repeat(5); // 100 bytes
        try (TestServer server = server(conn -> {
            for (int i = 0; i < 4; i++) {
                seen.put(WsWire.read(conn.reader));
            }
            WsWire.untilCloseAnswered(conn);
        }, PMD + "; client_no_context_takeover"); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            for (int i = 0; i < 3; i++) {
                ws.sendStr(text);
            }
            ws.sendStr("Hello");
            String first = null;
            for (int i = 0; i < 3; i++) {
                WsWire.Frame f = next(seen);
                assertEquals(4, f.rsv(), "compressed");
                assertEquals(text, new String(WsRfc.inflate(f.payload()), StandardCharsets.UTF_8));
                first = first == null ? HEX.formatHex(f.payload()) : first;
                assertEquals(first, HEX.formatHex(f.payload()), "message " + i + ": as if the first");
            }
            WsWire.Frame hello = next(seen);
            assertEquals(0, hello.rsv(), "under 64 bytes without context takeover: as it is");
            assertEquals("Hello", hello.text());
        }
    }

    @Test
    void withServerNoContextTakeoverTheClientReadsEachMessageAfresh() throws Exception {
        // the server's second Hello is the first again; a window that ran on would still read it
        // (it never refers back), but a server that did refer back would now fail with 1007
        try (TestServer server = server(conn -> {
            conn.send(concat(hex("c1 07 f2 48 cd c9 c9 07 00"), hex("c1 07 f2 48 cd c9 c9 07 00"), hex("c1 05 f2 00 11 00 00")));
            conn.awaitClientClose();
        }, PMD + "; server_no_context_takeover"); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            assertEquals("Hello", ws.receiveStr());
            assertEquals("Hello", ws.receiveStr());
            WsMessage m = ws.receive();
            assertEquals(WsCloseCode.INVALID_TEXT, assertInstanceOf(WebSocketException.class, m.exception()).code());
        }
    }

    @Test
    void rsv1OnAContinuationFromTheServerFailsWith1002() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            conn.send(concat(hex("41 03 f2 48 cd"), hex("c0 04 c9 c9 07 00")));
            seen.put(WsWire.read(conn.reader));
            conn.awaitClientClose();
        }, PMD); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            WsMessage m = ws.receive();
            assertEquals(WsMsgType.ERROR, m.type());
            assertEquals(WsCloseCode.PROTOCOL_ERROR, next(seen).closeCode());
            assertEnded(ws);
        }
    }

    @Test
    void aDecompressionBombFromTheServerFailsWith1009() throws Exception {
        Queue<WsWire.Frame> seen = new Queue<>();
        try (TestServer server = server(conn -> {
            conn.send(frame(FIN | 0x40 | TEXT, WsRfc.deflate(new byte[8 << 20])));
            seen.put(WsWire.read(conn.reader));
            conn.awaitClientClose();
        }, PMD); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS.withMaxMessageSize(64 * 1024))) {
            WsMessage m = ws.receive();
            assertEquals(WsCloseCode.MESSAGE_TOO_BIG, assertInstanceOf(WebSocketException.class, m.exception()).code());
            assertEquals(WsCloseCode.MESSAGE_TOO_BIG, next(seen).closeCode());
            assertEnded(ws);
        }
    }

    @Test
    void theDeflaterAndInflaterAreFreedWhenTheServerDropsTheConnection() throws Exception {
        try (TestServer server = server(conn -> {
            conn.send(hex("c1 07 f2 48 cd c9 c9 07 00"));
            WsWire.read(conn.reader);
            // gone without a close frame
        }, PMD); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url("/"), COMPRESS)) {
            assertEquals("Hello", ws.receiveStr());
            ws.sendStr("bye");
            assertEquals(WsMsgType.CLOSED, ws.receive().type());
            assertEnded(ws);
        }
    }

    // ---- against asyncio4j-http's own server -------------------------------------------------------

    /** An echo server on 127.0.0.1 whose WebSockets have {@code options}; hands out each one it opened. */
    private static final class Server implements AutoCloseable {
        final AppRunner runner;
        final TcpSite site;
        final Queue<WebSocketResponse> opened = new Queue<>();

        Server(WebSocketOptions options) throws Exception {
            Handler echo = request -> {
                WebSocketResponse ws = new WebSocketResponse(options);
                ws.prepare(request);
                opened.put(ws);
                for (WsMessage m : ws) {
                    if (m.type() == WsMsgType.TEXT) {
                        ws.sendStr(m.text());
                    } else if (m.type() == WsMsgType.BINARY) {
                        ws.sendBytes(m.bytes());
                    }
                }
                return ws;
            };
            runner = new AppRunner(new Application().addRoutes(get("/ws", echo)), AppRunner.DEFAULT_SHUTDOWN_TIMEOUT,
                    Duration.ZERO);
            runner.setup();
            site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
        }

        String url() {
            return "ws://127.0.0.1:" + site.port() + "/ws";
        }

        @Override
        public void close() throws Exception {
            runner.cleanup();
        }
    }

    /** Messages of every kind and size, echoed. */
    private static void roundTrips(ClientWebSocketResponse ws) throws Exception {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 500_000) {
            sb.append("h\u00e9llo ").append(rnd.nextInt(1000)).append(" \u2713 ");
        }
        for (String s : new String[] {"Hello", "Hello", "", "x".repeat(20_000), sb.toString(), "after"}) {
            ws.sendStr(s);
            assertEquals(s, ws.receiveStr());
        }
        for (int size : new int[] {0, 3, 70_000, 1 << 20}) {
            byte[] b = new byte[size];
            rnd.nextBytes(b);
            ws.sendBytes(b);
            assertArrayEquals(b, ws.receiveBytes());
        }
        byte[] noise = new byte[3000];
        rnd.nextBytes(noise);
        for (int i = 0; i < 2; i++) { // the second refers to the first in a window that runs on
            ws.sendBytes(noise);
            assertArrayEquals(noise, ws.receiveBytes());
        }
        ws.ping(new byte[] {1});
    }

    @Test
    void compressedBothWaysWithOurServer() throws Exception {
        try (Server server = new Server(WebSocketOptions.defaults()); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url(), COMPRESS)) {
            WebSocketResponse peer = next(server.opened);
            assertEquals("permessage-deflate", ws.headers().get("Sec-WebSocket-Extensions"));
            assertEquals(15, ws.compress());
            assertEquals(15, peer.compress());
            roundTrips(ws);
            ws.close();
            assertEnded(ws);
        }
    }

    @Test
    void aSmallerWindowAskedOfOurServerIsDeclinedAndMessagesGoUncompressed() throws Exception {
        try (Server server = new Server(WebSocketOptions.defaults()); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url(), WebSocketOptions.defaults().withCompress(10))) {
            assertNull(ws.headers().get("Sec-WebSocket-Extensions"));
            assertEquals(0, ws.compress());
            assertEquals(0, next(server.opened).compress());
            roundTrips(ws);
        }
    }

    @Test
    void aServerWithCompressOffAndAClientOfferingIt() throws Exception {
        try (Server server = new Server(WebSocketOptions.defaults().withCompress(0)); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url(), COMPRESS)) {
            assertNull(ws.headers().get("Sec-WebSocket-Extensions"));
            assertEquals(0, ws.compress());
            assertEquals(0, next(server.opened).compress());
            assertNull(ws.channel().compressor());
            roundTrips(ws);
        }
    }

    @Test
    void theDefaultsOnBothSidesCompressNothing() throws Exception {
        try (Server server = new Server(WebSocketOptions.defaults()); ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url())) {
            assertEquals(0, ws.compress());
            assertEquals(0, next(server.opened).compress());
            roundTrips(ws);
        }
    }

    @Test
    void theSizeLimitHoldsForTheDecompressedSizeBetweenOurSides() throws Exception {
        try (Server server = new Server(WebSocketOptions.defaults().withMaxMessageSize(100_000));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect(server.url(), COMPRESS)) {
            String ok = "a".repeat(100_000);
            ws.sendStr(ok);
            assertEquals(ok, ws.receiveStr());
            ws.sendStr(ok + "a"); // a few hundred bytes on the wire
            WsMessage m = ws.receive();
            assertEquals(WsMsgType.CLOSE, m.type());
            assertEquals(WsCloseCode.MESSAGE_TOO_BIG, m.closeCode());
            assertEnded(ws);
        }
    }
}
