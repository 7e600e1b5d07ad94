package io.asyncio4j.http.web;

/**
 * {@code 413 Request Entity Too Large}: the request body is larger than the server accepts. The
 * body is {@code "Maximum request body size 10 exceeded, actual body size 11"}, or the text given.
 * {@link Request#read()} throws it for a body over {@link Application#clientMaxSize()}; the
 * actual size is what had arrived when the limit was crossed, as aiohttp counts it, not
 * necessarily the whole body.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPRequestEntityTooLarge}
 */
public class HttpRequestEntityTooLarge extends HttpClientError {
    private final long maxSize;
    private final long actualSize;

    /**
     * A 413 saying the body of {@code actualSize} bytes exceeds {@code maxSize}.
     * asyncio: {@code web.HTTPRequestEntityTooLarge(max_size, actual_size)}
     */
    public HttpRequestEntityTooLarge(long maxSize, long actualSize) {
        this(maxSize, actualSize, null);
    }

    /**
     * A 413 for a body of {@code actualSize} bytes over {@code maxSize}, with {@code text} as its
     * body (null: aiohttp's sentence). asyncio: {@code web.HTTPRequestEntityTooLarge(max_size, actual_size, text=text)}
     */
    public HttpRequestEntityTooLarge(long maxSize, long actualSize, String text) {
        super(413, text != null ? text
                : "Maximum request body size " + maxSize + " exceeded, actual body size " + actualSize);
        this.maxSize = maxSize;
        this.actualSize = actualSize;
    }

    /** The largest body accepted, in bytes; -1 if unknown. asyncio: none (only in aiohttp's text) */
    public long maxSize() {
        return maxSize;
    }

    /** The body's size when it was refused, in bytes; -1 if unknown. asyncio: none (only in aiohttp's text) */
    public long actualSize() {
        return actualSize;
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpRequestEntityTooLarge().withReason("...")}). asyncio: {@code web.HTTPRequestEntityTooLarge(reason=...)}
     */
    @Override
    public HttpRequestEntityTooLarge withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
