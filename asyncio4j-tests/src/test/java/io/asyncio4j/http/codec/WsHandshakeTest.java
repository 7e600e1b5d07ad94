package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** WsHandshake: the opening handshake of RFC 6455 §4 — the request a server accepts, the accept value, subprotocols, and the answer a client accepts. */
class WsHandshakeTest {
    /** The key of RFC 6455 §1.3 and its accept value. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** A valid upgrade request's fields, with {@code name} set to {@code value} (removed when null). */
    private static Headers request(String name, String value) {
        Headers h = Headers.of("Host", "server.example.com", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "13");
        if (value == null) {
            h.remove(name);
        } else {
            h.set(name, value);
        }
        return h;
    }

    private static String requestProblem(String name, String value) {
        return WsHandshake.requestProblem("GET", request(name, value));
    }

    /** A valid 101 answer's fields for {@link #KEY}, with {@code name} set to {@code value} (removed when null). */
    private static Headers response(String name, String value) {
        Headers h = Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", ACCEPT);
        if (value == null) {
            h.remove(name);
        } else {
            h.set(name, value);
        }
        return h;
    }

    private static String responseProblem(String name, String value) {
        return WsHandshake.responseProblem(101, response(name, value), KEY);
    }

    // ---- the accept value ---------------------------------------------------------------------

    @Test
    void theAcceptValueOfTheRfc6455ExampleKeyIsTheOneItGives() {
        assertEquals(ACCEPT, WsHandshake.acceptValue(KEY));
    }

    @Test
    void theGuidIsTheOneOfRfc6455() {
        assertEquals("258EAFA5-E914-47DA-95CA-C5AB0DC85B11", WsHandshake.GUID);
    }

    @Test
    void differentKeysHaveDifferentAcceptValues() {
        assertNotEquals(WsHandshake.acceptValue(KEY), WsHandshake.acceptValue("AQIDBAUGBwgJCgsMDQ4PEA=="));
    }

    // ---- the request a server checks ----------------------------------------------------------

