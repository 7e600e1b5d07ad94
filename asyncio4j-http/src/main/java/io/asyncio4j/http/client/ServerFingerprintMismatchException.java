package io.asyncio4j.http.client;

import java.util.HexFormat;

/**
 * The https server presented a certificate other than the one pinned with a {@link Fingerprint}:
 * the connection was closed before any request went over it. {@link #expected()} is the pinned
 * digest, {@link #got()} the SHA-256 digest of the certificate the server sent, {@link #host()}
 * and {@link #port()} the address answered (the peer's IP address, as aiohttp reports it). When
 * the host name has several addresses each is tried in turn, and this is the last one's failure.
 * <p>
 * asyncio: {@code aiohttp.ServerFingerprintMismatch(expected, got, host, port)}
 */
public class ServerFingerprintMismatchException extends ServerConnectionException {
    private static final long serialVersionUID = 1L;
    private final byte[] expected;
    private final byte[] got;
    private final String host;
    private final int port;

    /**
     * {@code host:port} presented a certificate whose digest is {@code got} where {@code expected}
     * was pinned. asyncio: {@code ServerFingerprintMismatch(expected, got, host, port)}
     */
    public ServerFingerprintMismatchException(byte[] expected, byte[] got, String host, int port) {
        super("Server fingerprint mismatch: " + host + ":" + port + " presented a certificate whose SHA-256 is "
                + HexFormat.of().formatHex(got) + ", not the pinned " + HexFormat.of().formatHex(expected)
                + "; the server's certificate changed, or something else answers for it: pin the new certificate's "
                + "digest (Fingerprint.digestOf) only once you know it is the server's");
        this.expected = expected.clone();
        this.got = got.clone();
        this.host = host;
        this.port = port;
    }

    /** The pinned digest (a copy). asyncio: {@code ServerFingerprintMismatch.expected} */
    public byte[] expected() {
        return expected.clone();
    }

    /** The digest of the certificate the server presented (a copy). asyncio: {@code ServerFingerprintMismatch.got} */
    public byte[] got() {
        return got.clone();
    }

    /** The address that answered. asyncio: {@code ServerFingerprintMismatch.host} */
    public String host() {
        return host;
    }

    /** Its port. asyncio: {@code ServerFingerprintMismatch.port} */
    public int port() {
        return port;
    }
}
