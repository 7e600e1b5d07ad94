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
public class ClientConnectorException extends ClientConnectionException {
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

    /**
     * As the public constructor, the message showing {@code tls} as aiohttp shows the request's
     * {@code ssl}: {@code ssl:default} (the default check), {@code ssl:False} (none), or the
     * context or fingerprint given; {@code ssl:True} for a certificate that failed the check.
     */
    ClientConnectorException(String host, int port, boolean ssl, TlsSetting tls, IOException cause) {
        this(message(host, port, shownSsl(tls, cause), cause, advice(cause)), host, port, ssl, cause);
    }

    /** For subclasses that give their own advice after aiohttp's words. */
    protected ClientConnectorException(String host, int port, boolean ssl, IOException cause, String advice) {
        this(message(host, port, shownSsl(null, cause), cause, advice), host, port, ssl, cause);
    }

    /**
     * aiohttp 3.8.4's {@code str(ClientConnectorError)},
     * {@code Cannot connect to host 127.0.0.1:1 ssl:default [...]}, then the advice.
     */
    private static String message(String host, int port, String shownSsl, IOException cause, String advice) {
        return "Cannot connect to host " + host + ":" + port + " ssl:" + shownSsl + " [" + describe(cause) + "]; "
                + advice;
    }

    /**
     * The {@code ssl:} of aiohttp's message: the request's {@code ssl} argument ({@code None} shown
     * as {@code default}, {@code False}, a context's or fingerprint's repr), or {@code True} for a
     * certificate that failed verification ({@code ClientConnectorCertificateError} shows
     * {@code is_ssl} instead).
     */
    private static String shownSsl(TlsSetting tls, IOException cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return "True";
            }
        }
        if (tls == null) {
            return "default";
        }
        if (tls.context() != null) {
            return String.valueOf(tls.context());
        }
        if (!tls.verify()) {
            return "False";
        }
        return tls.pin() != null ? String.valueOf(tls.pin()) : "default";
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

    /** An OSError as the event loop words it on Linux: {@code [Errno 111] Connect call failed ('127.0.0.1', 1)}. */
    private static final java.util.regex.Pattern ERRNO = java.util.regex.Pattern.compile("\\[Errno [0-9]+\\] (.*)",
            java.util.regex.Pattern.DOTALL);

    /**
     * The cause as aiohttp shows the OSError's {@code strerror} in its message: the words after
     * the loop's {@code [Errno N]} ({@code Connect call failed ('127.0.0.1', 1)}, {@code No such
     * file or directory}, without the path the loop adds for a Unix socket), a name that did not
     * resolve by the system's words ({@code Name or service not known}); anything else as
     * {@code SSLHandshakeException: ...}.
     */
    static String describe(IOException cause) {
        String m = cause.getMessage();
        if (m != null) {
            java.util.regex.Matcher errno = ERRNO.matcher(m);
            if (errno.matches()) {
                String strerror = errno.group(1);
                int path = strerror.lastIndexOf(": '");
                return path > 0 && strerror.endsWith("'") ? strerror.substring(0, path) : strerror;
            }
            if (cause instanceof java.net.UnknownHostException) {
                int colon = m.lastIndexOf(": ");
                return colon < 0 ? m : m.substring(colon + 2); // the host name is in the message already
            }
        }
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
