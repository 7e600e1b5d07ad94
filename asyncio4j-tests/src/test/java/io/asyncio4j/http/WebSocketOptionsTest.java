package io.asyncio4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocketOptions: aiohttp's defaults, the with-ers, and the values the constructor refuses. */
class WebSocketOptionsTest {
    private static final WebSocketOptions D = WebSocketOptions.defaults();

    private static void assertRefused(String problem, Executable call) {
        Throwable e = assertThrows(RuntimeException.class, call);
        assertTrue(e instanceof IllegalArgumentException || e instanceof NullPointerException, e.toString());
        assertTrue(e.getMessage().contains(problem), () -> "expected \"" + problem + "\" in: " + e.getMessage());
    }

    private static WebSocketOptions options(List<String> protocols, long maxMessageSize, Duration closeTimeout,
                                            Duration receiveTimeout, Duration heartbeat) {
        return new WebSocketOptions(protocols, true, true, maxMessageSize, closeTimeout, receiveTimeout, heartbeat);
    }

    // ---- defaults -----------------------------------------------------------------------------

    @Test
    void theDefaultsAreAiohttps() {
        assertEquals(new WebSocketOptions(List.of(), true, true, 4 * 1024 * 1024, Duration.ofSeconds(10),
                Duration.ZERO, Duration.ZERO), D);
        assertEquals(4L * 1024 * 1024, WebSocketOptions.DEFAULT_MAX_MESSAGE_SIZE);
    }

    // ---- with-ers -----------------------------------------------------------------------------

    @Test
    void eachWithChangesItsOwnValueOnly() {
        assertEquals(new WebSocketOptions(List.of("chat", "v2.json"), true, true, D.maxMessageSize(), D.closeTimeout(),
                D.receiveTimeout(), D.heartbeat()), D.withProtocols("chat", "v2.json"));
        assertEquals(new WebSocketOptions(List.of(), false, true, D.maxMessageSize(), D.closeTimeout(),
                D.receiveTimeout(), D.heartbeat()), D.withAutoclose(false));
        assertEquals(new WebSocketOptions(List.of(), true, false, D.maxMessageSize(), D.closeTimeout(),
                D.receiveTimeout(), D.heartbeat()), D.withAutoping(false));
        assertEquals(new WebSocketOptions(List.of(), true, true, 0, D.closeTimeout(),
                D.receiveTimeout(), D.heartbeat()), D.withMaxMessageSize(0));
        assertEquals(new WebSocketOptions(List.of(), true, true, D.maxMessageSize(), Duration.ofSeconds(3),
                D.receiveTimeout(), D.heartbeat()), D.withCloseTimeout(Duration.ofSeconds(3)));
        assertEquals(new WebSocketOptions(List.of(), true, true, D.maxMessageSize(), D.closeTimeout(),
                Duration.ofMillis(500), D.heartbeat()), D.withReceiveTimeout(Duration.ofMillis(500)));
        assertEquals(new WebSocketOptions(List.of(), true, true, D.maxMessageSize(), D.closeTimeout(),
                D.receiveTimeout(), Duration.ofSeconds(30)), D.withHeartbeat(Duration.ofSeconds(30)));
    }

    // ---- permessage-deflate ----------------------------------------------------------------------

    @Test
    void compressDefaultsToEachSidesAiohttpDefault() {
        assertEquals(WebSocketOptions.COMPRESS_SIDE_DEFAULT, D.compress());
        assertTrue(D.serverAcceptsCompress(), "WebSocketResponse(compress=True)");
        assertEquals(0, D.clientCompress(), "ws_connect(compress=0)");
    }

