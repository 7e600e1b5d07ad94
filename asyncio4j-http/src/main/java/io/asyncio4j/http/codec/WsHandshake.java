package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The opening handshake of a WebSocket (RFC 6455 §4), without I/O: what a server checks in the
 * client's upgrade request and answers, and what a client sends and checks in the answer.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: aiohttp's {@code WebSocketResponse._handshake} (server) and the checks in
 * {@code ClientSession._ws_connect} (client)
 */
public final class WsHandshake {
    /** The GUID the accept value is derived with (RFC 6455 §1.3). asyncio: aiohttp's {@code WS_KEY} */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsHandshake() {
    }

    /**
     * The problem with a client's upgrade request, as aiohttp words it for its 400 answer, or
     * null when it is a valid WebSocket handshake: {@code Upgrade: websocket}, a {@code Connection}
     * naming {@code upgrade}, version 13 (or 8 or 7, as aiohttp takes), and a key of 16 bytes in
     * base64. asyncio: the checks of {@code WebSocketResponse._handshake}
     */
    public static String requestProblem(String method, Headers h) {
        if (!method.equals("GET")) {
            return "WebSocket handshake: the method is " + method + "; a WebSocket opens with GET";
        }
        String upgrade = h.get("Upgrade", "");
        if (!upgrade.strip().equalsIgnoreCase("websocket")) {
            return "No WebSocket UPGRADE hdr: " + (upgrade.isEmpty() ? "None" : upgrade)
                    + "\n Can \"Upgrade\" only to \"WebSocket\".";
        }
        String connection = h.get("Connection", "");
        if (!connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return "No CONNECTION upgrade hdr: " + (connection.isEmpty() ? "None" : connection);
        }
        String version = h.get("Sec-WebSocket-Version", "");
        if (!version.equals("13") && !version.equals("8") && !version.equals("7")) {
            return "Unsupported version: " + version;
        }
        String key = h.get("Sec-WebSocket-Key");
        if (key == null || decodedLength(key) != 16) {
            return "Handshake error: " + (key == null ? "None" : "'" + key + "'");
        }
        return null;
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key.strip()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for a client's {@code key}: base64 of the SHA-1 of
     * the key and {@link #GUID}. asyncio: {@code base64.b64encode(hashlib.sha1(key.encode() + WS_KEY).digest())}
     */
    public static String acceptValue(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1")
                    .digest((key.strip() + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("WsHandshake: the JDK has no SHA-1, which RFC 6455 requires", e);
        }
    }

    /**
     * The subprotocol a server answers with: the first the client asked for (in its
     * {@code Sec-WebSocket-Protocol}, comma-separated) that the server speaks, or null.
     * asyncio: the protocol loop of {@code _handshake}
     */
    public static String selectProtocol(String requested, List<String> supported) {
        if (requested == null || supported.isEmpty()) {
            return null;
        }
        for (String p : requested.split(",")) {
            String s = p.strip();
            if (supported.contains(s)) {
                return s;
            }
        }
        return null;
    }

    /** A client's fresh {@code Sec-WebSocket-Key}: 16 random bytes in base64. asyncio: {@code base64.b64encode(os.urandom(16))} */
    public static String newKey(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * The problem with a server's answer to a client's handshake sent with {@code key}, in
     * aiohttp's words, or null when it accepts: status 101, {@code Upgrade: websocket}, a
     * {@code Connection} of {@code upgrade}, and the right accept value.
     * asyncio: the checks in {@code ClientSession._ws_connect}
     */
    public static String responseProblem(int status, Headers h, String key) {
        if (status != 101) {
            return "Invalid response status";
        }
        if (!h.get("Upgrade", "").strip().equalsIgnoreCase("websocket")) {
            return "Invalid upgrade header";
        }
        if (!h.get("Connection", "").strip().equalsIgnoreCase("upgrade")) {
            return "Invalid connection header";
        }
        if (!acceptValue(key).equals(h.get("Sec-WebSocket-Accept", "").strip())) {
            return "Invalid challenge response";
        }
        return null;
    }
}
