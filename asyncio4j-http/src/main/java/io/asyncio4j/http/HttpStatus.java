package io.asyncio4j.http;

/**
 * Reason phrases for status codes (RFC 9110), for status lines and error pages.
 * <p>
 * Threading: stateless; any thread.
 * <p>
 * asyncio: Python's {@code http.HTTPStatus} (which aiohttp uses)
 */
public final class HttpStatus {
    private HttpStatus() {
    }

    /** The standard reason phrase of {@code status}, or "" for a code without one. asyncio: {@code HTTPStatus(code).phrase} */
    public static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    /**
     * Checks that {@code status} is a three-digit code, 100 to 999, and returns it.
     * asyncio: none (aiohttp's {@code StreamResponse.set_status} makes the same check)
     *
     * @throws IllegalArgumentException naming the code otherwise
     */
    public static int check(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("HTTP status must be three digits (100-999); got " + status);
        }
        return status;
    }
}
