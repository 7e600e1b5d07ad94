package io.asyncio4j.streams;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.net.TestCerts;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS failures against CPython 3.13 (/tmp/streamdiff2/a5_tls.py). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class TlsFailureDiffTest {
    static SSLContext serverCtx;
    static SSLContext clientCtx;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        clientCtx = TestCerts.client();
    }

    @Test
    void startTlsOnAClosingConnectionRaisesConnectionLost() throws Exception {
        // 3.13: writer.close(); await writer.start_tls(ctx): ConnectionResetError: Connection lost
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().close();
            ConnectionResetException e = assertThrows(ConnectionResetException.class,
                    () -> c.writer().startTls(clientCtx, "localhost"));
            assertTrue(e.getMessage().startsWith("Connection lost"), e.getMessage());
            c.writer().waitClosed();
        }
    }

    @Test
    void aTlsServerAnswersAPlainTextClientOnlyWithAnAlertThenCloses() throws Exception {
        // 3.13: a plain client writing "GET / HTTP/1.0" to an ssl server reads b'' (asyncio drops
        // OpenSSL's alert: sslproto does not flush after a failed handshake). Here the engine's
        // alert record (content type 21) goes out first, so a TLS peer learns why; then the end.
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(serverCtx))) {
            StreamPair plain = openConnection("127.0.0.1", server.port());
            plain.writer().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] got;
            try {
                got = plain.reader().read();
            } catch (java.io.IOException reset) {
                got = new byte[0];
            }
            assertTrue(got.length == 0 || got[0] == 21, "not a TLS alert: " + got.length + " bytes");
            plain.writer().close();
            try {
                plain.writer().waitClosed();
            } catch (java.io.IOException e) {
                // reset by the TLS server
            }
        }
    }

    @Test
    void bytesTheReaderHoldsBeforeStartTlsStayReadableAfterIt() throws Exception {
        // 3.13: the server answers "OK\n" and starts TLS; the client lets "OK\n" sit in its reader,
        // then start_tls() succeeds and readline() still returns b'OK\n'
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            r.readline();
            w.write("OK\n".getBytes(StandardCharsets.US_ASCII));
            w.drain();
            w.startTls(serverCtx);
            NetTesting.echo(r, w);
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
            io.asyncio4j.Asyncio.sleep(0.05); // "OK\n" arrives and waits in the reader's buffer
            c.writer().startTls(clientCtx, "localhost");
            assertEquals("OK\n", new String(c.reader().readline(), StandardCharsets.US_ASCII));
            c.writer().write("secret\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("secret\n", new String(c.reader().readline(), StandardCharsets.US_ASCII));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void startTlsOverATlsConnectionNestsASecondSessionAsAsyncioDoes() throws Exception {
        // 3.13: _SSLProtocolTransport is start_tls-compatible: loop.start_tls() on a TLS transport is
        // not refused; it begins a TLS session inside the first one
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            r.readline();
            w.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            w.drain();
            w.startTls(serverCtx);
            NetTesting.echo(r, w);
        }, ServerOptions.defaults().withSsl(serverCtx))) {
            StreamPair c = openConnection("127.0.0.1", server.port(), ConnectOptions.defaults().withSsl(clientCtx)
                    .withServerHostname("localhost"));
            c.writer().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("GO\n", new String(c.reader().readline(), StandardCharsets.US_ASCII));
            c.writer().startTls(clientCtx, "localhost");
            c.writer().write("inner\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("inner\n", new String(c.reader().readline(), StandardCharsets.US_ASCII));
            c.writer().close();
            c.writer().waitClosed();
        }
    }
}
