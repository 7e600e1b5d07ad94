package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;
import java.util.List;

/**
 * The server answered, but not with what the caller accepts: {@link ClientResponse#raiseForStatus()}
 * raises it for a status of 400 or more, and {@link TooManyRedirectsException} extends it. It
 * carries the status, the reason phrase, the request's method and URL, the response's headers
 * and the redirects that led there. The response itself has been released.
 * <p>
 * asyncio: {@code aiohttp.ClientResponseError}
 */
public class ClientResponseException extends ClientException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;
    private final String method;
    private final URI url;
    private final transient Headers headers;
    private final transient List<ClientResponse> history;

    /**
     * {@code method url} was answered with {@code status reason}: the message starts as aiohttp's
     * {@code str()} ({@code 404, message='Not Found', url=URL('http://h/x')}), then says how to
     * handle it. asyncio: {@code ClientResponseError(request_info, history, status=, message=, headers=)}
     */
    public ClientResponseException(String method, URI url, int status, String reason, Headers headers,
                                   List<ClientResponse> history) {
        this(PyRepr.responseError(status, reason, url) + "; " + method + " " + url + " answered " + status
                        + (reason.isEmpty() ? "" : " " + reason) + " (raiseForStatus: a status of 400 or more is an "
                        + "error); catch ClientResponseException, or check status() instead of calling raiseForStatus()",
                method, url, status, reason, headers, history);
    }

    /** For subclasses that word the message themselves. asyncio: {@code ClientResponseError(..., message=)} */
    protected ClientResponseException(String message, String method, URI url, int status, String reason,
                                      Headers headers, List<ClientResponse> history) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.method = method;
        this.url = url;
        this.headers = headers == null ? new Headers() : new Headers(headers);
        this.history = List.copyOf(history);
    }

    /** The response's status. asyncio: {@code ClientResponseError.status} */
    public int status() {
        return status;
    }

    /** The response's reason phrase. asyncio: {@code ClientResponseError.message} */
    public String reason() {
        return reason;
    }

    /** The request's method. asyncio: {@code ClientResponseError.request_info.method} */
    public String method() {
        return method;
    }

    /** The request's URL. asyncio: {@code ClientResponseError.request_info.real_url} */
    public URI url() {
        return url;
    }

    /** The response's header fields (a copy). asyncio: {@code ClientResponseError.headers} */
    public Headers headers() {
        return new Headers(headers);
    }

    /** The redirect responses that came before, oldest first. asyncio: {@code ClientResponseError.history} */
    public List<ClientResponse> history() {
        return history;
    }
}
