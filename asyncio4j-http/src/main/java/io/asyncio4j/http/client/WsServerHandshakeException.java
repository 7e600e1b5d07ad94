package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.util.List;

/**
 * The server did not accept a WebSocket handshake ({@link ClientSession#wsConnect}): it answered
 * with another status than 101, or without the right {@code Upgrade}, {@code Connection} or
 * {@code Sec-WebSocket-Accept}, or with a {@code Sec-WebSocket-Extensions} the client must refuse
 * (an extension it did not offer, or a permessage-deflate answer RFC 7692 does not allow).
 * {@link #problem()} is aiohttp's wording ("Invalid response status", ...), or says what is wrong
 * with the extension. The response has been released.
 * <p>
 * asyncio: {@code aiohttp.WSServerHandshakeError}
 */
public final class WsServerHandshakeException extends ClientResponseException {
    private static final long serialVersionUID = 1L;
    private final String problem;

    /** {@code url}'s answer ({@code status reason}, {@code headers}) failed the handshake with {@code problem}. */
    public WsServerHandshakeException(String problem, URI url, int status, String reason, Headers headers,
                                      List<ClientResponse> history) {
        super("WebSocket handshake with " + url + " failed: " + problem + " (the server answered " + status
                        + (reason.isEmpty() ? "" : " " + reason) + ")"
                        + (problem.startsWith("Invalid") ? "; check that the URL serves a WebSocket" : ""),
                "GET", url, status, reason, headers, history);
        this.problem = problem;
    }

    /** What was wrong, in aiohttp's words. asyncio: {@code WSServerHandshakeError.message} */
    public String problem() {
        return problem;
    }
}
