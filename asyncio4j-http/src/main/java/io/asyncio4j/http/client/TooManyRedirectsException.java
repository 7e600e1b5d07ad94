package io.asyncio4j.http.client;

import java.net.URI;
import java.util.List;

/**
 * A request reached its redirect limit ({@link RequestOptions#withMaxRedirects}, else the
 * session's {@link ClientSessionOptions#maxRedirects()}): its {@code n}th redirect raises, as in
 * aiohttp. {@link #history()} holds every redirect response, the one that reached the limit last
 * (their statuses and {@code Location}s are there); {@link #method()} and {@link #url()} are the
 * request first made; {@link #status()} is 0, {@link #reason()} and {@link #headers()} empty, as
 * aiohttp's {@code TooManyRedirects} carries only the first request's info and the history.
 * <p>
 * asyncio: {@code aiohttp.TooManyRedirects}
 */
public class TooManyRedirectsException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * {@code method url} was redirected by each of {@code history}, the last being the
     * {@code max}th. asyncio: {@code TooManyRedirects(history[0].request_info, tuple(history))}
     */
    public TooManyRedirectsException(String method, URI url, List<ClientResponse> history, int max) {
        // aiohttp 3.8.4: str(TooManyRedirects) is "0, message='', url=URL('<the URL asked for>')"
        super(PyRepr.responseError(0, "", url) + "; " + method + " " + url + " was redirected " + history.size() + " times, reaching the limit of " + max
                        + " (a limit of n raises at redirect n; the last: " + last(history).status() + " to "
                        + last(history).headers().get("Location") + "); raise RequestOptions.withMaxRedirects (or the "
                        + "session's; 0: no limit), or pass RequestOptions.withAllowRedirects(false) and follow "
                        + "Location yourself",
                method, url, 0, "", null, history);
    }

    private static ClientResponse last(List<ClientResponse> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("TooManyRedirectsException(): the history is empty; pass the redirect "
                    + "responses, the last included");
        }
        return history.get(history.size() - 1);
    }
}
