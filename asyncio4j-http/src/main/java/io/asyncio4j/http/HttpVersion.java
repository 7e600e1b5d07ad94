package io.asyncio4j.http;

/**
 * The HTTP/1.x versions spoken: a message of any other version is refused (505 on a server).
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code HttpVersion10}, {@code HttpVersion11}
 */
public enum HttpVersion {
    /**
     * HTTP/1.0: a connection closes after each exchange unless it asks to be kept alive.
     * asyncio: {@code HttpVersion10}
     */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1: connections persist unless one side says {@code Connection: close}. asyncio: {@code HttpVersion11} */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /**
     * As on the wire: {@code HTTP/1.1}.
     * asyncio: none (aiohttp's {@code HttpVersion} is a {@code (major, minor)} tuple it formats as
     * {@code "HTTP/{}.{}"})
     */
    public String text() {
        return text;
    }

    /** Same as {@link #text()}. asyncio: none (see {@link #text()}) */
    @Override
    public String toString() {
        return text;
    }
}
