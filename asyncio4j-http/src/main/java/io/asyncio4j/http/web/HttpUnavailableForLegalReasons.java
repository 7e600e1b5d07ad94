package io.asyncio4j.http.web;

/**
 * {@code 451 Unavailable For Legal Reasons}: the {@code Link} field points at who demands the
 * block ({@code Link: <https://example.org/order>; rel="blocked-by"}, RFC 7725); the body is
 * {@code "451: Unavailable For Legal Reasons"}, or the text given.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPUnavailableForLegalReasons}
 */
public class HttpUnavailableForLegalReasons extends HttpClientError {
    private final String link;

    /**
     * A 451 naming {@code link} as the one demanding the block.
     * asyncio: {@code web.HTTPUnavailableForLegalReasons(link)}
     *
     * @throws IllegalArgumentException for a null link
     */
    public HttpUnavailableForLegalReasons(String link) {
        this(link, null);
    }

    /**
     * A 451 naming {@code link}, with {@code text} as its body (null: the default).
     * asyncio: {@code web.HTTPUnavailableForLegalReasons(link, text=text)}
     *
     * @throws IllegalArgumentException for a null link
     */
    public HttpUnavailableForLegalReasons(String link, String text) {
        super(451, text);
        if (link == null) {
            throw new IllegalArgumentException("HttpUnavailableForLegalReasons(): the link is null; give the URL "
                    + "of the authority demanding the block");
        }
        this.link = link;
        headers().set("Link", "<" + link + ">; rel=\"blocked-by\"");
    }

    /** The link given. asyncio: {@code exc.link} */
    public String link() {
        return link;
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpUnavailableForLegalReasons().withReason("...")}). asyncio: {@code web.HTTPUnavailableForLegalReasons(reason=...)}
     */
    @Override
    public HttpUnavailableForLegalReasons withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
