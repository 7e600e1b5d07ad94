package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.waitFor;
import static io.asyncio4j.net.LoopbackHosts.V4;
import static io.asyncio4j.net.LoopbackHosts.V4B;
import static io.asyncio4j.net.LoopbackHosts.V6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code createConnection} to addresses the caller looked up already
 * ({@link ConnectOptions#withResolvedAddresses}, what the HTTP client's DNS cache gives it): no
 * lookup of the host, the addresses tried in the order given (or raced), the host still naming the
 * server for TLS. The host names used here are refused by {@link TestNames}: a connect that looked
 * them up would fail.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ResolvedAddressesTest {
    private static SSLContext serverCtx;
    private static SSLContext clientCtx;
    private final LoopbackHosts hosts = new LoopbackHosts("resolved");
    private final List<String> refused = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCerts.prepare();
        serverCtx = TestCerts.server();
        clientCtx = TestCerts.client();
    }

    @AfterEach
    void closeEverything() throws Exception {
        hosts.close();
        refused.forEach(TestNames::forget);
    }

    /** A name whose lookup fails. */
    private String unresolvable(String label) {
        String name = label + ".resolved.asyncio4j.test";
        TestNames.refuse(name);
        refused.add(name);
        return name;
    }

    @Test
    void theGivenAddressesAreConnectedToWithoutLookingTheHostUp(EventLoop loop) throws Exception {
        int port = hosts.answeringPort(V4B);
        String host = unresolvable("no-lookup");
        var c = LoopbackHosts.connect(loop, host, port, ConnectOptions.defaults().withResolvedAddresses(List.of(V4B)));
        assertEquals(V4B, LoopbackHosts.peer(c).getAddress());
        assertEquals(0, TestNames.lookups(host), "the host was never looked up");
        c.transport().close();
    }

    @Test
    void theGivenAddressesAreTriedInTheirOrder(EventLoop loop) throws Exception {
        int port = LoopbackHosts.refusedPort();
        String host = unresolvable("order");
        ConnectException e = assertThrows(ConnectException.class, () -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withResolvedAddresses(List.of(V4B, V4))));
        String m = e.getMessage();
        int b = m.indexOf("('127.0.0.2', "), a = m.indexOf("('127.0.0.1', ");
        assertTrue(b >= 0 && b < a, m);
    }

    @Test
    void happyEyeballsRacesTheGivenAddresses(EventLoop loop) throws Exception {
        int port = hosts.hangingThenAnswering(V4, V6);
        String host = unresolvable("race");
        var c = waitFor(() -> LoopbackHosts.connect(loop, host, port, ConnectOptions.defaults()
                .withHappyEyeballsDelay(Duration.ofMillis(50)).withResolvedAddresses(List.of(V4, V6))), 10.0);
        assertEquals(V6, LoopbackHosts.peer(c).getAddress());
        c.transport().close();
    }

    @Test
    void theHostStillNamesTheServerForTheCertificateCheck() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(serverCtx))) {
            // "localhost" is what the certificate names; the address is where the server listens
            StreamPair c = openConnection("localhost", server.port(), ConnectOptions.defaults().withSsl(clientCtx)
                    .withResolvedAddresses(List.of(V4)));
            c.writer().write("hi\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("hi\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aHostTheCertificateDoesNotNameFailsTheHandshakeOverTheGivenAddress() throws Exception {
        String host = unresolvable("stranger-name");
        try (TrackedServer server = TrackedServer.start(NetTesting::echo, ServerOptions.defaults().withSsl(serverCtx))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> openConnection(host,
                    server.port(), ConnectOptions.defaults().withSsl(clientCtx).withResolvedAddresses(List.of(V4))));
            assertTrue(e.getMessage().contains(host), e.getMessage());
        }
    }

    @Test
    void anEmptyListOfAddressesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.defaults().withResolvedAddresses(List.of()));
        assertTrue(e.getMessage().contains("resolvedAddresses is empty"), e.getMessage());
    }

    @Test
    void theListIsCopied() {
        List<InetAddress> mine = new ArrayList<>(List.of(V4));
        ConnectOptions o = ConnectOptions.defaults().withResolvedAddresses(mine);
        mine.add(V6);
        assertEquals(List.of(V4), o.resolvedAddresses());
    }

    @Test
    void aUnixConnectRefusesResolvedAddresses(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createUnixConnection(
                () -> new Protocol() { }, Path.of("/nonexistent/sock"),
                ConnectOptions.defaults().withResolvedAddresses(List.of(V4))));
        assertTrue(e.getMessage().contains("resolvedAddresses"), e.getMessage());
    }

    @Test
    void aConnectedSocketRefusesResolvedAddresses(EventLoop loop) throws Exception {
        int port = hosts.answeringPort(V4);
        try (SocketChannel s = SocketChannel.open(new InetSocketAddress(V4, port))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.createConnection(
                    () -> new Protocol() { }, s, ConnectOptions.defaults().withResolvedAddresses(List.of(V4))));
            assertTrue(e.getMessage().contains("resolvedAddresses"), e.getMessage());
        }
    }
}
