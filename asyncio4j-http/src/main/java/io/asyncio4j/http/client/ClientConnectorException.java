package io.asyncio4j.http.client;

import java.io.IOException;

/**
 * No connection could be made to the server: the name did not resolve, the port refused, the
 * TLS handshake failed (the certificate is not trusted or names another host). The cause is the
 * error the connect raised ({@link java.net.UnknownHostException},
 * {@link java.net.ConnectException}, {@link javax.net.ssl.SSLException}...); {@link #host()}
 * and {@link #port()} say where the client tried to go.
 * <p>
 * asyncio: {@code aiohttp.ClientConnectorError} (and its {@code ClientConnectorCertificateError})
 */
public class ClientConnectorException extends ClientException {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final boolean ssl;

    /**
     * Connecting to {@code host:port} (over TLS when {@code ssl}) failed with {@code cause}.
     * asyncio: {@code ClientConnectorError(connection_key, os_error)}
     */
    public ClientConnectorException(String host, int port, boolean ssl, IOException cause) {
        this(host, port, ssl, cause, advice(cause));
    }

    /** For subclasses that give their own advice after aiohttp's words. */
    protected ClientConnectorException(String host, int port, boolean ssl, IOException cause, String advice) {
        super("Cannot connect to host " + host + ":" + port + " ssl:" + ssl + " [" + describe(cause) + "]; "
                + advice, cause);
        this.host = host;
        this.port = port;
        this.ssl = ssl;
    }

    /**
     * For subclasses that say where they tried to connect in their own words: {@code message}
     * is the whole message; {@code host} and {@code port} are still the URL's.
     */
    protected ClientConnectorException(String message, String host, int port, boolean ssl, IOException cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
        this.ssl = ssl;
    }

    /** The cause as aiohttp shows an OSError in its message: {@code ConnectException: Connection refused}. */
    static String describe(IOException cause) {
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }

    private static String advice(IOException cause) {
        if (cause instanceof java.net.UnknownHostException) {
            return "check the host name in the URL";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "the server's certificate must be trusted by the session's SSLContext and name the host "
                    + "(ClientSessionOptions.withSslContext; or, for a server you trust by other means, "
                    + "withVerifySsl(false), aiohttp's ssl=False)";
        }
        return "check the URL's host and port, and that the server is running";
    }

    /** The host the client tried to reach. asyncio: {@code ClientConnectorError.host} */
    public String host() {
        return host;
    }

    /** The port the client tried to reach. asyncio: {@code ClientConnectorError.port} */
    public int port() {
        return port;
    }

    /** Whether the connection was to be TLS. asyncio: {@code ClientConnectorError.ssl} */
    public boolean ssl() {
        return ssl;
    }
}
