package io.asyncio4j.internal.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.SSLException;

/**
 * Reads certificates and private keys from PEM files, as OpenSSL writes them, with the JDK alone
 * (the JDK's own PEM API is still a preview in 25). Private keys: {@code PRIVATE KEY} (PKCS#8:
 * RSA, RSASSA-PSS, EC, Ed25519, Ed448), {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY}
 * (SEC1, named curve), both re-wrapped as PKCS#8 for {@link KeyFactory}, and
 * {@code ENCRYPTED PRIVATE KEY} (PKCS#8 encrypted: PBES2 with AES, as OpenSSL 3 writes it, or
 * PBES1). OpenSSL's legacy encryption of PKCS#1/SEC1 ({@code Proc-Type: 4,ENCRYPTED}) is refused
 * with the command that converts it.
 * <p>
 * Every bad input raises an {@link SSLException} (an {@code IOException}, as Python's
 * {@code ssl.SSLError} is an {@code OSError}) naming the caller, the file and the way out; a
 * missing file raises {@code NoSuchFileException} as it comes.
 * <p>
 * Threading: any thread (reads files: keep it off the loop thread, or accept the short block).
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R?(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private static final String OID_RSA = "1.2.840.113549.1.1.1";
    private static final String OID_EC = "1.2.840.10045.2.1";
    /** PKCS#8 algorithm OID → KeyFactory algorithm: the key types TLS can sign with. */
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            OID_RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            OID_EC, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private static final String KEY_BLOCKS = "BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY "
            + "or BEGIN ENCRYPTED PRIVATE KEY";

    private Pem() {
    }

    /** One {@code -----BEGIN type-----} block: its headers (legacy encryption only) and its DER bytes. */
    private record Block(String type, List<String> headers, byte[] der, int index) {
    }

    /**
     * The certificates of a PEM file, in file order (the other blocks, e.g. a key, are skipped).
     *
     * @param caller names the public call in messages, e.g. {@code "TlsContexts.serverContext()"}
     * @throws SSLException no certificate, or one that is not valid X.509
     */
    public static List<X509Certificate> certificates(Path file, String caller) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new SSLException(caller + ": this JDK has no X.509 CertificateFactory", e);
        }
        for (Block b : blocks(file, caller)) {
            if (!b.type.equals("CERTIFICATE")) {
                continue;
            }
            try {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der)));
            } catch (CertificateException e) {
                throw new SSLException(caller + ": BEGIN CERTIFICATE block #" + b.index + " of " + file
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")", e);
            }
        }
        if (certs.isEmpty()) {
            throw new SSLException(caller + ": no certificate in " + file
                    + " (expected a BEGIN CERTIFICATE block)" + derHint(file, "x509"));
        }
        return certs;
    }

    /**
     * The first private key of a PEM file.
     *
     * @param password for an {@code ENCRYPTED PRIVATE KEY}; ignored for a plain key (as Python does)
     * @throws SSLException no key, an unsupported format, an encrypted key without or with the
     *     wrong password
     */
    public static PrivateKey privateKey(Path file, char[] password, String caller) throws IOException {
        for (Block b : blocks(file, caller)) {
            switch (b.type) {
                case "PRIVATE KEY":
                    return pkcs8(b.der, file, caller);
                case "RSA PRIVATE KEY":
                    refuseLegacyEncryption(b, file, caller);
                    // PKCS#8 PrivateKeyInfo { version 0, { rsaEncryption, NULL }, OCTET STRING pkcs1 }
                    return pkcs8(privateKeyInfo(Der.tlv(0x30, Der.concat(Der.oid(OID_RSA), Der.tlv(0x05))), b.der),
                            file, caller);
                case "EC PRIVATE KEY":
                    refuseLegacyEncryption(b, file, caller);
                    return pkcs8(privateKeyInfo(Der.tlv(0x30, Der.concat(Der.oid(OID_EC), sec1Curve(b, file, caller))),
                            b.der), file, caller);
                case "ENCRYPTED PRIVATE KEY":
                    return pkcs8(decrypt(b.der, password, file, caller), file, caller);
                default:
                    if (b.type.endsWith("PRIVATE KEY")) {
                        throw new SSLException(caller + ": " + file + " holds a BEGIN " + b.type
                                + " block, a format this reader does not take (expected " + KEY_BLOCKS
                                + "); convert it with `openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                                + "`, or `ssh-keygen -p -m PKCS8 -f` for an OpenSSH key");
                    }
            }
        }
        throw new SSLException(caller + ": no private key in " + file + " (expected a " + KEY_BLOCKS + " block)"
                + derHint(file, "pkey"));
    }

    /**
     * Checks that {@code key} is the private half of the certificate's public key, as OpenSSL's
     * {@code SSL_CTX_check_private_key} does (Python: {@code KEY_VALUES_MISMATCH}): the TLS
     * handshake would otherwise fail on every connection with a far vaguer error.
     */
    public static void checkKeyMatches(PrivateKey key, X509Certificate cert, Path keyFile, Path certFile,
                                       String caller) throws SSLException {
        PublicKey pub = cert.getPublicKey();
        boolean match;
        if (key instanceof RSAKey rk) {
            // RSA and RSASSA-PSS: the modulus names the key pair, no signature needed
            match = pub instanceof RSAKey rp && rk.getModulus().equals(rp.getModulus());
        } else if (key instanceof ECPrivateKey) {
            match = pub instanceof ECPublicKey && signsFor("SHA256withECDSA", key, pub);
        } else if (key instanceof EdECPrivateKey ek) {
            match = pub instanceof EdECPublicKey ep && ek.getParams().getName().equals(ep.getParams().getName())
                    && signsFor("EdDSA", key, pub);
        } else {
            match = key.getAlgorithm().equals(pub.getAlgorithm()); // pkcs8() admits no other type today
        }
        if (!match) {
            throw new SSLException(caller + ": the private key in " + keyFile + " (" + key.getAlgorithm()
                    + ") does not match the certificate in " + certFile + " (" + pub.getAlgorithm() + ", "
                    + cert.getSubjectX500Principal().getName() + "): KEY_VALUES_MISMATCH; the key must be the one "
                    + "the first certificate of the file was issued for");
        }
    }

    private static boolean signsFor(String algorithm, PrivateKey key, PublicKey pub) throws SSLException {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // e.g. a P-384 key against a P-256 certificate
        } catch (NoSuchAlgorithmException e) {
            throw new SSLException("this JDK cannot " + algorithm + " to check a key against its certificate", e);
        }
    }

    private static String derHint(Path file, String tool) throws IOException {
        byte[] head = new byte[1];
        try (var in = Files.newInputStream(file)) {
            if (in.read(head) == 1 && head[0] == 0x30) { // a DER SEQUENCE: binary, not PEM
                return "; it looks like DER (binary): convert it with `openssl " + tool + " -inform der -in "
                        + file.getFileName() + " -out " + file.getFileName() + ".pem`";
            }
        }
        return "";
    }

    private static List<Block> blocks(Path file, String caller) throws IOException {
        // ISO-8859-1: any byte is a char, so a binary file still reads (and then has no block)
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int end = 0;
        while (m.find()) {
            String unclosed = firstBegin(text, end, m.start());
            if (unclosed != null) {
                throw unterminated(unclosed, file, caller);
            }
            if (!m.group(1).equals(m.group(3))) {
                throw new SSLException(caller + ": in " + file + ", BEGIN " + m.group(1) + " ends with END "
                        + m.group(3) + "; the file is damaged");
            }
            blocks.add(decode(m.group(1), m.group(2), blocks.size() + 1, file, caller));
            end = m.end();
        }
        String unclosed = firstBegin(text, end, text.length());
        if (unclosed != null) {
            throw unterminated(unclosed, file, caller);
        }
        return blocks;
    }

    private static String firstBegin(String text, int from, int to) {
        Matcher b = BEGIN.matcher(text).region(from, to);
        return b.find() ? b.group(1) : null;
    }

    private static SSLException unterminated(String type, Path file, String caller) {
        return new SSLException(caller + ": in " + file + ", BEGIN " + type + " has no matching END " + type
                + " line; the file is truncated or damaged");
    }

    private static Block decode(String type, String body, int index, Path file, String caller) throws SSLException {
        List<String> headers = new ArrayList<>();
        StringBuilder b64 = new StringBuilder(body.length());
        for (String line : body.split("\\R")) {
            String t = line.strip();
            if (t.indexOf(':') > 0 && b64.isEmpty()) {
                headers.add(t); // RFC 1421 headers, e.g. Proc-Type: 4,ENCRYPTED
            } else {
                b64.append(t);
            }
        }
        try {
            return new Block(type, headers, Base64.getDecoder().decode(b64.toString()), index);
        } catch (IllegalArgumentException e) {
            throw new SSLException(caller + ": the BEGIN " + type + " block #" + index + " of " + file
                    + " is not valid base64 (" + e.getMessage() + "); the file is damaged", e);
        }
    }

    private static void refuseLegacyEncryption(Block b, Path file, String caller) throws SSLException {
        for (String h : b.headers) {
            if (h.replace(" ", "").equalsIgnoreCase("Proc-Type:4,ENCRYPTED")) {
                throw new SSLException(caller + ": the BEGIN " + b.type + " in " + file + " uses OpenSSL's legacy "
                        + "encryption (Proc-Type: 4,ENCRYPTED), which the JDK cannot read; convert it to an "
                        + "ENCRYPTED PRIVATE KEY with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + file.getFileName()
                        + " -out key-pkcs8.pem`");
            }
        }
    }

    /** PKCS#8 PrivateKeyInfo ::= SEQUENCE { version 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING }. */
    private static byte[] privateKeyInfo(byte[] algorithmIdentifier, byte[] privateKey) {
        return Der.tlv(0x30, Der.concat(Der.tlv(0x02, new byte[] {0}), algorithmIdentifier,
                Der.tlv(0x04, privateKey)));
    }

    /**
     * The named curve's OID (DER) of a SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey
     * OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }, which PKCS#8 moves into the
     * AlgorithmIdentifier.
     */
    private static byte[] sec1Curve(Block b, Path file, String caller) throws SSLException {
        try {
            Der.Reader seq = Der.reader(b.der).sequence();
            seq.next(0x02);
            seq.next(0x04);
            while (seq.hasMore()) {
                Der.Value v = seq.next(-1);
                if (v.tag() == 0xA0) {
                    byte[] params = v.content();
                    if (params.length > 0 && params[0] == 0x06) {
                        return params;
                    }
                    throw new SSLException(caller + ": the EC key in " + file + " spells its curve's parameters out "
                            + "instead of naming the curve; rewrite it with `openssl ec -param_enc named_curve -in "
                            + file.getFileName() + "`");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SSLException(caller + ": the BEGIN EC PRIVATE KEY block of " + file
                    + " is not a SEC1 EC key (" + e.getMessage() + ")", e);
        }
        throw new SSLException(caller + ": the EC key in " + file + " does not name its curve; write it as PKCS#8 "
                + "with `openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + "`");
    }

    private static PrivateKey pkcs8(byte[] der, Path file, String caller) throws SSLException {
        String oid;
        try {
            Der.Reader seq = Der.reader(der).sequence();
            seq.next(0x02);
            oid = Der.oidString(Der.reader(seq.next(0x30).content()).next(0x06).content());
        } catch (IllegalArgumentException e) {
            throw new SSLException(caller + ": the private key in " + file + " is not a valid PKCS#8 key ("
                    + e.getMessage() + ")", e);
        }
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new SSLException(caller + ": the private key in " + file + " has algorithm OID " + oid
                    + ", not one of RSA, RSASSA-PSS, EC, Ed25519, Ed448 (the key types TLS signs with)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new SSLException(caller + ": the " + algorithm + " private key in " + file + " does not load ("
                    + e.getMessage() + ")", e);
        }
    }

    private static byte[] decrypt(byte[] der, char[] password, Path file, String caller) throws SSLException {
        if (password == null) {
            throw new SSLException(caller + ": the private key in " + file
                    + " is encrypted (BEGIN ENCRYPTED PRIVATE KEY): pass its password");
        }
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (IOException e) {
            // damaged, or a scheme the JDK does not parse (scrypt: openssl pkcs8 -scrypt)
            throw new SSLException(caller + ": the BEGIN ENCRYPTED PRIVATE KEY block of " + file
                    + " is not an encrypted PKCS#8 key the JDK can read (" + e.getMessage() + "); re-encrypt it "
                    + "with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + file.getFileName() + "`", e);
        }
        // for PBES2 the JDK names the whole scheme, e.g. PBEWithHmacSHA256AndAES_256, which is
        // both the SecretKeyFactory's and the Cipher's name
        String scheme = info.getAlgName();
        Cipher cipher;
        PBEKeySpec spec = new PBEKeySpec(password);
        try {
            cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme).generateSecret(spec),
                    info.getAlgParameters());
        } catch (GeneralSecurityException e) {
            throw new SSLException(caller + ": the private key in " + file + " is encrypted with " + scheme
                    + ", which this JDK cannot decrypt (" + e.getMessage() + "); re-encrypt it with "
                    + "`openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + file.getFileName() + "`", e);
        } finally {
            spec.clearPassword();
        }
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            // a wrong password decrypts to noise: bad padding, or (1 time in 256) bytes that are no PKCS#8
            throw new SSLException(caller + ": wrong password for the encrypted private key in " + file
                    + " (or the key is damaged)", e);
        }
    }

    /** Just enough DER to read PKCS#8/SEC1 headers and to wrap PKCS#1/SEC1 keys into PKCS#8. */
    static final class Der {
        private Der() {
        }

        record Value(int tag, byte[] content) {
        }

        static final class Reader {
            private final byte[] buf;
            private int pos;
            private final int end;

            Reader(byte[] buf, int pos, int end) {
                this.buf = buf;
                this.pos = pos;
                this.end = end;
            }

            boolean hasMore() {
                return pos < end;
            }

            /** The next value; {@code tag} -1 takes any tag. */
            Value next(int tag) {
                if (pos + 2 > end) {
                    throw new IllegalArgumentException("DER ends early");
                }
                int t = buf[pos++] & 0xFF;
                if (tag >= 0 && t != tag) {
                    throw new IllegalArgumentException(String.format("DER tag 0x%02x where 0x%02x was expected",
                            t, tag));
                }
                int len = buf[pos++] & 0xFF;
                if (len > 0x80) {
                    int n = len - 0x80;
                    if (n > 3 || pos + n > end) {
                        throw new IllegalArgumentException("DER length out of range");
                    }
                    len = 0;
                    for (int i = 0; i < n; i++) {
                        len = (len << 8) | (buf[pos++] & 0xFF);
                    }
                } else if (len == 0x80) {
                    throw new IllegalArgumentException("indefinite DER length");
                }
                if (len > end - pos) {
                    throw new IllegalArgumentException("DER value runs past its end");
                }
                byte[] content = java.util.Arrays.copyOfRange(buf, pos, pos + len);
                pos += len;
                return new Value(t, content);
            }

            /** A reader over the content of the next SEQUENCE. */
            Reader sequence() {
                byte[] c = next(0x30).content();
                return new Reader(c, 0, c.length);
            }
        }

        static Reader reader(byte[] der) {
            return new Reader(der, 0, der.length);
        }

        static byte[] tlv(int tag, byte[]... content) {
            byte[] c = concat(content);
            ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 6);
            out.write(tag);
            if (c.length < 0x80) {
                out.write(c.length);
            } else {
                int n = c.length < 0x100 ? 1 : c.length < 0x10000 ? 2 : 3;
                out.write(0x80 | n);
                for (int i = n - 1; i >= 0; i--) {
                    out.write(c.length >>> (8 * i));
                }
            }
            out.writeBytes(c);
            return out.toByteArray();
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }

        /** An OBJECT IDENTIFIER, tag and all, from its dotted form. */
        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                long arc = Long.parseLong(arcs[i]);
                int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
                }
            }
            return tlv(0x06, out.toByteArray());
        }

        /** The dotted form of an OBJECT IDENTIFIER's content. */
        static String oidString(byte[] c) {
            if (c.length == 0) {
                throw new IllegalArgumentException("empty OBJECT IDENTIFIER");
            }
            int first = c[0] & 0xFF; // only the first byte: every OID here has a first arc below 3
            StringBuilder s = new StringBuilder().append(Math.min(first / 40, 2)).append('.')
                    .append(first - 40 * Math.min(first / 40, 2));
            long arc = 0;
            for (int i = 1; i < c.length; i++) {
                arc = (arc << 7) | (c[i] & 0x7F);
                if ((c[i] & 0x80) == 0) {
                    s.append('.').append(arc);
                    arc = 0;
                }
            }
            return s.toString();
        }
    }
}
