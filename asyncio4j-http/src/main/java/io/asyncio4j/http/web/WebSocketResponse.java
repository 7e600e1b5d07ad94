package io.asyncio4j.http.web;

import io.asyncio4j.http.WebSocket;
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.codec.WsDeflateParams;
import io.asyncio4j.http.codec.WsHandshake;
import io.asyncio4j.http.internal.WebSocketChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;

/**
 * The server's side of a WebSocket: a handler makes one, {@link #prepare}s it with its request
 * (the 101 answer goes out and the connection becomes the WebSocket's), talks, and returns it:
 * <pre>{@code
 * Web.get("/ws", request -> {
 *     var ws = new WebSocketResponse();
 *     ws.prepare(request);
 *     for (WsMessage msg : ws) {
 *         if (msg.type() == WsMsgType.TEXT) {
 *             ws.sendStr(msg.text() + "/answer");
 *         }
 *     }
 *     return ws;
 * });
 * }</pre>
 * When the handler returns (or fails), a WebSocket it left open is closed (1000, or 1011 for a
 * failure), then the connection. The messaging methods are {@link WebSocket}'s.
 * <p>
 * States ({@link State}):
 * <pre>
 *   NEW ──prepare(): the handshake is valid, 101 sent──▶ OPEN (then as {@link WebSocket})
 *   NEW ──prepare(): not a valid handshake──▶ NEW (HttpBadRequest thrown)
 *   OPEN ──prepare()──▶ OPEN (nothing done, as aiohttp's)
 * </pre>
 * Threading: the tasks of the server's loop; see {@link WebSocket}.
 * <p>
 * asyncio: {@code aiohttp.web.WebSocketResponse}
 */
public final class WebSocketResponse extends Response implements WebSocket {
    /** See the class comment. asyncio: none ({@code ws.prepared}) */
    public enum State {
        /** Not prepared yet. asyncio: {@code not ws.prepared} */
        NEW,
        /** Prepared: the connection is the WebSocket's. asyncio: {@code ws.prepared} */
        OPEN
    }

    private final WebSocketOptions options;
    private WebSocketChannel channel;

    /** With the default options. asyncio: {@code web.WebSocketResponse()} */
    public WebSocketResponse() {
        this(WebSocketOptions.defaults());
    }

    /** With {@code options}. asyncio: {@code web.WebSocketResponse(protocols=, heartbeat=, ...)} */
    public WebSocketResponse(WebSocketOptions options) {
        super(101);
        this.options = Objects.requireNonNull(options, "WebSocketResponse(): the options are null; "
                + "pass WebSocketOptions.defaults()");
    }

    /** See the class comment. asyncio: {@code ws.prepared} */
    public State state() {
        return channel == null ? State.NEW : State.OPEN;
    }

    /** The options it was made with. asyncio: the constructor's arguments */
    public WebSocketOptions options() {
        return options;
    }

    /**
     * Whether {@code request} is a WebSocket handshake this response can accept, and with which
     * subprotocol; sends nothing. asyncio: {@code ws.can_prepare(request)}
     */
    public WebSocketReady canPrepare(Request request) {
        if (WsHandshake.requestProblem(request.method(), request.headers()) != null) {
            return new WebSocketReady(false, null);
        }
        return new WebSocketReady(true, WsHandshake.selectProtocol(
                request.headers().get("Sec-WebSocket-Protocol"), options.protocols()));
    }

