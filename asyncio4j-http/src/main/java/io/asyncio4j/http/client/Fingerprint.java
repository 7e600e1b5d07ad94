package io.asyncio4j.http.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A pinned server certificate: the SHA-256 digest of the DER encoding of the certificate an
 * https server must present (its leaf certificate, not its issuers'). A connection made with one
 * ({@link RequestOptions#withFingerprint}, {@link ClientSessionOptions#withFingerprint}) does not
 * check who signed the certificate or which names it carries — the pin is the check — and fails
 * with {@link ServerFingerprintMismatchException} when the digest differs. Digests of MD5's or
 * SHA-1's length are refused, as aiohttp refuses them.
 * <p>
 * Two fingerprints with the same digest are equal (and share pooled connections).
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: {@code aiohttp.Fingerprint}
 */
public final class Fingerprint {
    private static final int SHA256_LENGTH = 32;
    private final byte[] digest;

    /**
     * Pins the certificate whose SHA-256 digest is {@code digest} (32 bytes, copied).
     * asyncio: {@code aiohttp.Fingerprint(digest)}
     *
     * @throws IllegalArgumentException for a digest of 16 or 20 bytes (MD5, SHA-1: "md5 and sha1
     *         are insecure and not supported. Use sha256.") or of any other length but 32
     * @throws NullPointerException if {@code digest} is null
     */
    public Fingerprint(byte[] digest) {
        if (digest == null) {
            throw new NullPointerException("Fingerprint(): the digest is null; give the 32-byte SHA-256 digest of "
                    + "the server certificate's DER encoding");
        }
        if (digest.length == 16 || digest.length == 20) {
            throw new IllegalArgumentException("Fingerprint(): md5 and sha1 are insecure and not supported. Use sha256. "
                    + "(a " + digest.length + "-byte digest was given; give the 32-byte SHA-256 digest of the "
                    + "certificate's DER encoding)");
        }
        if (digest.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("Fingerprint(): fingerprint has invalid length (" + digest.length
                    + " bytes); give the 32-byte SHA-256 digest of the certificate's DER encoding");
        }
        this.digest = digest.clone();
    }

    /** The pinned digest (a copy). asyncio: {@code Fingerprint.fingerprint} */
    public byte[] fingerprint() {
        return digest.clone();
    }

    /**
     * The SHA-256 digest of {@code cert}'s DER encoding, what a fingerprint pins.
     * asyncio: {@code hashlib.sha256(ssl_object.getpeercert(binary_form=True)).digest()}
     *
     * @throws IllegalArgumentException if the certificate cannot be encoded
     */
    public static byte[] digestOf(Certificate cert) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Fingerprint.digestOf(): the certificate cannot be DER-encoded ("
                    + e.getMessage() + "); give an X.509 certificate", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Fingerprint.digestOf(): this JDK has no SHA-256", e);
        }
    }

    /**
     * Whether {@code peer}, the certificate a server presented, is the pinned one.
     *
     * @throws ServerFingerprintMismatchException if it is not (or there is none), naming
     *         {@code host} and {@code port}
     */
    void check(Certificate peer, String host, int port) throws ServerFingerprintMismatchException {
        byte[] got = peer == null ? new byte[0] : digestOf(peer);
        if (!MessageDigest.isEqual(got, digest)) {
            throw new ServerFingerprintMismatchException(digest, got, host, port);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** {@code <Fingerprint sha256=ab12...>}, the digest in hex. asyncio: none */
    @Override
    public String toString() {
        return "<Fingerprint sha256=" + HexFormat.of().formatHex(digest) + ">";
    }
}