    @Test
    void theRfc6455ExampleRequestIsValid() {
        assertNull(WsHandshake.requestProblem("GET", request("Origin", "http://example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "WebSocket", "WEBSOCKET", " websocket "})
    void theUpgradeFieldIsMatchedWithoutRegardToCase(String upgrade) {
        assertNull(requestProblem("Upgrade", upgrade));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upgrade", "upgrade", "UPGRADE", "keep-alive, Upgrade", "Upgrade, keep-alive"})
    void aConnectionFieldNamingUpgradeInAnyCaseIsValid(String connection) {
        assertNull(requestProblem("Connection", connection));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13", "8", "7"})
    void theVersionsAiohttpTakesAreValid(String version) {
        assertNull(requestProblem("Sec-WebSocket-Version", version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "HEAD", "get"})
    void aRequestWhoseMethodIsNotGetIsRefused(String method) {
        assertEquals("WebSocket handshake: the method is " + method + "; a WebSocket opens with GET",
                WsHandshake.requestProblem(method, request("Upgrade", "websocket")));
    }

    @Test
    void aRequestWithoutUpgradeIsRefused() {
        assertEquals("No WebSocket UPGRADE hdr: None\n Can \"Upgrade\" only to \"WebSocket\".",
                requestProblem("Upgrade", null));
    }

    @Test
    void aRequestUpgradingToAnotherProtocolIsRefused() {
        assertEquals("No WebSocket UPGRADE hdr: h2c\n Can \"Upgrade\" only to \"WebSocket\".",
                requestProblem("Upgrade", "h2c"));
    }

    @Test
    void aRequestWithoutConnectionIsRefused() {
        assertEquals("No CONNECTION upgrade hdr: None", requestProblem("Connection", null));
    }

    @Test
    void aRequestWhoseConnectionDoesNotNameUpgradeIsRefused() {
        assertEquals("No CONNECTION upgrade hdr: keep-alive", requestProblem("Connection", "keep-alive"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "14", "0", "13, 8", "", "thirteen"})
    void aRequestOfAnotherVersionIsRefused(String version) {
        assertEquals("Unsupported version: " + version, requestProblem("Sec-WebSocket-Version", version));
    }

    @Test
    void aRequestWithoutVersionIsRefused() {
        assertEquals("Unsupported version: ", requestProblem("Sec-WebSocket-Version", null));
    }

    @Test
    void aRequestWithoutKeyIsRefused() {
        assertEquals("Handshake error: None", requestProblem("Sec-WebSocket-Key", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AQIDBAUGBwgJCgsMDQ4P",     // 15 bytes
            "AQIDBAUGBwgJCgsMDQ4PEBE=", // 17 bytes
            "not base64 at all!!!!!!=", // not base64
            "x"})
    void aRequestWhoseKeyIsNot16BytesOfBase64IsRefused(String key) {
        assertEquals("Handshake error: '" + key + "'", requestProblem("Sec-WebSocket-Key", key));
    }

    @Test
    void theChecksComeInAiohttpsOrder() {
        Headers nothing = new Headers();
        assertEquals("WebSocket handshake: the method is POST; a WebSocket opens with GET",
                WsHandshake.requestProblem("POST", nothing));
        assertEquals("No WebSocket UPGRADE hdr: None\n Can \"Upgrade\" only to \"WebSocket\".",
                WsHandshake.requestProblem("GET", nothing));
        assertEquals("No CONNECTION upgrade hdr: None",
                WsHandshake.requestProblem("GET", Headers.of("Upgrade", "websocket")));
        assertEquals("Unsupported version: ",
                WsHandshake.requestProblem("GET", Headers.of("Upgrade", "websocket", "Connection", "upgrade")));
        assertEquals("Handshake error: None", WsHandshake.requestProblem("GET",
                Headers.of("Upgrade", "websocket", "Connection", "upgrade", "Sec-WebSocket-Version", "13")));
    }

    // ---- subprotocols -------------------------------------------------------------------------

    @Test
    void theClientsFirstChoiceThatTheServerSpeaksWins() {
        assertEquals("chat", WsHandshake.selectProtocol("chat, superchat", List.of("superchat", "chat")));
    }

    @Test
    void aProtocolTheServerDoesNotSpeakIsPassedOver() {
        assertEquals("superchat", WsHandshake.selectProtocol("v2.json,  superchat ,chat", List.of("chat", "superchat")));
    }

    @Test
    void noProtocolInCommonSelectsNone() {
        assertNull(WsHandshake.selectProtocol("a, b", List.of("c")));
    }

    @Test
    void noRequestedProtocolSelectsNone() {
        assertNull(WsHandshake.selectProtocol(null, List.of("chat")));
    }

    @Test
    void aServerWithoutProtocolsSelectsNone() {
        assertNull(WsHandshake.selectProtocol("chat", List.of()));
    }

    @Test
    void protocolsAreMatchedExactly() {
        assertNull(WsHandshake.selectProtocol("Chat, chatter", List.of("chat")));
    }

    // ---- the client's key ---------------------------------------------------------------------

    @Test
    void aNewKeyIs16RandomBytesInBase64() {
        String key = WsHandshake.newKey(new Random(42));
        assertEquals(24, key.length());
        assertEquals(16, Base64.getDecoder().decode(key).length);
    }

    @Test
    void aNewKeyComesFromTheRandomGiven() {
        byte[] expected = new byte[16];
        new Random(7).nextBytes(expected);
        assertEquals(Base64.getEncoder().encodeToString(expected), WsHandshake.newKey(new Random(7)));
        assertNotEquals(WsHandshake.newKey(new Random(7)), WsHandshake.newKey(new Random(8)));
    }

    @Test
    void aNewKeyMakesAValidRequest() {
        assertNull(requestProblem("Sec-WebSocket-Key", WsHandshake.newKey(new Random())));
    }

    // ---- the answer a client checks -----------------------------------------------------------

    @Test
    void theRfc6455ExampleAnswerIsAccepted() {
        assertNull(WsHandshake.responseProblem(101, response("Upgrade", "websocket"), KEY));
    }

    @Test
    void theAnswersUpgradeAndConnectionAreMatchedWithoutRegardToCase() {
        assertNull(responseProblem("Upgrade", "WebSocket"));
        assertNull(responseProblem("Connection", "upgrade"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 100, 400, 426})
    void anAnswerOtherThan101IsRefused(int status) {
        assertEquals("Invalid response status", WsHandshake.responseProblem(status, response("Upgrade", "websocket"), KEY));
    }

    @Test
    void anAnswerWithoutUpgradeIsRefused() {
        assertEquals("Invalid upgrade header", responseProblem("Upgrade", null));
    }

    @Test
    void anAnswerUpgradingToAnotherProtocolIsRefused() {
        assertEquals("Invalid upgrade header", responseProblem("Upgrade", "h2c"));
    }

    @Test
    void anAnswerWithoutConnectionIsRefused() {
        assertEquals("Invalid connection header", responseProblem("Connection", null));
    }

    @Test
    void anAnswerWhoseConnectionIsNotExactlyUpgradeIsRefusedAsByAiohttp() {
        assertEquals("Invalid connection header", responseProblem("Connection", "keep-alive, upgrade"));
    }

    @Test
    void anAnswerWithoutAcceptIsRefused() {
        assertEquals("Invalid challenge response", responseProblem("Sec-WebSocket-Accept", null));
    }

    @Test
    void anAnswerWithTheAcceptOfAnotherKeyIsRefused() {
        assertEquals("Invalid challenge response",
                responseProblem("Sec-WebSocket-Accept", WsHandshake.acceptValue("AQIDBAUGBwgJCgsMDQ4PEA==")));
    }

    @Test
    void anAnswerWithTheKeyItselfAsAcceptIsRefused() {
        assertEquals("Invalid challenge response", responseProblem("Sec-WebSocket-Accept", KEY));
    }
}
