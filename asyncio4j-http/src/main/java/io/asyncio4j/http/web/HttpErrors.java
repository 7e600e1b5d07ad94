package io.asyncio4j.http.web;

/**
 * The typed {@link HttpError} for a status known only at run time (a parse failure's 400, 431 or
 * 505), so that a middleware catches the server's own errors by class, as aiohttp's.
 * <p>
 * Threading: stateless; any thread.
 */
final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * The class aiohttp names for the error {@code status}, with {@code text} as its body (null:
     * the default); a plain {@link HttpException} for a status it does not name, or one whose
     * class needs more than a text (a 405's methods). A 413 here knows no sizes: they are -1.
     */
    static HttpException of(int status, String text) {
        return switch (status) {
            case 400 -> new HttpBadRequest(text);
            case 401 -> new HttpUnauthorized(text);
            case 402 -> new HttpPaymentRequired(text);
            case 403 -> new HttpForbidden(text);
            case 404 -> new HttpNotFound(text);
            case 406 -> new HttpNotAcceptable(text);
            case 407 -> new HttpProxyAuthenticationRequired(text);
            case 408 -> new HttpRequestTimeout(text);
            case 409 -> new HttpConflict(text);
            case 410 -> new HttpGone(text);
            case 411 -> new HttpLengthRequired(text);
            case 412 -> new HttpPreconditionFailed(text);
            case 414 -> new HttpRequestUriTooLong(text);
            case 415 -> new HttpUnsupportedMediaType(text);
            case 416 -> new HttpRequestRangeNotSatisfiable(text);
            case 417 -> new HttpExpectationFailed(text);
            case 421 -> new HttpMisdirectedRequest(text);
            case 422 -> new HttpUnprocessableEntity(text);
            case 424 -> new HttpFailedDependency(text);
            case 426 -> new HttpUpgradeRequired(text);
            case 428 -> new HttpPreconditionRequired(text);
            case 429 -> new HttpTooManyRequests(text);
            case 431 -> new HttpRequestHeaderFieldsTooLarge(text);
            case 500 -> new HttpInternalServerError(text);
            case 501 -> new HttpNotImplemented(text);
            case 502 -> new HttpBadGateway(text);
            case 503 -> new HttpServiceUnavailable(text);
            case 504 -> new HttpGatewayTimeout(text);
            case 505 -> new HttpVersionNotSupported(text);
            case 506 -> new HttpVariantAlsoNegotiates(text);
            case 507 -> new HttpInsufficientStorage(text);
            case 510 -> new HttpNotExtended(text);
            case 511 -> new HttpNetworkAuthenticationRequired(text);
            case 405 -> new HttpException(405, text); // no Allow to give: not an HttpMethodNotAllowed
            case 413 -> text == null ? new HttpException(413) : new HttpRequestEntityTooLarge(-1, -1, text);
            case 451 -> new HttpException(451, text); // no Link to give
            default -> new HttpException(status, text);
        };
    }
}