    /**
     * Answers the handshake with 101 (this response's fields included) and opens the WebSocket.
     * With {@link WebSocketOptions#serverAcceptsCompress()} (the default), the client's first
     * permessage-deflate offer this side can honour is accepted ({@link WsDeflateParams#accept});
     * none, and messages go uncompressed. The application's {@link Application#onResponsePrepare()}
     * hooks see the 101 first (a hook's exception is thrown from here as it was thrown). May
     * suspend. asyncio: {@code await ws.prepare(request)}
     *
     * @throws HttpBadRequest if the request is not a valid WebSocket handshake (aiohttp's
     *         texts, such as "No WebSocket UPGRADE hdr"); let it propagate to answer it
     * A second call does nothing (the WebSocket stays as the first made it), as aiohttp's, which
     * returns the writer it has before looking at the request.
     *
     * @throws IllegalStateException if another response to the request was prepared, or a prepare
     *         hook changed the 101's status
     */
    public void prepare(Request request) throws IOException {
        if (channel != null) {
            return; // aiohttp: "if self._payload_writer is not None: return self._payload_writer"
        }
        String problem = WsHandshake.requestProblem(request.method(), request.headers());
        if (problem != null) {
            throw new HttpBadRequest(problem);
        }
        String protocol = WsHandshake.selectProtocol(request.headers().get("Sec-WebSocket-Protocol"),
                options.protocols());
        String accept = WsHandshake.acceptValue(request.headers().get("Sec-WebSocket-Key"));
        WsDeflateParams deflate = options.serverAcceptsCompress()
                ? WsDeflateParams.accept(request.headers().getAll("Sec-WebSocket-Extensions")) : null;
        channel = request.connection().upgrade(this, request, accept, protocol, deflate);
    }

    private WebSocketChannel ws(String what) {
        if (channel == null) {
            throw new IllegalStateException("WebSocketResponse." + what + ": call prepare(request) first");
        }
        return channel;
    }

    @Override
    public WsMessage receive() {
        return ws("receive()").receive();
    }

    @Override
    public WsMessage receive(Duration timeout) {
        return ws("receive()").receive(timeout);
    }

    @Override
    public String receiveStr() {
        return ws("receiveStr()").receiveStr();
    }

    @Override
    public byte[] receiveBytes() {
        return ws("receiveBytes()").receiveBytes();
    }

    @Override
    public void sendStr(String data) throws IOException {
        ws("sendStr()").sendStr(data);
    }

    @Override
    public void sendJson(Object data) throws IOException {
        ws("sendJson()").sendJson(data);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson() throws IOException {
        return ws("receiveJson()").receiveJson();
    }

    @Override
    public void sendJson(Object data, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        ws("sendJson()").sendJson(data, mapper);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        return ws("receiveJson()").receiveJson(mapper);
    }

    @Override
    public void sendBytes(byte[] data) throws IOException {
        ws("sendBytes()").sendBytes(data);
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        ws("ping()").ping(payload);
    }

    @Override
    public void pong(byte[] payload) throws IOException {
        ws("pong()").pong(payload);
    }

    @Override
    public boolean close(int code, String message) {
        return ws("close()").close(code, message);
    }

    @Override
    public void close() {
        ws("close()").close();
    }

    @Override
    public boolean isClosed() {
        return channel != null && channel.isClosed();
    }

    @Override
    public Integer closeCode() {
        return channel == null ? null : channel.closeCode();
    }

    @Override
    public Throwable exception() {
        return channel == null ? null : channel.exception();
    }

    @Override
    public String protocol() {
        return channel == null ? null : channel.protocol();
    }

    /** 0 until prepared; then as {@link WebSocket#compress()}. asyncio: {@code ws.compress} */
    @Override
    public int compress() {
        return channel == null ? 0 : channel.compress();
    }

    @Override
    public Iterator<WsMessage> iterator() {
        return ws("iterator()").iterator();
    }

    /** Refused: a WebSocket has no body. asyncio: none */
    @Override
    public Response body(byte[] body) {
        throw new IllegalStateException("WebSocketResponse.body(): a WebSocket has no body; send messages with "
                + "sendStr()/sendBytes() after prepare()");
    }

    /** -1: a WebSocket has no body. asyncio: {@code ws.content_length} (None) */
    @Override
    public long contentLength() {
        return -1;
    }

    /** Internal: the open channel, or null (the server closes it when the handler returns). */
    WebSocketChannel channel() {
        return channel;
    }

    /** {@code <WebSocketResponse OPEN <WebSocket server OPEN>>}. asyncio: {@code repr(ws)} */
    @Override
    public String toString() {
        return "<WebSocketResponse " + state() + (channel == null ? "" : " " + channel) + ">";
    }
}
