package io.asyncio4j.streams;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamWriter over a real connection: write, writelines, writeEof, drain, close, waitClosed. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class StreamWriterTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writeAndWritelinesArriveInOrder() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write(b("one "));
            c.writer().write(ByteBuffer.wrap(b("two ")));
            c.writer().writelines(List.of(b("three "), b("four\n")));
            c.writer().drain();
            assertEquals("one two three four\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void writeEofLetsThePeerSeeTheEndWhileWeKeepReading() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            byte[] all = r.read();
            w.write(("got " + all.length).getBytes(StandardCharsets.UTF_8));
            w.close();
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            assertTrue(c.writer().canWriteEof());
            c.writer().write(new byte[1000]);
            c.writer().writeEof();
            assertEquals("got 1000", s(c.reader().read()));
            assertTrue(c.reader().atEof());
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void closeMakesTheWriterClosingAndWaitClosedReturnsOnceItIs() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            assertFalse(c.writer().isClosing());
            c.writer().close();
            assertTrue(c.writer().isClosing());
            c.writer().waitClosed();
            assertTrue(c.reader().atEof() || c.reader().read(10).length == 0);
        }
    }

    @Test
    void theWriterGivesTheTransportsExtraInfo() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            assertEquals(server.port(), ((InetSocketAddress) c.writer().getExtraInfo("peername")).getPort());
            assertEquals("none", c.writer().getExtraInfo("no such info", "none"));
            assertEquals(c.writer().getExtraInfo("peername"), c.writer().getExtraInfo("peername", "none"));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void drainAfterTheConnectionIsLostRaisesConnectionReset() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> w.transport().abort())) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            assertEquals(0, c.reader().read(10).length, "the server went away");
            c.writer().close();
            assertThrows(ConnectionResetException.class, () -> c.writer().drain());
            c.writer().waitClosed();
        }
    }

    @Test
    void writesAfterCloseAreDroppedAndDrainSaysTheConnectionIsGone() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().close();
            for (int i = 0; i < 7; i++) {
                c.writer().write(b("dropped")); // asyncio drops these; from the fifth on it logs a warning
            }
            assertEquals(0, c.writer().transport().getWriteBufferSize());
            ConnectionResetException e = assertThrows(ConnectionResetException.class, () -> c.writer().drain());
            assertEquals("Connection lost", e.getMessage());
            c.writer().waitClosed();
        }
    }

    @Test
    void waitClosedRaisesTheErrorThatEndedTheConnection() throws Exception {
        try (TrackedServer server = TrackedServer.start((r, w) -> {
            ((java.nio.channels.SocketChannel) w.getExtraInfo("socket"))
                    .setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
            w.transport().abort(); // closing with linger 0 resets the connection
        })) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            sleep(0.05);
            assertThrows(ConnectionResetException.class, () -> c.reader().read(10));
            assertThrows(ConnectionResetException.class, () -> c.writer().waitClosed());
        }
    }
}
