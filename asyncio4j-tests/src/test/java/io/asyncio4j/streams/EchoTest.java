package io.asyncio4j.streams;

import io.asyncio4j.net.NetTesting;
import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(AsyncioExtension.class)
@RealClock
class EchoTest {

    @Test
    void aStreamServerEchoesWhatAClientWrites() throws Exception {
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("hello\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @Test
    void aMegabyteComesBackIntact() throws Exception {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        try (TrackedServer server = TrackedServer.start(NetTesting::echo)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            c.writer().write(data);
            c.writer().writeEof();
            byte[] back = c.reader().read();
            assertArrayEquals(data, back);
            c.writer().close();
            c.writer().waitClosed();
        }
    }
}
