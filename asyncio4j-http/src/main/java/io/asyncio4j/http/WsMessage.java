package io.asyncio4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One thing received on a WebSocket: a text or binary message, a ping or pong, the peer's close
 * frame, or the receiving side's CLOSING / CLOSED / ERROR signal ({@link WsMsgType}).
 * <p>
 * Threading: immutable (a binary payload is handed over, not copied: do not change it); any thread.
 * <p>
 * asyncio: {@code aiohttp.WSMessage} ({@code type}, {@code data}, {@code extra})
 */
public final class WsMessage {
    /** The message {@code receive()} returns once the WebSocket is closed. asyncio: {@code WS_CLOSED_MESSAGE} */
    public static final WsMessage CLOSED = new WsMessage(WsMsgType.CLOSED, null, null);
    /** The message of a side that is closing. asyncio: {@code WS_CLOSING_MESSAGE} */
    public static final WsMessage CLOSING = new WsMessage(WsMsgType.CLOSING, null, null);

    private final WsMsgType type;
    private final Object data;   // String (TEXT), byte[] (BINARY, PING, PONG), Integer (CLOSE), Throwable (ERROR)
    private final String extra;  // CLOSE: the reason

    private WsMessage(WsMsgType type, Object data, String extra) {
        this.type = type;
        this.data = data;
        this.extra = extra;
    }

    /** A text message. asyncio: {@code WSMessage(WSMsgType.TEXT, text, None)} */
    public static WsMessage text(String text) {
        return new WsMessage(WsMsgType.TEXT, Objects.requireNonNull(text, "WsMessage.text(): the text is null"), null);
    }

    /** A binary message (the array is kept, not copied). asyncio: {@code WSMessage(WSMsgType.BINARY, data, None)} */
    public static WsMessage binary(byte[] data) {
        return new WsMessage(WsMsgType.BINARY, Objects.requireNonNull(data, "WsMessage.binary(): the data is null"), null);
    }

    /** A ping with {@code payload}. asyncio: {@code WSMessage(WSMsgType.PING, payload, "")} */
    public static WsMessage ping(byte[] payload) {
        return new WsMessage(WsMsgType.PING, payload, "");
    }

    /** A pong with {@code payload}. asyncio: {@code WSMessage(WSMsgType.PONG, payload, "")} */
    public static WsMessage pong(byte[] payload) {
        return new WsMessage(WsMsgType.PONG, payload, "");
    }

    /** The peer's close frame. asyncio: {@code WSMessage(WSMsgType.CLOSE, code, reason)} */
    public static WsMessage close(int code, String reason) {
        return new WsMessage(WsMsgType.CLOSE, code, reason);
    }

    /** Receiving failed with {@code error}. asyncio: {@code WSMessage(WSMsgType.ERROR, exc, None)} */
    public static WsMessage error(Throwable error) {
        return new WsMessage(WsMsgType.ERROR, error, null);
    }

    /** What it is. asyncio: {@code WSMessage.type} */
    public WsMsgType type() {
        return type;
    }

    /**
     * The content as aiohttp's {@code data}: a {@code String} (TEXT), {@code byte[]} (BINARY, PING,
     * PONG), the close code as an {@code Integer} (CLOSE), the {@code Throwable} (ERROR), or null.
     * asyncio: {@code WSMessage.data}
     */
    public Object data() {
        return data;
    }

    /**
     * A TEXT message's text.
     * asyncio: {@code WSMessage.data} (a {@code str})
     *
     * @throws IllegalStateException for any other type
     */
    public String text() {
        if (type != WsMsgType.TEXT) {
            throw wrongType("text()", "a TEXT");
        }
        return (String) data;
    }

    /**
     * A TEXT (or BINARY) message's content parsed as JSON (Jackson's tree).
     * asyncio: {@code WSMessage.json()}
     *
     * @throws IllegalStateException for another type
     * @throws java.io.IOException (a Jackson {@code JsonProcessingException}) if it is not JSON
     */
    public com.fasterxml.jackson.databind.JsonNode json() throws java.io.IOException {
        return switch (type) {
            case TEXT -> io.asyncio4j.http.internal.Json.parse((String) data);
            case BINARY -> io.asyncio4j.http.internal.Json.parse((byte[]) data);
            default -> throw wrongType("json()", "a TEXT or BINARY");
        };
    }

    /**
     * A BINARY message's bytes, or a PING's or PONG's payload (the array itself).
     * asyncio: {@code WSMessage.data} (a {@code bytes})
     *
     * @throws IllegalStateException for any other type
     */
    public byte[] bytes() {
        if (!(data instanceof byte[] b)) {
            throw wrongType("bytes()", "a BINARY, PING or PONG");
        }
        return b;
    }

    /**
     * A CLOSE message's code ({@link WsCloseCode#NO_STATUS_RECEIVED} when the frame had none).
     * asyncio: {@code WSMessage.data} of a CLOSE message
     *
     * @throws IllegalStateException for any other type
     */
    public int closeCode() {
        if (type != WsMsgType.CLOSE) {
            throw wrongType("closeCode()", "a CLOSE");
        }
        return (Integer) data;
    }

    /** A CLOSE message's reason ("" when none); null for the other types. asyncio: {@code WSMessage.extra} */
    public String extra() {
        return extra;
    }

    /** Why an ERROR message's receive failed; null for the other types. asyncio: {@code WSMessage.data} of an ERROR */
    public Throwable exception() {
        return data instanceof Throwable t ? t : null;
    }

    private IllegalStateException wrongType(String method, String wanted) {
        return new IllegalStateException("WsMessage." + method + ": this is a " + type + " message, not " + wanted
                + " one; check type() first");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WsMessage m) || m.type != type || !Objects.equals(m.extra, extra)) {
            return false;
        }
        return data instanceof byte[] b && m.data instanceof byte[] mb ? Arrays.equals(b, mb) : Objects.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (data instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(data));
    }

    /** {@code WsMessage(TEXT, "hi")}, {@code WsMessage(BINARY, 3 bytes)}, {@code WsMessage(CLOSE, 1000, "bye")}. */
    @Override
    public String toString() {
        String d = switch (data) {
            case null -> "";
            case String s -> ", \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
            case byte[] b -> ", " + b.length + " bytes" + (b.length > 0 && b.length <= 16
                    ? " \"" + new String(b, StandardCharsets.ISO_8859_1) + "\"" : "");
            default -> ", " + data;
        };
        return "WsMessage(" + type + d + (extra == null || extra.isEmpty() ? "" : ", \"" + extra + "\"") + ")";
    }
}
