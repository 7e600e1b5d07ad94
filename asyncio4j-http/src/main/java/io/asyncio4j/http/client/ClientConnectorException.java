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

    /** asyncio's words for a failed connect, as the event loop words them: {@code Connect call failed <address>: <why>}. */
    private static final java.util.regex.Pattern CONNECT_FAILED =
            java.util.regex.Pattern.compile("Connect call failed (.*): ([^:]*)");

    /**
     * The cause as aiohttp shows the OSError's {@code strerror} in its message: a failed connect as
     * {@code Connect call failed ('127.0.0.1', 1)} (asyncio's address tuple), a name that did not
     * resolve or a Unix socket that is not there by the system's words ({@code Name or service not
     * known}, {@code No such file or directory}); anything else as {@code SSLHandshakeException: ...}.
     */
    static String describe(IOException cause) {
        String m = cause.getMessage();
        if (m != null) {
            java.util.regex.Matcher failed = CONNECT_FAILED.matcher(m);
            if (failed.matches()) {
                if (cause instanceof java.net.ConnectException) {
                    String address = pythonAddress(failed.group(1));
                    if (address != null) {
                        return "Connect call failed " + address;
                    }
                } else if (cause instanceof java.io.FileNotFoundException) {
                    return failed.group(2); // Python's FileNotFoundError: [Errno 2] No such file or directory
                }
            }
            if (cause instanceof java.net.UnknownHostException) {
                int colon = m.lastIndexOf(": ");
                return colon < 0 ? m : m.substring(colon + 2); // the host name is in the message already
            }
        }
        return cause.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }

    /**
     * An {@link java.net.InetSocketAddress}'s text ({@code /127.0.0.1:1}, {@code name/[0:0:0:0:0:0:0:1]:1})
     * as asyncio's address tuple: {@code ('127.0.0.1', 1)}, {@code ('::1', 1, 0, 0)}; null for
     * anything else.
     */
    private static String pythonAddress(String text) {
        String hostPort = text.substring(text.lastIndexOf('/') + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = hostPort.substring(0, colon);
        String port = hostPort.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            String v6 = compressed(host.substring(1, host.length() - 1));
            return v6 == null ? null : "('" + v6 + "', " + port + ", 0, 0)";
        }
        return host.matches("[0-9.]+") ? "('" + host + "', " + port + ")" : null;
    }

    /** Java's full IPv6 text ({@code 0:0:0:0:0:0:0:1}) as Python writes it ({@code ::1}): the longest zero run as {@code ::}. */
    private static String compressed(String full) {
        String[] g = full.split(":", -1);
        if (g.length != 8) {
            return null; // a scope or another spelling: not Java's plain form
        }
        int bestAt = -1;
        int bestLen = 1; // a single zero group stays (RFC 5952, Python's ipaddress)
        for (int i = 0; i < 8; ) {
            if (!g[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestAt < 0) {
            return String.join(":", g);
        }
        return String.join(":", java.util.Arrays.copyOfRange(g, 0, bestAt)) + "::"
                + String.join(":", java.util.Arrays.copyOfRange(g, bestAt + bestLen, 8));
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
