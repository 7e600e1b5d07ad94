package io.asyncio4j.streams;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asyncio4j.Asyncio.openUnixConnection;
import static io.asyncio4j.Asyncio.startUnixServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams over Unix-domain sockets. */
@ExtendWith(AsyncioExtension.class)
@RealClock
class UnixSocketTest {

    private static Path socketPath() throws Exception {
        Path dir = Files.createTempDirectory("aio-unix");
        dir.toFile().deleteOnExit();
        return dir.resolve("s.sock");
    }

    @Test
    void aUnixStreamServerEchoesAndRemovesItsSocketFileWhenClosed() throws Exception {
        Path path = socketPath();
        Server server = startUnixServer(NetTesting::echo, path);
        assertTrue(Files.exists(path));
        StreamPair c = openUnixConnection(path);
        c.writer().write("over unix\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("over unix\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
        assertEquals(null, c.writer().getExtraInfo("nothing"));
        c.writer().close();
        c.writer().waitClosed();
        server.close();
        server.waitClosed();
        assertFalse(Files.exists(path), "the socket file is removed on close (asyncio 3.13 cleanup_socket)");
        io.asyncio4j.Asyncio.sleep(0.01);
        Files.deleteIfExists(path.getParent());
    }

    @Test
    void withoutCleanupSocketTheSocketFileOutlivesTheServer() throws Exception {
        Path path = socketPath();
        Server server = startUnixServer(NetTesting::echo, path, ServerOptions.defaults().withCleanupSocket(false));
        server.close();
        server.waitClosed();
        assertTrue(Files.exists(path), "cleanup_socket=False leaves the file");
        Files.delete(path);
        Files.deleteIfExists(path.getParent());
    }

    @Test
    void aLeftoverSocketFileIsReplaced() throws Exception {
        Path path = socketPath();
        Server first = startUnixServer(NetTesting::echo, path);
        // simulate a crash: the file stays behind while nobody listens
        first.sockets().get(0).close();
        assertTrue(Files.exists(path));
        Server second = startUnixServer(NetTesting::echo, path);
        StreamPair c = openUnixConnection(path);
        c.writer().write("x\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("x\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
        c.writer().close();
        c.writer().waitClosed();
        first.close();
        second.close();
        second.waitClosed();
        io.asyncio4j.Asyncio.sleep(0.01);
        Files.deleteIfExists(path);
        Files.deleteIfExists(path.getParent());
    }

    @Test
    void connectingToAPathThatDoesNotExistRaisesFileNotFound() throws Exception {
        // CPython 3.13: FileNotFoundError: [Errno 2] No such file or directory (the path added as
        // Python names a file; /tmp/streamdiff2/a2c_unix.py)
        Path path = socketPath();
        java.io.FileNotFoundException e = assertThrows(java.io.FileNotFoundException.class,
                () -> openUnixConnection(path));
        assertEquals("[Errno 2] No such file or directory: '" + path + "'", e.getMessage());
        Files.deleteIfExists(path.getParent());
    }

    @Test
    void connectingToASocketFileNobodyListensOnIsRefused() throws Exception {
        // CPython 3.13: ConnectionRefusedError: [Errno 111] Connection refused (open_unix_connection
        // and sock_connect alike; /tmp/streamdiff2/a2c_unix.py)
        Path path = socketPath();
        try (java.nio.channels.ServerSocketChannel dead = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            dead.bind(java.net.UnixDomainSocketAddress.of(path));
        }
        java.net.ConnectException e = assertThrows(java.net.ConnectException.class, () -> openUnixConnection(path));
        assertEquals("[Errno 111] Connection refused: '" + path + "'", e.getMessage());
        Files.deleteIfExists(path);
        Files.deleteIfExists(path.getParent());
    }
}
