package io.asyncio4j.http.client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * No connection could be made to the Unix-domain socket of a session made with
 * {@link ClientSessionOptions#withUnixSocket}: no file at the path, no server listening there,
 * no permission. {@link #path()} names the socket; {@link #host()} and {@link #port()} are those of
 * the URL asked for, which only named the server to the {@code Host} field; {@link #ssl()} is
 * false, as no TLS runs over the socket.
 * <p>
 * asyncio: {@code aiohttp.UnixClientConnectorError}
 */
public class UnixClientConnectorException extends ClientConnectorException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    /**
     * Connecting to the socket at {@code path} for a request to {@code host:port} failed with
     * {@code cause}. asyncio: {@code UnixClientConnectorError(path, connection_key, os_error)}
     */
    public UnixClientConnectorException(Path path, String host, int port, IOException cause) {
        // aiohttp 3.8.4: "Cannot connect to unix socket <path> ssl:default [No such file or directory]"
        super("Cannot connect to unix socket " + path + " ssl:default [" + describe(cause) + "]; check that a server listens "
                + "on that socket and that this process may open it", host, port, false, cause);
        this.path = path;
    }

    /** The socket's path. asyncio: {@code UnixClientConnectorError.path} */
    public Path path() {
        return path;
    }
}
