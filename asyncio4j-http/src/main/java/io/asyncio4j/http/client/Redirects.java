package io.asyncio4j.http.client;

/**
 * Which responses redirect, and what the next request is: aiohttp's rules, which are the
 * browsers'. 303 turns any request but HEAD into a GET without a body; 301 and 302 turn a POST
 * into one (RFC 9110 allows it, every browser does it); 307 and 308 keep the method and body.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: the redirect branch of aiohttp's {@code ClientSession._request}
 */
final class Redirects {
    private Redirects() {
    }

    /** Whether a response of {@code status} is a redirect the session follows (when it has a Location). */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Whether the request after a {@code status} redirect of a {@code method} request is a GET without a body. */
    static boolean becomesGet(int status, String method) {
        return status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST");
    }
}
