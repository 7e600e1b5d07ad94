package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.WebSocket;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.internal.WebSocketChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;

/**
 * The client's side of a WebSocket, from {@link ClientSession#wsConnect}; the messaging methods
 * are {@link WebSocket}'s. Closing it (try-with-resources does) runs the close handshake and
 * closes its connection, which counts toward the session's connection limit until then.
 * <pre>{@code
 * try (ClientWebSocketResponse ws = session.wsConnect("ws://localhost:8080/ws")) {
 *     ws.sendStr("hello");
 *     System.out.println(ws.receiveStr());
 * }
 * }</pre>
 * States: those of {@link WebSocket}'s channel ({@code OPEN}, {@code CLOSE_SENT},
 * {@code CLOSE_RECEIVED}, {@code CLOSED}), shown by {@link #toString()}.
 * <p>
 * Threading: the tasks of the session's loop; see {@link WebSocket}.
 * <p>
 * asyncio: {@code aiohttp.ClientWebSocketResponse}
 */
public final class ClientWebSocketResponse implements WebSocket {
    private final ClientResponse response;
    private final WebSocketChannel channel;

    ClientWebSocketResponse(ClientResponse response, WebSocketChannel channel) {
        this.response = response;
        this.channel = channel;
    }

    /** The handshake's 101 response (status, headers). asyncio: {@code ws._response} */
    public ClientResponse response() {
        return response;
    }

    /** The handshake response's header fields. asyncio: {@code ws._response.headers} */
    public Headers headers() {
        return response.headers();
    }

    @Override
    public WsMessage receive() {
        return channel.receive();
    }

    @Override
    public WsMessage receive(Duration timeout) {
        return channel.receive(timeout);
    }

    @Override
    public String receiveStr() {
        return channel.receiveStr();
    }

    @Override
    public byte[] receiveBytes() {
        return channel.receiveBytes();
    }

    @Override
    public void sendStr(String data) throws IOException {
        channel.sendStr(data);
    }

    @Override
    public void sendJson(Object data) throws IOException {
        channel.sendJson(data);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson() throws IOException {
        return channel.receiveJson();
    }

    @Override
    public void sendJson(Object data, com.fasterxml.jackson.databind.ObjectMapper mapper) throws IOException {
        channel.sendJson(data, mapper);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode receiveJson(com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws IOException {
        return channel.receiveJson(mapper);
    }

    @Override
    public void sendBytes(byte[] data) throws IOException {
        channel.sendBytes(data);
    }

    @Override
    public void ping(byte[] payload) throws IOException {
        channel.ping(payload);
    }

    @Override
    public void pong(byte[] payload) throws IOException {
        channel.pong(payload);
    }

    @Override
    public boolean close(int code, String message) {
        return channel.close(code, message);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public boolean isClosed() {
        return channel.isClosed();
    }

    @Override
    public Integer closeCode() {
        return channel.closeCode();
    }

    @Override
    public Throwable exception() {
        return channel.exception();
    }

    @Override
    public String protocol() {
        return channel.protocol();
    }

    @Override
    public int compress() {
        return channel.compress();
    }

    @Override
    public Iterator<WsMessage> iterator() {
        return channel.iterator();
    }

    /** Internal: the channel (tests look at its compressor's state). */
    WebSocketChannel channel() {
        return channel;
    }

    /** {@code <ClientWebSocketResponse ws://host/path <WebSocket client OPEN>>}. asyncio: {@code repr(ws)} */
    @Override
    public String toString() {
        return "<ClientWebSocketResponse " + response.url() + " " + channel + ">";
    }
}
