package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.HttpStatus;

/**
 * Thrown by a handler (or the router) to answer with an HTTP status: the server turns it into
 * a response with the body {@code "404: Not Found"} (or the text given) and the fields set on
 * it. Unchecked, so a handler deep in a call chain can throw it without declaring it.
 * <p>
 * The base of a family named as aiohttp's: throw the class for the status
 * ({@link HttpNotFound}, {@link HttpFound}, {@link HttpMethodNotAllowed}, ...) and catch a class
 * or a whole category ({@link HttpClientError}, {@link HttpServerError}, {@link HttpMove},
 * {@link HttpSuccessful}, ...). The server's own answers are of that family too: the router's
 * 404 is an {@link HttpNotFound}, a body over the limit an {@link HttpRequestEntityTooLarge}.
 * {@code new HttpException(status)} still answers any status, for one aiohttp does not name.
 * <p>
 * Threading: the task handling the request (its {@link #headers()} are mutable).
 * <p>
 * asyncio: aiohttp's {@code web.HTTPException}
 */
public class HttpException extends RuntimeException {
    private final int status;
    private String reason; // null: the standard phrase
    private final boolean defaultText; // the body is "<status>: <reason>", so follows withReason
    private String text; // changes only with withReason, for a default text
    private final Headers headers = new Headers();

    /**
     * A response with {@code status} and the body {@code "<status>: <reason>"}. For a status
     * aiohttp names, throw its class instead ({@code new HttpNotFound()}): a middleware catching
     * {@link HttpNotFound} does not see {@code new HttpException(404)}.
     * asyncio: {@code web.HTTPException} subclassed with a {@code status_code}
     */
    public HttpException(int status) {
        this(status, null);
    }

    /**
     * A response with {@code status} and {@code text} as its body (null: the default); as above,
     * prefer the class aiohttp names ({@code new HttpBadRequest(text)}).
     * asyncio: {@code web.HTTPException(text=...)} subclassed with a {@code status_code}
     */
    public HttpException(int status, String text) {
        super(status + ": " + (text != null ? text : HttpStatus.reason(status)), null, false, false);
        this.status = HttpStatus.check(status);
        this.text = text != null ? text : status + ": " + HttpStatus.reason(status);
        this.defaultText = text == null;
    }

    /**
     * A redirect: the {@link HttpMove} class for {@code status} (300, 301, 302, 303, 305, 307 or
     * 308) to {@code location}. asyncio: {@code web.HTTPFound(location)} and its siblings
     *
     * @throws IllegalArgumentException for another status, or a null or empty location
     */
    public static HttpMove redirect(int status, String location) {
        return switch (status) {
            case 300 -> new HttpMultipleChoices(location);
            case 301 -> new HttpMovedPermanently(location);
            case 302 -> new HttpFound(location);
            case 303 -> new HttpSeeOther(location);
            case 305 -> new HttpUseProxy(location);
            case 307 -> new HttpTemporaryRedirect(location);
            case 308 -> new HttpPermanentRedirect(location);
            default -> throw new IllegalArgumentException("HttpException.redirect(): " + status + " is not a "
                    + "redirect status; use 300, 301, 302, 303, 305, 307 or 308");
        };
    }

    /** {@code status} if it lies in {@code low..high}, for a category's constructor. */
    static int checkRange(String category, int status, int low, int high) {
        if (status < low || status > high) {
            throw new IllegalArgumentException(category + ": status " + status + " is not one of its own; give "
                    + low + " to " + high + ", or extend the category the status belongs to");
        }
        return status;
    }

    /**
     * Sends {@code reason} in the status line instead of the standard phrase ({@code 403 Nope}),
     * and in the body when no text was given ({@code 403: Nope}). Returns this exception.
     * asyncio: {@code web.HTTPForbidden(reason="Nope")}
     */
    public HttpException withReason(String reason) {
        if (reason != null && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("HttpException.withReason(): the reason holds a line break; give "
                    + "one line of text");
        }
        this.reason = reason;
        if (defaultText) {
            text = status + ": " + (reason != null ? reason : HttpStatus.reason(status));
        }
        return this;
    }

    /** The reason phrase set by {@link #withReason}, or null for the standard one. asyncio: {@code exc.reason} */
    public String reason() {
        return reason;
    }

    /** The status. asyncio: {@code exc.status} */
    public int status() {
        return status;
    }

    /** The body text. asyncio: {@code exc.text} */
    public String text() {
        return text;
    }

    /** Fields to send with it (Location, Allow, ...). asyncio: {@code exc.headers} */
    public Headers headers() {
        return headers;
    }

    /**
     * This exception as the response the server sends: its status, its text as
     * {@code text/plain}, its fields. asyncio: none (aiohttp's {@code HTTPException} is itself a
     * {@code web.Response})
     */
    public Response toResponse() {
        // 204, 205 and 304 carry no body, so no text and no type (aiohttp's empty_body statuses)
        Response r = status == 204 || status == 205 || status == 304 ? new Response(status)
                : Response.text(text).status(status);
        if (reason != null) {
            r.status(status, reason);
        }
        for (int i = 0; i < headers.size(); i++) {
            r.headers().add(headers.name(i), headers.value(i));
        }
        return r;
    }
}
