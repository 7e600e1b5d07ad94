package io.asyncio4j.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;

/**
 * An open WebSocket, the same on both sides: a server's {@code WebSocketResponse} and a
 * client's {@code ClientWebSocketResponse}. Receive with {@link #receive()} or a for-each loop
 * (which ends at the peer's close), send with {@link #sendStr}/{@link #sendBytes}, and end with
 * {@link #close()}:
 * <pre>{@code
 * for (WsMessage msg : ws) {
 *     if (msg.type() == WsMsgType.TEXT) {
 *         ws.sendStr("echo: " + msg.text());
 *     }
 * }
 * }</pre>
 * <b>Closing.</b> {@link #close(int, String)} sends a close frame and waits (up to
 * {@link WebSocketOptions#closeTimeout()}) for the peer's, then closes the connection. If another
 * task is inside {@link #receive()} meanwhile, that task goes on receiving what the peer sent
 * before its close frame, and gets the CLOSE message; aiohttp instead hands it a CLOSING
 * message at once and drops the rest. When the peer closes first, {@link #receive()} returns its
 * CLOSE message and (with {@code autoclose}) has already answered it.
 * <p>
 * Threading: the tasks of the connection's event loop; one task receives at a time, any may
 * send or close.
 * <p>
 * asyncio: aiohttp's {@code WebSocketResponse} / {@code ClientWebSocketResponse} interface
 */
public interface WebSocket extends Iterable<WsMessage>, AutoCloseable {
    /**
     * The next message; PING and PONG are answered and skipped with {@code autoping}. Never
     * throws for what the peer does: a protocol violation, an oversized message or a lost
     * connection comes back as an ERROR or CLOSED message (and closes the WebSocket). May suspend.
     * asyncio: {@code await ws.receive()}
     *
     * Without {@code autoclose}, after the peer's CLOSE a server's receive() returns CLOSING until
     * the application closes; a client's answers the close itself and returns CLOSED (as aiohttp's).
     *
     * @throws IllegalStateException if another task is receiving, or after CLOSED was returned
     *         4 times on a server (aiohttp's "WebSocket connection is closed."), 5 on a client (a
     *         loop that does not stop; aiohttp's client returns CLOSED forever)
     * @throws io.asyncio4j.TimeoutException after {@link WebSocketOptions#receiveTimeout()}
     */
    WsMessage receive();

    /**
     * {@link #receive()} waiting at most {@code timeout} (zero: the options' receive timeout).
     * May suspend. asyncio: {@code await ws.receive(timeout)}
     */
    WsMessage receive(Duration timeout);

    /**
     * The next message's text. May suspend. asyncio: {@code await ws.receive_str()}
     *
     * @throws IllegalStateException if the next message is not TEXT (it is consumed)
     */
    String receiveStr();

    /**
     * The next message's bytes. May suspend. asyncio: {@code await ws.receive_bytes()}
     *
     * @throws IllegalStateException if the next message is not BINARY (it is consumed)
     */
    byte[] receiveBytes();

    /**
     * Sends a text message. May suspend (while the peer is slow to read). asyncio: {@code await ws.send_str(data)}
     *
     * @throws io.asyncio4j.streams.ConnectionResetException once this side has sent its close frame
     */
    void sendStr(String data) throws IOException;

    /**
     * Sends {@code data} serialized to JSON (Jackson) as a text message. May suspend.
     * asyncio: {@code await ws.send_json(data)}
     *
     * @throws IllegalArgumentException if Jackson cannot serialize it
     */
    void sendJson(Object data) throws IOException;

    /**
     * The next message, a TEXT one, parsed as JSON (Jackson's tree). May suspend.
     * asyncio: {@code await ws.receive_json()}
     *
     * @throws IllegalStateException if the next message is not TEXT (it is consumed)
     * @throws IOException (a Jackson {@code JsonProcessingException}) if its text is not JSON
     */
    com.fasterxml.jackson.databind.JsonNode receiveJson() throws IOException;

    /**
     * {@link #sendJson(Object)} written by {@code mapper} (its modules, naming strategy and
     * formatting). May suspend. asyncio: {@code await ws.send_json(data, dumps=...)}
     *
     * @throws IllegalArgumentException if the mapper cannot serialize it
     * @throws NullPointerException if {@code mapper} is null (call {@link #sendJson(Object)} for the default)
     */
    void sendJson(Object data, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException;

    /**
     * {@link #receiveJson()} read with {@code mapper}. May suspend.
     * asyncio: {@code await ws.receive_json(loads=...)}
     *
     * @throws IllegalStateException if the next message is not TEXT (it is consumed)
     * @throws IOException (a Jackson {@code JsonProcessingException}) if the mapper cannot read its text
     * @throws NullPointerException if {@code mapper} is null (call {@link #receiveJson()} for the default)
     */
    com.fasterxml.jackson.databind.JsonNode receiveJson(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException;

    /** Sends a binary message. May suspend. asyncio: {@code await ws.send_bytes(data)} */
    void sendBytes(byte[] data) throws IOException;

    /** Sends a ping with {@code payload} (at most 125 bytes). May suspend. asyncio: {@code await ws.ping(message)} */
    void ping(byte[] payload) throws IOException;

    /** Sends a pong with {@code payload} (at most 125 bytes). May suspend. asyncio: {@code await ws.pong(message)} */
    void pong(byte[] payload) throws IOException;

    /**
     * Closes with {@code code} and {@code message} (at most 123 bytes in UTF-8); see the class
     * comment. Whether this call closed it (false: it was already closing or closed). May suspend.
     * asyncio: {@code await ws.close(code=, message=)}
     *
     * @throws IllegalArgumentException for a code that may not be sent ({@link WsCloseCode#isSendable})
     */
    boolean close(int code, String message);

    /** Closes with {@link WsCloseCode#OK}. May suspend. asyncio: {@code await ws.close()} */
    @Override
    void close();

    /** Whether this side has sent its close frame (or the connection is gone). asyncio: {@code ws.closed} */
    boolean isClosed();

    /**
     * The close code once closing or closed, else null: the peer's; 1006 after a protocol error
     * or an oversized message (whose own code went to the peer in our close frame), a lost
     * connection, a timeout; 1000 when an unanswered heartbeat ended it under a waiting
     * receive() (aiohttp 3.8's quirk; 1006 with no task receiving). asyncio: {@code ws.close_code}
     */
    Integer closeCode();

    /**
     * What made it fail, or null: the WebSocketException of a protocol error, a timeout, or a
     * ConnectionResetException ("Cannot write to closing transport") when the peer went away
     * without a close frame. asyncio: {@code ws.exception()}
     */
    Throwable exception();

    /** The subprotocol agreed in the handshake, or null. asyncio: {@code ws.protocol} */
    String protocol();

    /**
     * Whether the handshake agreed permessage-deflate (RFC 7692; see
     * {@link WebSocketOptions#compress()}): the window bits this side compresses its messages
     * with — always 15, the JDK's Deflater's — or 0 when messages go uncompressed.
     * asyncio: {@code ws.compress}
     */
    int compress();

    /**
     * Receives until the peer's close (or CLOSING / CLOSED): the loop's messages, ERROR ones
     * included; the iterator's {@code hasNext} may suspend. asyncio: {@code async for msg in ws}
     */
    @Override
    Iterator<WsMessage> iterator();
}
