package io.asyncio4j.http.web;

import io.asyncio4j.http.WsRfc;
import io.asyncio4j.http.WebSocketException;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.internal.WebSocketChannel;
import io.asyncio4j.http.web.WsPeer.Frame;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.sync.Event;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.AutojumpThreshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.WsPeer.BINARY;
import static io.asyncio4j.http.web.WsPeer.CLOSE;
import static io.asyncio4j.http.web.WsPeer.CONTINUATION;
import static io.asyncio4j.http.web.WsPeer.FIN;
import static io.asyncio4j.http.web.WsPeer.PING;
import static io.asyncio4j.http.web.WsPeer.PONG;
import static io.asyncio4j.http.web.WsPeer.TEXT;
import static io.asyncio4j.http.web.WsPeer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's permessage-deflate (RFC 7692) at the byte level, against {@link WsPeer}, which
 * sends exactly the offers and frames a test writes: the answer to each offer, the server's
 * compressed frames byte for byte (RFC 7692 §7.2.3's), context takeover or not, the client's
 * compressed frames read (fragmented, with pings between), the errors (RSV1 where it may not be,
 * text that is not UTF-8 once decompressed, a decompression bomb), and the native memory freed
 * however the WebSocket ends. The server's frames are decompressed here with the JDK's Inflater
 * directly, not with the codec under test.
 */
@ExtendWith(AsyncioExtension.class)
@AutojumpThreshold(100)
class WebSocketServerCompressionTest {
    private static final String AIOHTTP_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** What the echo handler saw. */
    static final class Seen {
        final Queue<WsMessage> messages = new Queue<>();
        final AtomicReference<WebSocketResponse> ws = new AtomicReference<>();
        final Event ended = new Event();

        WsMessage next() {
            return timeout(10, messages::get);
        }

        WebSocketChannel channel() {
            return ws.get().channel();
        }
    }

    /** Records every message; echoes TEXT and BINARY; returns when receiving ends. */
    private static Served serve(WebSocketOptions options, Seen seen) throws Exception {
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse(options);
            seen.ws.set(ws);
            ws.prepare(r);
            try {
                while (true) {
                    WsMessage m = ws.receive();
                    seen.messages.putNowait(m);
                    if (m.type() == WsMsgType.TEXT) {
                        ws.sendStr(m.text());
                    } else if (m.type() == WsMsgType.BINARY) {
                        ws.sendBytes(m.bytes());
                    }
                    if (m.type().endsReceiving() || m.type() == WsMsgType.ERROR) {
                        return ws;
                    }
                }
            } finally {
                seen.ended.set();
            }
        };
        return Served.routes(get("/ws", h));
    }

    private static Served serve(Seen seen) throws Exception {
        return serve(WebSocketOptions.defaults(), seen);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hexOf(Frame f) {
        return HEX.formatHex(new byte[] {(byte) f.first()}) + " " + HEX.formatHex(f.payload());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Checks the next frame is the server's close with {@code code}, then EOF; and the handler's ERROR. */
    private static void closesWith(int code, Seen seen, WsPeer p) throws Exception {
        WsMessage m = seen.next();
        assertEquals(WsMsgType.ERROR, m.type(), m.toString());
        assertEquals(code, assertInstanceOf(WebSocketException.class, m.exception()).code());
        p.expectCloseThenEof(code);
        seen.ended.await();
        assertEnded(seen.channel());
    }

    /** Checks, after a turn or two of the loop, that {@code ch}'s Deflater and Inflater were freed, if it has them. */
    private static void assertEnded(WebSocketChannel ch) {
        if (ch.compressor() == null) {
            assertNull(ch.decompressor());
            return;
        }
        for (int i = 0; i < 30 && !(ch.compressor().isEnded() && ch.decompressor().isEnded()); i++) {
            io.asyncio4j.Asyncio.sleep(0.01); // the connection's close may take a turn of the loop or two
        }
        assertTrue(ch.compressor().isEnded(), "the Deflater is freed: " + ch.compressor());
        assertTrue(ch.decompressor().isEnded(), "the Inflater is freed: " + ch.decompressor());
        assertEquals(WebSocketChannel.State.CLOSED, ch.state());
    }

    // ---- the answer to an offer ------------------------------------------------------------------

    @Test
    void aiohttpsOfferIsAcceptedAndTheServersHelloFramesAreTheRfcsByteForByte() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            assertEquals("permessage-deflate", p.handshake.header("Sec-WebSocket-Extensions"));
            // RFC 7692 §7.2.3.1's frame, masked: the server decompresses it
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            assertEquals(WsMessage.text("Hello"), seen.next());
            assertEquals(15, seen.ws.get().compress());
            assertEquals("c1 f2 48 cd c9 c9 07 00", hexOf(p.read()), "the echo, compressed, RSV1 set");
            // §7.2.3.2: the peer's second Hello refers to its first; the server's too
            p.send(FIN | 0x40 | TEXT, hex("f2 00 11 00 00"));
            assertEquals(WsMessage.text("Hello"), seen.next());
            assertEquals("c1 f2 00 11 00 00", hexOf(p.read()));
        }
    }

    /** {@code data} as a fresh level-1 JDK Deflater compresses it, tail cut: a message compressed with no window before it. */
    private static byte[] deflateAfresh(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(data);
            byte[] out = new byte[data.length + 1024];
            int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            return Arrays.copyOf(out, n - 4);
        } finally {
            d.end();
        }
    }

    @Test
    void withServerNoContextTakeoverEachMessageIsCompressedAfreshAndOneThatWouldNotShrinkGoesAsItIs() throws Exception {
        Seen seen = new Seen();
        String text = "Hello, compression! ".repeat(5); // 100 bytes
        byte[] noise = new byte[200];
        new Random(5).nextBytes(noise);
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws",
                "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n")) {
            assertEquals("permessage-deflate; server_no_context_takeover", p.handshake.header("Sec-WebSocket-Extensions"));
            for (int i = 0; i < 3; i++) {
                p.send(FIN | 0x40 | TEXT, WsRfc.deflate(utf8(text)));
                Frame f = p.read();
                assertEquals(FIN | 0x40 | TEXT, f.first());
                assertEquals(HEX.formatHex(deflateAfresh(utf8(text))), HEX.formatHex(f.payload()), "message " + i + ": as if the first");
            }
            // under 64 bytes (WsCompressor.NO_TAKEOVER_MIN_SIZE), and noise: sent as they are, RSV1 clear
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            assertEquals("81 48 65 6c 6c 6f", hexOf(p.read()));
            String short63 = "a".repeat(63); // would shrink, but under the size worth the Deflater's time
            p.send(FIN | 0x40 | TEXT, WsRfc.deflate(utf8(short63)));
            assertEquals(FIN | TEXT, p.read().first());
            p.send(FIN | 0x40 | BINARY, WsRfc.deflate(noise));
            Frame f = p.read();
            assertEquals(FIN | BINARY, f.first());
            assertArrayEquals(noise, f.payload());
            p.send(FIN | 0x40 | TEXT, WsRfc.deflate(utf8(text)));
            assertEquals(HEX.formatHex(deflateAfresh(utf8(text))), HEX.formatHex(p.read().payload()), "and afresh again");
        }
    }

    @Test
    void withClientNoContextTakeoverTheServerStillReadsAPeerThatStartsAfresh() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws",
                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n")) {
            assertEquals("permessage-deflate; client_no_context_takeover", p.handshake.header("Sec-WebSocket-Extensions"));
            for (int i = 0; i < 2; i++) {
                p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
                assertEquals(WsMessage.text("Hello"), seen.next());
            }
            assertEquals("c1 f2 48 cd c9 c9 07 00", hexOf(p.read()));
            assertEquals("c1 f2 00 11 00 00", hexOf(p.read()), "the server's own window runs on");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits; server_max_window_bits=10", // aiohttp's compress=10
        "permessage-deflate; server_max_window_bits=8",
        "permessage-deflate; foo",
        "x-webkit-deflate-frame",
    })
    void anOfferTheServerCannotHonourIsDeclinedAndRsv1IsThenAProtocolError(String offer) throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", "Sec-WebSocket-Extensions: " + offer + "\r\n")) {
            assertNull(p.handshake.header("Sec-WebSocket-Extensions"), "answered without the extension");
            p.sendText("Hello");
            assertEquals(WsMessage.text("Hello"), seen.next());
            assertEquals(0, seen.ws.get().compress());
            assertEquals("81 48 65 6c 6c 6f", hexOf(p.read()), "the echo goes uncompressed");
            assertNull(seen.channel().compressor(), "no compressor made");
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            closesWith(WsCloseCode.PROTOCOL_ERROR, seen, p);
        }
    }

    @Test
    void theFirstOfferTheServerCanHonourIsAccepted() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws",
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10, "
                        + "permessage-deflate; server_no_context_takeover\r\n")) {
            assertEquals("permessage-deflate; server_no_context_takeover", p.handshake.header("Sec-WebSocket-Extensions"));
        }
    }

    @Test
    void aServerWithCompressOffAnswersNoExtension() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withCompress(0), seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            assertNull(p.handshake.header("Sec-WebSocket-Extensions"));
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            closesWith(WsCloseCode.PROTOCOL_ERROR, seen, p);
        }
    }

    @Test
    void aServerWithAnyWindowBitsAcceptsTheOffer() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withCompress(9), seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            assertEquals("permessage-deflate", p.handshake.header("Sec-WebSocket-Extensions"));
        }
    }

    @Test
    void noOfferNoExtensionAndNoCompressorOrDecompressor() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws")) {
            assertNull(p.handshake.header("Sec-WebSocket-Extensions"));
            p.sendText("plain");
            assertEquals(WsMessage.text("plain"), seen.next());
            assertNull(seen.channel().compressor());
            assertNull(seen.channel().decompressor());
            assertEquals(0, seen.ws.get().compress());
        }
    }

    // ---- messages ---------------------------------------------------------------------------------

    @Test
    void aFragmentedCompressedMessageWithAPingBetweenIsReadAndThePongGoesUncompressed() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            // RFC 7692 §7.2.3.1's fragments
            p.send(0x40 | TEXT, hex("f2 48 cd")).send(FIN | PING, utf8("mid")).send(FIN | CONTINUATION, hex("c9 c9 07 00"));
            Frame pong = p.read();
            assertEquals(FIN | PONG, pong.first(), "control frames are never compressed");
            assertEquals("mid", pong.text());
            assertEquals(WsMessage.text("Hello"), seen.next());
        }
    }

    @Test
    void uncompressedMessagesStillWorkWithTheExtensionOn() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.sendText("as is");
            assertEquals(WsMessage.text("as is"), seen.next());
            assertEquals("as is", new String(WsRfc.inflate(p.read().payload()), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void emptyAndBinaryMessagesGoCompressed() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, hex("00"));
            assertEquals(WsMessage.text(""), seen.next());
            assertEquals("c1 00", hexOf(p.read()), "an empty message is one byte, 00 (RFC 7692 §7.2.3.6)");
            byte[] b = {0, 1, 2, 3, 0, 1, 2, 3};
            p.send(FIN | 0x40 | BINARY, WsRfc.deflate(b));
            assertArrayEquals(b, seen.next().bytes());
            Frame f = p.read();
            assertEquals(FIN | 0x40 | BINARY, f.first());
            assertArrayEquals(b, WsRfc.inflate(f.payload()));
        }
    }

    @Test
    void largeMessagesGoCompressedInOneFrameEachWay() throws Exception {
        Seen seen = new Seen();
        Random rnd = new Random(3);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) {
            sb.append("word").append(rnd.nextInt(5000)).append(' ');
        }
        String text = sb.toString();
        byte[] noise = new byte[100_000];
        rnd.nextBytes(noise);
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, WsRfc.deflate(utf8(text)));
            assertEquals(WsMessage.text(text), seen.next());
            Frame f = p.read();
            assertEquals(FIN | 0x40 | TEXT, f.first());
            assertTrue(f.payload().length > 16 * 1024 && f.payload().length < text.length() / 2,
                    "compressed, over the size built whole: " + f.payload().length);
            assertEquals(text, new String(WsRfc.inflate(f.payload()), java.nio.charset.StandardCharsets.UTF_8));
            p.send(FIN | 0x40 | BINARY, WsRfc.deflate(noise));
            assertArrayEquals(noise, seen.next().bytes());
            Frame g = p.read();
            assertArrayEquals(noise, WsRfc.inflate(g.payload()), "noise, in stored blocks");
        }
    }

    // ---- errors -----------------------------------------------------------------------------------

    @Test
    void rsv1OnAContinuationFrameClosesWith1002() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(0x40 | TEXT, hex("f2 48 cd")).send(FIN | 0x40 | CONTINUATION, hex("c9 c9 07 00"));
            closesWith(WsCloseCode.PROTOCOL_ERROR, seen, p);
        }
    }

    @Test
    void rsv1OnAPingClosesWith1002() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | PING, hex("f2 48 cd c9 c9 07 00"));
            closesWith(WsCloseCode.PROTOCOL_ERROR, seen, p);
        }
    }

    @Test
    void rsv2ClosesWith1002EvenWithTheExtension() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x20 | TEXT, utf8("x"));
            closesWith(WsCloseCode.PROTOCOL_ERROR, seen, p);
        }
    }

    @Test
    void compressedTextThatIsNotUtf8ClosesWith1007() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, WsRfc.deflate(new byte[] {'a', (byte) 0xc3, '('}));
            closesWith(WsCloseCode.INVALID_TEXT, seen, p);
        }
    }

    @Test
    void aPayloadThatIsNotDeflateClosesWith1007() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | BINARY, hex("ff ff ff"));
            closesWith(WsCloseCode.INVALID_TEXT, seen, p);
        }
    }

    @Test
    void aDecompressionBombClosesWith1009() throws Exception {
        Seen seen = new Seen();
        byte[] bomb = WsRfc.deflate(new byte[16 << 20]); // 16 MiB of zeros in about 16 KiB
        assertTrue(bomb.length < 64 * 1024, bomb.length + " bytes");
        try (Served s = serve(WebSocketOptions.defaults().withMaxMessageSize(1 << 20), seen);
             WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | BINARY, bomb);
            WsMessage m = seen.next();
            assertTrue(m.exception().getMessage().contains("Decompressed message size exceeds limit 1048576"), m.toString());
            assertEquals(WsCloseCode.MESSAGE_TOO_BIG, p.read().closeCode());
        }
    }

    // ---- native memory ----------------------------------------------------------------------------

    @Test
    void theDeflaterAndInflaterAreFreedAfterTheCloseHandshake() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            p.read();
            WebSocketChannel ch = seen.channel();
            assertTrue(ch.toString().contains("permessage-deflate"), ch.toString());
            assertTrue(ch.compressor().toString().contains("RUNNING"), ch.compressor().toString());
            p.sendClose(WsCloseCode.OK, "");
            assertEquals(CLOSE, p.read().opcode());
            seen.ended.await();
            assertEnded(ch);
        }
    }

    @Test
    void theDeflaterAndInflaterAreFreedWhenTheConnectionIsLost() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(seen); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            assertEquals(WsMessage.text("Hello"), seen.next());
            p.read();
            p.send(0x40 | TEXT, hex("f2 48")); // half a message, then the connection goes
            p.close();
            assertEquals(WsMsgType.CLOSED, seen.next().type());
            assertEnded(seen.channel());
        }
    }

    @Test
    void theDeflaterAndInflaterAreFreedWhenTheHeartbeatGivesUpWhileTheHandlerReceives() throws Exception {
        Seen seen = new Seen();
        try (Served s = serve(WebSocketOptions.defaults().withHeartbeat(java.time.Duration.ofSeconds(10)), seen);
             WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            p.send(FIN | 0x40 | TEXT, hex("f2 48 cd c9 c9 07 00"));
            assertEquals(WsMessage.text("Hello"), seen.next());
            assertEquals(FIN | 0x40 | TEXT, p.read().first());
            assertEquals(FIN | PING, p.read().first(), "the heartbeat's ping, never answered");
            p.http.assertClosedByServer();
            assertEquals(WsMessage.CLOSED, seen.next());
            assertEnded(seen.channel());
        }
    }

    @Test
    void theDeflaterAndInflaterAreFreedWhenTheHandlerReturnsWithoutClosing() throws Exception {
        AtomicReference<WebSocketResponse> opened = new AtomicReference<>();
        Handler h = r -> {
            WebSocketResponse ws = new WebSocketResponse();
            opened.set(ws);
            ws.prepare(r);
            ws.sendStr("bye");
            return ws; // the server closes it: 1000, then the connection after the close timeout
        };
        try (Served s = Served.routes(get("/ws", h)); WsPeer p = WsPeer.open(s, "/ws", AIOHTTP_OFFER)) {
            assertEquals(FIN | 0x40 | TEXT, p.read().first());
            assertEquals(WsCloseCode.OK, p.read().closeCode());
            p.close(); // no answer to the close frame: the connection is lost instead
            assertEnded(opened.get().channel());
        }
    }
}
