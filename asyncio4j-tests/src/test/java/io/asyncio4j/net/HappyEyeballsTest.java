package io.asyncio4j.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroupException;
import io.asyncio4j.Task;
import io.asyncio4j.streams.ConnectOptions;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Transport;
import io.asyncio4j.streams.TransportPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.net.LoopbackHosts.V4;
import static io.asyncio4j.net.LoopbackHosts.V4B;
import static io.asyncio4j.net.LoopbackHosts.V4C;
import static io.asyncio4j.net.LoopbackHosts.V6;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code createConnection} with several addresses for one host: Happy Eyeballs (RFC 8305,
 * asyncio's {@code happy_eyeballs_delay=}) and address interleaving ({@code interleave=}).
 * <p>
 * A host's addresses come from {@link TestNames}. An address that "hangs" is a loopback listener
 * whose accept queue is full: the kernel drops further SYNs, so a connect to it stays pending, as
 * one to an unreachable IPv6 route would. An address that answers is a listener that never
 * accepts: the kernel completes the handshake by itself.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class HappyEyeballsTest {
    private final LoopbackHosts hosts = new LoopbackHosts("happy-eyeballs");

    @AfterEach
    void closeEverything() throws Exception {
        hosts.close();
    }

    private String host(InetAddress... addrs) {
        return hosts.host(addrs);
    }

    @Test
    void aHostWhoseFirstAddressHangsIsReachedThroughTheNextAfterTheDelay(EventLoop loop) throws Exception {
        int port = hosts.hangingThenAnswering(V4, V6);
        String host = host(V4, V6);
        var c = waitFor(() -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(50))), 10.0);
        assertEquals(V6, LoopbackHosts.peer(c).getAddress());
        c.transport().close();
    }

    @Test
    void withoutHappyEyeballsTheNextAddressWaitsForTheFirstToFail(EventLoop loop) throws Exception {
        int port = hosts.hangingThenAnswering(V4, V6);
        String host = host(V4, V6);
        Task<?> connecting = createTask(() -> LoopbackHosts.connect(loop, host, port, ConnectOptions.defaults()));
        sleep(0.3);
        assertFalse(connecting.isDone(), "still on the first address");
        connecting.cancel();
        assertThrows(CancelledError.class, connecting::await);
    }

    @Test
    void aFailedAttemptStartsTheNextWithoutWaitingForTheDelay(EventLoop loop) throws Exception {
        int port = hosts.answeringPort(V6); // nothing listens on 127.0.0.1 at this port: refused at once
        String host = host(V4, V6);
        // a 60 s delay would outlast the 10 s bound: only the refusal can start the second attempt
        var c = waitFor(() -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofSeconds(60))), 10.0);
        assertEquals(V6, LoopbackHosts.peer(c).getAddress());
        c.transport().close();
    }

    @Test
    void theLosingAttemptsSocketIsClosedWhenTheWinnerConnects(EventLoop loop) throws Exception {
        int port = hosts.hangingThenAnswering(V4, V6);
        String host = host(V4, V6);
        long before = FaultTest.openFds();
        var c = LoopbackHosts.connect(loop, host, port, ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(20)));
        assertEquals(before + 1, FaultTest.openFds(), "only the winner's socket is open");
        c.transport().close();
        sleep(0.01);
        assertEquals(before, FaultTest.openFds());
    }

    @Test
    void cancellingTheRaceClosesEveryAttemptsSocket(EventLoop loop) throws Exception {
        int port = hosts.hangingPort(V4, V4B);
        String host = host(V4, V4B);
        long before = FaultTest.openFds();
        Task<?> connecting = createTask(() -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(20))));
        sleep(0.2);
        assertFalse(connecting.isDone(), "both addresses hang");
        assertEquals(before + 2, FaultTest.openFds(), "two attempts under way");
        connecting.cancel();
        assertThrows(CancelledError.class, connecting::await);
        sleep(0.01);
        assertEquals(before, FaultTest.openFds());
    }

    @Test
    void whenEveryAttemptFailsTheErrorNamesEachInTheOrderTried(EventLoop loop) throws Exception {
        int port = LoopbackHosts.refusedPort();
        String host = host(V4, V4B, V6);
        ConnectException e = assertThrows(ConnectException.class, () -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(10))));
        String m = e.getMessage();
        assertTrue(m.startsWith("Multiple exceptions: "), m);
        // interleaved (the default with Happy Eyeballs): 127.0.0.1, ::1, 127.0.0.2
        int a = m.indexOf("('127.0.0.1', "), b = m.indexOf("('::1', "), c = m.indexOf("('127.0.0.2', ");
        assertTrue(a >= 0 && a < b && b < c, m);
        assertEquals(3, e.getSuppressed().length);
    }

    @Test
    void interleaveTakesItsCountOfTheFirstFamilyFirst(EventLoop loop) throws Exception {
        int port = LoopbackHosts.refusedPort();
        String host = host(V4, V4B, V4C, V6);
        ConnectException e = assertThrows(ConnectException.class, () -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withInterleave(2)));
        String m = e.getMessage();
        // 127.0.0.1, 127.0.0.2, then ::1, then 127.0.0.3
        int a = m.indexOf("('127.0.0.1', "), b = m.indexOf("('127.0.0.2', "), c = m.indexOf("('::1', "),
                d = m.indexOf("('127.0.0.3', ");
        assertTrue(a >= 0 && a < b && b < c && c < d, m);
    }

    @Test
    void withoutInterleaveTheResolversOrderIsKept(EventLoop loop) throws Exception {
        int port = LoopbackHosts.refusedPort();
        String host = host(V4, V4B, V6);
        ConnectException e = assertThrows(ConnectException.class, () -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults()));
        String m = e.getMessage();
        int a = m.indexOf("('127.0.0.1', "), b = m.indexOf("('127.0.0.2', "), c = m.indexOf("('::1', ");
        assertTrue(a >= 0 && a < b && b < c, m);
    }

    @Test
    void allErrorsRaisesEveryAttemptsErrorAsOneGroup(EventLoop loop) throws Exception {
        int port = LoopbackHosts.refusedPort();
        String host = host(V4, V4B);
        ExceptionGroupException g = assertThrows(ExceptionGroupException.class, () -> LoopbackHosts.connect(loop, host, port,
                ConnectOptions.defaults().withAllErrors(true)));
        assertEquals("create_connection failed (2 sub-exceptions)", g.getMessage());
        assertEquals(2, g.exceptions().size());
        assertTrue(g.exceptions().get(0) instanceof ConnectException);
        assertTrue(g.exceptions().get(0).getMessage().contains("('127.0.0.1', "), g.exceptions().get(0).getMessage());
        assertTrue(g.exceptions().get(1).getMessage().contains("('127.0.0.2', "), g.exceptions().get(1).getMessage());
    }

    @Test
    void aNegativeDelayOrInterleaveIsRefused() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(-1)));
        assertTrue(d.getMessage().contains("happyEyeballsDelay must be >= 0"), d.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.defaults().withInterleave(-1));
        assertTrue(i.getMessage().contains("interleave must be >= 0"), i.getMessage());
    }

    @Test
    void happyEyeballsTurnsInterleavingOnByDefault() {
        assertEquals(0, ConnectOptions.defaults().effectiveInterleave());
        assertEquals(1, ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ZERO).effectiveInterleave());
        assertEquals(0, ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ZERO).withInterleave(0)
                .effectiveInterleave());
    }
}
