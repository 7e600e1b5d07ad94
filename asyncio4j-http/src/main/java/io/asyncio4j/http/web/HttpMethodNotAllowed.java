package io.asyncio4j.http.web;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code 405 Method Not Allowed}: the resource exists but does not take the request's method.
 * The {@code Allow} field names the methods it takes, sorted and comma-separated
 * ({@code Allow: DELETE,POST,PUT}); the body is {@code "405: Method Not Allowed"}, or the text
 * given. The router throws it when a path matches but its method does not.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.HTTPMethodNotAllowed}
 */
public class HttpMethodNotAllowed extends HttpClientError {
    private final String method;
    private final SortedSet<String> allowedMethods;

    /**
     * A 405 for {@code method}, naming {@code allowedMethods} in the {@code Allow} field.
     * asyncio: {@code web.HTTPMethodNotAllowed(method, allowed_methods)}
     *
     * @throws IllegalArgumentException for a null method, or null methods allowed
     */
    public HttpMethodNotAllowed(String method, Collection<String> allowedMethods) {
        this(method, allowedMethods, null);
    }

    /**
     * A 405 for {@code method}, naming {@code allowedMethods}, with {@code text} as its body
     * (null: the default). asyncio: {@code web.HTTPMethodNotAllowed(method, allowed_methods, text=text)}
     *
     * @throws IllegalArgumentException for a null method, or null methods allowed
     */
    public HttpMethodNotAllowed(String method, Collection<String> allowedMethods, String text) {
        super(405, text);
        if (method == null || allowedMethods == null
                || allowedMethods.stream().anyMatch(Objects::isNull)) { // List.of's contains(null) throws
            throw new IllegalArgumentException("HttpMethodNotAllowed(): the method (" + method + ") or the "
                    + "allowed methods (" + allowedMethods + ") are null; give the request's method and the "
                    + "methods the resource takes (an empty collection for none)");
        }
        this.method = method.toUpperCase(Locale.ROOT);
        this.allowedMethods = Collections.unmodifiableSortedSet(new TreeSet<>(allowedMethods));
        headers().set("Allow", String.join(",", this.allowedMethods));
    }

    /** The method refused, in upper case. asyncio: {@code exc.method} */
    public String method() {
        return method;
    }

    /** The methods the resource takes, sorted; unmodifiable. asyncio: {@code exc.allowed_methods} */
    public SortedSet<String> allowedMethods() {
        return allowedMethods;
    }

    /**
     * As {@link HttpException#withReason}, typed as this class so a chain keeps it
     * ({@code throw new HttpMethodNotAllowed().withReason("...")}). asyncio: {@code web.HTTPMethodNotAllowed(reason=...)}
     */
    @Override
    public HttpMethodNotAllowed withReason(String reason) {
        super.withReason(reason);
        return this;
    }
}
