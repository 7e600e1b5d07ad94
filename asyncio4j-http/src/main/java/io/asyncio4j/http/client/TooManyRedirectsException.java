package io.asyncio4j.http.client;

import java.net.URI;
import java.util.List;

/**
 * A request was redirected more times than it allows ({@link RequestOptions#withMaxRedirects}), or
 * the session ({@link ClientSessionOptions#maxRedirects()}). {@link #status()} and {@link #headers()} are
 * the last redirect's, {@link #url()} is the URL first asked for, {@link #history()} holds
 * every redirect response, the last included.
 * <p>
 * asyncio: {@code aiohttp.TooManyRedirects}
 */
public class TooManyRedirectsException extends ClientResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * {@code method url} was redirected by each of {@code history}, one more than {@code max}
     * allows. asyncio: {@code TooManyRedirects(history[0].request_info, tuple(history))}
     */
    public TooManyRedirectsException(String method, URI url, List<ClientResponse> history, int max) {
        super(method + " " + url + " was redirected more than " + max + " times (the last: "
                        + last(history).status() + " to " + last(history).headers().get("Location")
                        + "); raise RequestOptions.withMaxRedirects (or the session's), or pass "
                        + "RequestOptions.withAllowRedirects(false) and follow Location yourself",
                method, url, last(history).status(), last(history).reason(), last(history).headers(), history);
    }

    private static ClientResponse last(List<ClientResponse> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("TooManyRedirectsException(): the history is empty; pass the redirect "
                    + "responses, the last included");
        }
        return history.get(history.size() - 1);
    }
}
