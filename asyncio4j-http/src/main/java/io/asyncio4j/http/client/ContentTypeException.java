package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.util.List;

/**
 * {@link ClientResponse#json()} was asked of a response whose {@code Content-Type} is not JSON
 * ({@code application/json}, or a {@code +json} type). The response is released.
 * <p>
 * asyncio: {@code aiohttp.ContentTypeError} ("Attempt to decode JSON with unexpected mimetype")
 */
public final class ContentTypeException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /** The response to {@code method url} ({@code status}, {@code headers}) has media type {@code mediaType}. */
    public ContentTypeException(String method, URI url, int status, String reason, Headers headers,
                                List<ClientResponse> history, String mediaType) {
        super("Attempt to decode JSON with unexpected mimetype: " + mediaType + " (" + method + " " + url + " answered "
                        + status + "); read it with text() or read(), or call json(false) to skip the check",
                method, url, status, reason, headers, history);
    }
}