    @Test
    void withCompressSetsBothSides() {
        WebSocketOptions off = D.withCompress(0);
        assertEquals(0, off.compress());
        assertEquals(false, off.serverAcceptsCompress());
        assertEquals(0, off.clientCompress());
        for (int bits = 9; bits <= 15; bits++) {
            WebSocketOptions on = D.withCompress(bits);
            assertTrue(on.serverAcceptsCompress());
            assertEquals(bits, on.clientCompress());
        }
        assertEquals(new WebSocketOptions(List.of(), true, true, D.maxMessageSize(), D.closeTimeout(),
                D.receiveTimeout(), D.heartbeat(), 15), D.withCompress(15));
    }

    @Test
    void everyWithKeepsCompress() {
        WebSocketOptions c = D.withCompress(10);
        for (WebSocketOptions o : List.of(c.withProtocols("chat"), c.withAutoclose(false), c.withAutoping(false),
                c.withMaxMessageSize(5), c.withCloseTimeout(Duration.ofSeconds(1)), c.withReceiveTimeout(Duration.ofSeconds(1)),
                c.withHeartbeat(Duration.ofSeconds(1)))) {
            assertEquals(10, o.compress(), o.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 1, 8, 16})
    void compressOutside9To15IsRefused(int bits) {
        assertRefused("compress is " + bits, () -> D.withCompress(bits));
    }

    @Test
    void aWithLeavesTheOriginalAsItWas() {
        D.withHeartbeat(Duration.ofSeconds(30)).withProtocols("chat").withMaxMessageSize(1);
        assertEquals(Duration.ZERO, WebSocketOptions.defaults().heartbeat());
        assertEquals(List.of(), WebSocketOptions.defaults().protocols());
    }

    @Test
    void theProtocolsAreCopiedAndCannotBeChangedAfterwards() {
        List<String> protocols = new ArrayList<>(List.of("chat"));
        WebSocketOptions o = options(protocols, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        protocols.add("other");
        assertEquals(List.of("chat"), o.protocols());
        assertThrows(UnsupportedOperationException.class, () -> o.protocols().add("x"));
    }

    @Test
    void zeroForTheLimitAndTheDurationsIsAccepted() {
        WebSocketOptions o = options(List.of(), 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertEquals(0, o.maxMessageSize());
        assertEquals(Duration.ZERO, o.closeTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat", "v2.json", "a!#$%&'*+-.^_`|~z", "X"})
    void aSubprotocolThatIsAnHttpTokenIsAccepted(String protocol) {
        assertEquals(List.of(protocol), D.withProtocols(protocol).protocols());
    }

    // ---- refusals -----------------------------------------------------------------------------

    @Test
    void nullProtocolsAreRefused() {
        assertRefused("protocols is null; give List.of() for none",
                () -> options(null, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "chat,superchat", "a/b", "caf\u00e9", "tab\t", "\"q\"", "x;y"})
    void aSubprotocolThatIsNotAnHttpTokenIsRefused(String protocol) {
        assertRefused("the subprotocol \"" + protocol + "\" is not an HTTP token", () -> D.withProtocols("ok", protocol));
    }

    @Test
    void aNegativeMessageSizeIsRefused() {
        assertRefused("maxMessageSize is -1; give a size in bytes, or 0 for no limit", () -> D.withMaxMessageSize(-1));
    }

    @Test
    void aNegativeCloseTimeoutIsRefused() {
        assertRefused("closeTimeout is PT-1S", () -> D.withCloseTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void aNegativeReceiveTimeoutIsRefused() {
        assertRefused("receiveTimeout is PT-0.001S", () -> D.withReceiveTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void aNegativeHeartbeatIsRefused() {
        assertRefused("heartbeat is PT-30S", () -> D.withHeartbeat(Duration.ofSeconds(-30)));
    }

    @Test
    void aNullDurationIsRefusedByName() {
        assertRefused("closeTimeout is null", () -> D.withCloseTimeout(null));
        assertRefused("receiveTimeout is null", () -> D.withReceiveTimeout(null));
        assertRefused("heartbeat is null; give a duration, or Duration.ZERO for none", () -> D.withHeartbeat(null));
    }
}
