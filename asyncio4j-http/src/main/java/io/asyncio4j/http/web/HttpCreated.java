package io.asyncio4j.http.web;

/**
 * {@code 201 Created}: the body is {@code "201: Created"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPCreated}
 */
public class HttpCreated extends HttpSuccessful {
    /**
     * A 201 with the body {@code "201: Created"}.
     * asyncio: {@code web.HTTPCreated()}
     */
    public HttpCreated() {
        this(null);
    }

    /**
     * A 201 with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPCreated(text=text)}
     */
    public HttpCreated(String text) {
        super(201, text);
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpCreated().withReason("...")}). asyncio: {@code web.HTTPCreated(reason=...)}
     */
    @Override
    public HttpCreated withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
