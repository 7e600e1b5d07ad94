package io.asyncio4j.streams;

/**
 * Handles one client of a stream server; runs as a task of its own per connection, so it may
 * suspend. If it fails or is cancelled, the connection is closed and a failure is reported to
 * the loop's exception handler.
 * <p>
 * asyncio: the {@code client_connected_cb} of {@code asyncio.start_server}
 */
@FunctionalInterface
public interface ClientConnectedCallback {

    /** Serves one connection. May suspend. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
