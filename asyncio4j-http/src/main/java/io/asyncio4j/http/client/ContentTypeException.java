package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.util.List;

/**
 * {@link ClientResponse#json()} was asked of a response whose {@code Content-Type} is not JSON
 * (one starting {@code application/json} or {@code application/...+json}, as aiohttp's
 * {@code json_re} matches it). The response is released.
 * <p>
 * asyncio: {@code aiohttp.ContentTypeError} ("Attempt to decode JSON with unexpected mimetype")
 */
public final class ContentTypeException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * The response to {@code method url} ({@code status}, {@code headers}) has the Content-Type
     * {@code contentType} (the field as it came, lower-cased, as aiohttp words it; empty when there
     * is none). The message starts as aiohttp's {@code str()}:
     * {@code 200, message='Attempt to decode JSON with unexpected mimetype: text/plain; charset=utf-8', url=URL('...')}
     * (aiohttp 3.8.4 shows a status of 0 there, the status it leaves unset; this one is the response's).
     * {@link #reason()} is that sentence, as aiohttp's {@code ContentTypeError.message}.
     */
    public ContentTypeException(String method, URI url, int status, String reason, Headers headers,
                                List<ClientResponse> history, String contentType) {
        super(PyRepr.responseError(status, mimetypeMessage(contentType), url)
                        + "; the " + method + " was answered " + status + " " + reason + " with "
                        + (contentType.isEmpty() ? "no Content-Type" : "that Content-Type")
                        + "; read it with text() or read(), or call json(false) to skip the check",
                method, url, status, mimetypeMessage(contentType), headers, history);
    }

    private static String mimetypeMessage(String contentType) {
        return "Attempt to decode JSON with unexpected mimetype: " + contentType;
    }
}
