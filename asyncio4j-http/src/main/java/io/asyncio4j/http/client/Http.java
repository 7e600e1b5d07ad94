package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * One request without a session of one's own: a {@link ClientSession} is made for it and closed
 * when its response is closed, so use the response in try-with-resources:
 * <pre>{@code
 * try (ClientResponse resp = Http.request("GET", "https://example.com/")) {
 *     System.out.println(resp.status() + " " + resp.text());
 * }
 * }</pre>
 * Each call opens a new connection and nothing is kept between calls (no pooled connection, no
 * cookies, no DNS cache): for more than one request to a server, make a {@link ClientSession}.
 * The request is sent as a session's would be ({@code User-Agent}, {@code Accept} and the rest),
 * with redirects followed and cookies set on the way kept until the response is closed.
 * <p>
 * Threading: a task of an event loop, as a session's requests; the response belongs to that loop.
 * <p>
 * asyncio: {@code aiohttp.request(method, url, **kwargs)}, used as
 * {@code async with aiohttp.request("GET", url) as resp:}
 */
public final class Http {
    private Http() {
    }

    /**
     * {@code method url} in a session of its own, closed with the response. May suspend.
     * asyncio: {@code aiohttp.request(method, url)}
     *
     * @throws IOException and the rest as {@link ClientSession#request(String, String, RequestOptions)};
     *         the session is closed first
     */
    public static ClientResponse request(String method, String url) throws IOException {
        return request(method, url, RequestOptions.defaults(), ClientSessionOptions.defaults());
    }

    /**
     * {@code method url} with {@code options} (a body, fields, a timeout, cookies...) in a session
     * of its own, closed with the response. May suspend.
     * asyncio: {@code aiohttp.request(method, url, headers=, data=, json=, timeout=, cookies=, ...)}
     *
     * @throws IOException and the rest as {@link ClientSession#request(String, String, RequestOptions)};
     *         the session is closed first
     */
    public static ClientResponse request(String method, String url, RequestOptions options) throws IOException {
        return request(method, url, options, ClientSessionOptions.defaults());
    }

    /**
     * {@link #request(String, String, RequestOptions)} in a session made with {@code sessionOptions}
     * (TLS, a Unix socket, a JSON serializer... what aiohttp's {@code request} takes through
     * {@code connector=}, {@code version=} and its session keywords). May suspend.
     * asyncio: {@code aiohttp.request(method, url, connector=..., **kwargs)}
     *
     * @throws IOException and the rest as {@link ClientSession#request(String, String, RequestOptions)};
     *         the session is closed first
     * @throws IllegalArgumentException for options a {@link ClientSession} refuses
     */
    public static ClientResponse request(String method, String url, RequestOptions options,
                                         ClientSessionOptions sessionOptions) throws IOException {
        ClientSession session = new ClientSession(sessionOptions);
        ClientResponse resp;
        try {
            resp = session.request(method, url, options);
        } catch (Throwable e) {
            // aiohttp's _SessionRequestContextManager closes the session when the request fails
            try {
                session.close();
            } catch (Throwable c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        resp.closeWith(session);
        return resp;
    }
}
