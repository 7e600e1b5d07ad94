package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS over the JDK's SSLEngine, with self-signed certificates made by keytool for the test run. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TlsTest {
    static SSLContext serverCtx;
    static SSLContext strangerCtx;
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        strangerCtx = TestCerts.strangerServer();
        clientCtx = TestCerts.client();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ServerOptions tlsServer(SSLContext ctx) {
        return ServerOptions.defaults().withSsl(ctx);
    }

    @Test
    void aTlsClientAndServerExchangeData() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
            c.writer().write(b("secret\n"));
            assertEquals("secret\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aTlsTransportGivesItsContextCertificateAndCipher() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            StreamPair c = openConnection("localhost", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
            StreamWriter w = c.writer();
            assertSame(clientCtx, w.getExtraInfo("sslcontext"));
            X509Certificate peer = assertInstanceOf(X509Certificate.class, w.getExtraInfo("peercert"));
            assertEquals("CN=localhost", peer.getSubjectX500Principal().getName());
            assertTrue(String.valueOf(w.getExtraInfo("cipher")).startsWith("TLS_"), "" + w.getExtraInfo("cipher"));
            SSLEngine engine = assertInstanceOf(SSLEngine.class, w.getExtraInfo("ssl_object"));
            assertEquals("TLSv1.3", engine.getSession().getProtocol());
            assertNotNull(w.getExtraInfo("peername"), "the transport below answers the other keys");
            assertFalse(w.canWriteEof(), "TLS cannot half-close, as in asyncio");
            assertThrows(UnsupportedOperationException.class, w::writeEof);
            w.close();
            w.waitClosed();
        }
    }

    @Test
    void aLargeTransferOverTlsArrivesIntact() throws Exception {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i ^ (i >>> 9));
        }
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
            io.asyncio4j.Task<byte[]> back = io.asyncio4j.Asyncio.createTask(
                    () -> c.reader().readexactly(data.length));
            c.writer().write(data);
            c.writer().drain();
            assertArrayEquals(data, back.await());
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void closingSendsCloseNotifyAndThePeerSeesTheEndOfTheStream() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            byte[] all = r.read();
            w.write(b("never read: " + all.length));
            w.close();
        }, tlsServer(serverCtx))) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
            c.writer().write(b("last words"));
            c.writer().close();
            c.writer().waitClosed();
            assertTrue(c.writer().isClosing());
        }
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsTheHandshake() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(strangerCtx))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> openConnection("127.0.0.1",
                    server.port(), ConnectOptions.defaults().withSsl(clientCtx)));
            assertTrue(e.getMessage().contains("PKIX") || e.getMessage().contains("certification"), e.getMessage());
        }
    }

    @Test
    void aHostnameTheCertificateDoesNotNameFailsTheHandshake() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> openConnection("127.0.0.1",
                    server.port(), ConnectOptions.defaults().withSsl(clientCtx).withServerHostname("example.com")));
            assertTrue(e.getMessage().contains("example.com"), e.getMessage());
        }
    }

    @Test
    void anEmptyServerHostnameSkipsTheHostnameCheck() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            StreamPair c = openConnection("127.0.0.1", server.port(),
                    ConnectOptions.defaults().withSsl(clientCtx).withServerHostname(""));
            c.writer().write(b("ok\n"));
            assertEquals("ok\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aHandshakeThatTakesTooLongFailsWithATimeout(EventLoop loop) throws Exception {
        // a plain TCP server that never answers the ClientHello
        try (TrackedServer silent = TrackedServer.start((r, w) -> {
            r.read();
            w.close();
        })) {
            long t0 = System.nanoTime();
            TlsHandshakeTimeoutException e = assertThrows(TlsHandshakeTimeoutException.class,
                    () -> openConnection("127.0.0.1", silent.port(), ConnectOptions.defaults().withSsl(clientCtx)
                            .withSslHandshakeTimeout(Duration.ofMillis(200))));
            assertTrue(System.nanoTime() - t0 >= 150_000_000L);
            assertInstanceOf(SSLException.class, e);
            assertTrue(e.getMessage().contains("SSL handshake is taking longer than 0.2 seconds"), e.getMessage());
        }
    }

    @Test
    void aClientSpeakingPlainTcpToATlsServerDoesNotDisturbTheOthers() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, tlsServer(serverCtx))) {
            StreamPair plain = openConnection("127.0.0.1", server.port());
            plain.writer().write(b("GET / HTTP/1.0\r\n\r\n"));
            byte[] answer = plain.reader().read();
            assertFalse(s(answer).contains("GET"), "the server does not echo plaintext");
            StreamPair good = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
            good.writer().write(b("fine\n"));
            assertEquals("fine\n", s(good.reader().readline()));
            plain.writer().close();
            good.writer().close();
            good.writer().waitClosed();
            try {
                plain.writer().waitClosed();
            } catch (java.io.IOException e) {
                // reset by the TLS server: fine
            }
        }
    }

    @Test
    void startTlsUpgradesAnOpenStreamConnection() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            assertEquals("STARTTLS\n", s(r.readline()));
            w.write(b("GO\n"));
            w.startTls(serverCtx);
            NetTesting.echo(r, w);
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write(b("STARTTLS\n"));
            assertEquals("GO\n", s(c.reader().readline()));
            assertNull(c.writer().getExtraInfo("sslcontext"));
            c.writer().startTls(clientCtx, "localhost");
            assertSame(clientCtx, c.writer().getExtraInfo("sslcontext"));
            c.writer().write(b("now encrypted\n"));
            assertEquals("now encrypted\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void startTlsFromAClientWithoutAServerNameIsRefused() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.writer().startTls(clientCtx, null));
            assertTrue(e.getMessage().contains("serverHostname"), e.getMessage());
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aFailedStartTlsRaisesAndClosesTheConnection() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            r.readline();
            w.write(b("GO\n"));
            try {
                w.startTls(strangerCtx);
            } catch (SSLException e) {
                w.close(); // the client refused our certificate
                return;
            }
            NetTesting.echo(r, w);
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write(b("STARTTLS\n"));
            c.reader().readline();
            assertThrows(SSLHandshakeException.class, () -> c.writer().startTls(clientCtx, "localhost"));
            assertTrue(c.writer().isClosing());
            try {
                c.writer().waitClosed();
            } catch (java.io.IOException e) {
                // the handshake error
            }
        }
    }

    @Test
    void aProtocolOverTlsHearsTheUsualCallsAndCanPauseReading(EventLoop loop) throws Exception {
        java.util.List<io.asyncio4j.net.Recorder> accepted = new java.util.ArrayList<>();
        Server server = loop.createServer(() -> {
            io.asyncio4j.net.Recorder r = new io.asyncio4j.net.Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0, tlsServer(serverCtx));
        TransportPair<Transport, io.asyncio4j.net.Recorder> c = loop.createConnection(io.asyncio4j.net.Recorder::new,
                "127.0.0.1", NetTesting.port(server), ConnectOptions.defaults().withSsl(clientCtx));
        while (accepted.isEmpty() || !accepted.get(0).made.isDone()) {
            io.asyncio4j.Asyncio.sleep(0.001);
        }
        io.asyncio4j.net.Recorder s = accepted.get(0);
        s.transport.pauseReading();
        assertFalse(s.transport.isReading());
        c.transport().write(b("held back"));
        io.asyncio4j.Asyncio.sleep(0.05);
        assertEquals(0, s.received.size(), "paused: nothing delivered");
        s.transport.resumeReading();
        assertEquals("held back", s(s.awaitBytes(9)));
        c.transport().close();
        s.lost.await();
        c.protocol().lost.await();
        assertEquals(java.util.List.of("made", "data", "eof", "lost"), s.events);
        server.close();
        server.waitClosed();
    }

    @Test
    void aBufferedProtocolOverTlsReceivesIntoItsOwnBuffer(EventLoop loop) throws Exception {
        java.nio.ByteBuffer mine = java.nio.ByteBuffer.allocate(8); // smaller than a record: filled in turns
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        io.asyncio4j.Future<Void> done = loop.createFuture();
        Server server = loop.createServer(() -> new BufferedProtocol() {
            @Override
            public java.nio.ByteBuffer getBuffer(int sizeHint) {
                mine.clear();
                return mine;
            }

            @Override
            public void bufferUpdated(int nbytes) {
                got.write(mine.array(), 0, nbytes);
                if (got.size() >= 20 && !done.isDone()) {
                    done.setResult(null);
                }
            }
        }, "127.0.0.1", 0, tlsServer(serverCtx));
        TransportPair<Transport, io.asyncio4j.net.Recorder> c = loop.createConnection(io.asyncio4j.net.Recorder::new,
                "127.0.0.1", NetTesting.port(server), ConnectOptions.defaults().withSsl(clientCtx));
        c.transport().write(b("01234567890123456789"));
        done.await();
        assertEquals("01234567890123456789", got.toString(StandardCharsets.UTF_8));
        c.transport().close();
        c.protocol().lost.await();
        server.abortClients();
        server.close();
        server.waitClosed();
    }

    @Test
    void loopStartTlsUpgradesAProtocolsTransport(EventLoop loop) throws Exception {
        java.util.List<io.asyncio4j.net.Recorder> accepted = new java.util.ArrayList<>();
        Server server = loop.createServer(() -> {
            io.asyncio4j.net.Recorder r = new io.asyncio4j.net.Recorder();
            accepted.add(r);
            return r;
        }, "127.0.0.1", 0);
        TransportPair<Transport, io.asyncio4j.net.Recorder> c = loop.createConnection(io.asyncio4j.net.Recorder::new,
                "127.0.0.1", NetTesting.port(server));
        while (accepted.isEmpty() || !accepted.get(0).made.isDone()) {
            io.asyncio4j.Asyncio.sleep(0.001);
        }
        io.asyncio4j.net.Recorder s = accepted.get(0);
        io.asyncio4j.Task<Transport> serverSide = io.asyncio4j.Asyncio.createTask(
                () -> loop.startTls(s.transport, s, serverCtx, true, null));
        Transport tls = loop.startTls(c.transport(), c.protocol(), clientCtx, false, "localhost");
        Transport serverTls = serverSide.await();
        assertSame(clientCtx, tls.getExtraInfo("sslcontext"));
        assertSame(serverCtx, serverTls.getExtraInfo("sslcontext"));
        tls.write(b("over tls"));
        assertEquals("over tls", s(s.awaitBytes(8)));
        tls.close();
        c.protocol().lost.await();
        s.lost.await();
        server.close();
        server.waitClosed();
    }

    @Test
    void sendfileOverTlsReadsAndWritesTheFile(EventLoop loop) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("asyncio4j-tls-sendfile", ".bin");
        try {
            byte[] content = new byte[600 * 1024];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (i % 251);
            }
            java.nio.file.Files.write(file, content);
            try (TrackedServer server = TrackedServer.start((r, w) -> {
                byte[] all = r.readexactly(content.length);
                w.write(b(all.length + " " + java.util.Arrays.hashCode(all)));
                w.close();
            }, tlsServer(serverCtx)); java.nio.channels.FileChannel fc = java.nio.channels.FileChannel.open(file)) {
                StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx));
                assertEquals(content.length, loop.sendfile(c.writer().transport(), fc, 0, 0));
                assertEquals(content.length + " " + java.util.Arrays.hashCode(content), s(c.reader().read()));
                c.writer().close();
                c.writer().waitClosed();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
