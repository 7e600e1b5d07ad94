package io.asyncio4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time with the running JDK's {@code keytool} (EC P-256,
 * valid three days): "localhost" (SAN dns:localhost, ip:127.0.0.1) and "stranger" (a second
 * certificate nobody trusts). Call from {@code @BeforeAll} (it runs keytool, a blocking process),
 * never from a task. Each JVM makes its own, in a temporary folder removed at exit.
 */
public final class TestCerts {
    private static final char[] PASS = "changeit".toCharArray();
    private static Path dir;

    private TestCerts() {
    }

    private static Path keystore(String name, String san) throws IOException, InterruptedException {
        Path ks = dir().resolve(name + ".p12");
        synchronized (name.intern()) {
            if (Files.exists(ks)) {
                return ks;
            }
            return generate(ks, name, san);
        }
    }

    private static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("asyncio4j-certs");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(d)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // temp folder: the system cleans it eventually
                }
            }));
        }
        return dir;
    }

    private static Path generate(Path ks, String name, String san) throws IOException, InterruptedException {
        Path tmp = ks.resolveSibling(name + ".tmp.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "3",
                "-J-XX:TieredStopAtLevel=1", "-keystore", tmp.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASS),
                "-keypass", new String(PASS), "-noprompt")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        Files.move(tmp, ks);
        return ks;
    }

    private static KeyStore load(Path ks) throws Exception {
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            k.load(in, PASS);
        }
        return k;
    }

    private static SSLContext serverContext(String name, String san) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keystore(name, san)), PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** Makes both certificates at once (two keytool processes side by side). */
    public static void prepare() throws Exception {
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                keystore("stranger", "dns:localhost,ip:127.0.0.1");
            } catch (Exception e) {
                // strangerServer() will try again and report it
            }
        });
        keystore("localhost", "dns:localhost,ip:127.0.0.1");
        other.join();
    }

    /** A server context with the "localhost" certificate. */
    public static SSLContext server() throws Exception {
        return serverContext("localhost", "dns:localhost,ip:127.0.0.1");
    }

    /** A server context with a certificate that {@link #client()} does not trust. */
    public static SSLContext strangerServer() throws Exception {
        return serverContext("stranger", "dns:localhost,ip:127.0.0.1");
    }

    /** The "localhost" certificate {@link #server()} presents. */
    public static Certificate serverCertificate() throws Exception {
        return load(keystore("localhost", "dns:localhost,ip:127.0.0.1")).getCertificate("localhost");
    }

    /** The certificate {@link #strangerServer()} presents. */
    public static Certificate strangerCertificate() throws Exception {
        return load(keystore("stranger", "dns:localhost,ip:127.0.0.1")).getCertificate("stranger");
    }

    /** A client context that trusts the "localhost" certificate (and nothing else). */
    public static SSLContext client() throws Exception {
        KeyStore server = load(keystore("localhost", "dns:localhost,ip:127.0.0.1"));
        Certificate cert = server.getCertificate("localhost");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
