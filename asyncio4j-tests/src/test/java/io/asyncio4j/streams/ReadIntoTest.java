package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StreamReader#readInto} (the allocation-free read) and the in-place receives behind it: a
 * reader waiting in {@code readInto} lends its array, and a transport fills it directly; a reader
 * waiting in {@code read(n)} may be handed a whole new array received for it.
 */
@ExtendWith(AsyncioExtension.class)
class ReadIntoTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] a, int off, int n) {
        return new String(a, off, n, StandardCharsets.ISO_8859_1);
    }

    /** What a transport receiving in place does: write into the array the protocol hands out. */
    private static void receiveInPlace(StreamReaderProtocol p, String data) {
        byte[] in = b(data);
        assertTrue(p.canReceive());
        byte[] a = p.receiveArray(in.length);
        int off = p.receiveOffset();
        assertTrue(p.receiveLimit() - off >= in.length, "room for the bytes");
        System.arraycopy(in, 0, a, off, in.length);
        p.received(in.length);
    }

    @Test
    void readIntoCopiesWhatIsBufferedAndReturnsTheCount() throws IOException {
        StreamReader r = new StreamReader();
        r.feedData(b("hello world"));
        byte[] dst = new byte[8];
        assertEquals(5, r.readInto(dst, 3, 5));
        assertEquals("hello", s(dst, 3, 5));
        assertEquals(6, r.readInto(dst, 0, 8));
        assertEquals(" world", s(dst, 0, 6));
    }

    @Test
    void readIntoWaitsForDataThenReturnsWhatArrived() throws IOException {
        StreamReader r = new StreamReader();
        createTask(() -> {
            sleep(1);
            r.feedData(b("chunk"));
        });
        byte[] dst = new byte[100];
        assertEquals(5, r.readInto(dst, 0, dst.length));
        assertEquals("chunk", s(dst, 0, 5));
    }

    @Test
    void readIntoReturnsMinusOneAtTheEndOfTheStream() throws IOException {
        StreamReader r = new StreamReader();
        r.feedData(b("ab"));
        r.feedEof();
        byte[] dst = new byte[10];
        assertEquals(2, r.readInto(dst, 0, 10));
        assertEquals(-1, r.readInto(dst, 0, 10));
    }

    @Test
    void readIntoOfZeroBytesReturnsZeroWithoutWaiting() throws IOException {
        StreamReader r = new StreamReader();
        assertEquals(0, r.readInto(new byte[4], 0, 0));
    }

    @Test
    void readIntoRejectsARangeOutsideTheArray() {
        StreamReader r = new StreamReader();
        assertThrows(IndexOutOfBoundsException.class, () -> r.readInto(new byte[4], 2, 3));
    }

    @Test
    void readIntoRaisesTheExceptionSetByTheProtocol() {
        StreamReader r = new StreamReader();
        r.setException(new ConnectionResetException("reset"));
        assertThrows(ConnectionResetException.class, () -> r.readInto(new byte[4], 0, 4));
    }

    @Test
    void readIntoAByteBufferMovesItsPosition() throws IOException {
        StreamReader r = new StreamReader();
        r.feedData(b("xyz"));
        ByteBuffer heap = ByteBuffer.allocate(10).position(2);
        assertEquals(3, r.readInto(heap));
        assertEquals(5, heap.position());
        r.feedData(b("direct"));
        ByteBuffer direct = ByteBuffer.allocateDirect(4);
        assertEquals(4, r.readInto(direct));
        assertEquals(4, direct.position());
        byte[] rest = new byte[2];
        assertEquals(2, r.readInto(rest, 0, 2));
        assertEquals("ct", s(rest, 0, 2));
    }

    @Test
    void aWaitingReadIntoReceivesStraightIntoItsOwnArray() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        byte[] dst = new byte[16];
        createTask(() -> {
            sleep(1);
            assertTrue(p.receiveArray(5) == dst, "the waiting reader's array is lent");
            receiveInPlace(p, "lent!");
        });
        assertEquals(5, r.readInto(dst, 4, 12));
        assertEquals("lent!", s(dst, 4, 5));
        assertEquals(0, r.buffered());
    }

    @Test
    void bytesReceivedAfterTheLentArrayWasFilledComeNext() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        createTask(() -> {
            sleep(1);
            receiveInPlace(p, "first");
            receiveInPlace(p, "second"); // the loan ended: into the reader's own buffer
        });
        byte[] dst = new byte[16];
        assertEquals(5, r.readInto(dst, 0, 16));
        assertEquals("first", s(dst, 0, 5));
        assertEquals(6, r.readInto(dst, 0, 16));
        assertEquals("second", s(dst, 0, 6));
    }

    @Test
    void aReadIntoCancelledAfterItsArrayWasFilledLosesNoBytes() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        byte[] lent = new byte[16];
        Task<Integer> reader = createTask(() -> r.readInto(lent, 0, 16));
        sleep(0); // the reader waits, its array lent
        receiveInPlace(p, "keep");   // filled, the reader woken...
        receiveInPlace(p, " these"); // ...and later bytes buffered behind
        reader.cancel();             // ...but cancelled before it resumes
        assertThrows(CancelledError.class, reader::await);
        byte[] dst = new byte[16];
        assertEquals(10, r.readInto(dst, 0, 16));
        assertEquals("keep these", s(dst, 0, 10));
    }

    @Test
    void aWaitingReadIsHandedTheArrayReceivedForIt() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        byte[] whole = b("whole");
        createTask(() -> {
            sleep(1);
            assertEquals(100, p.exactWanted(), "read(100) waits on an empty buffer");
            p.receivedExact(whole);
        });
        assertTrue(r.read(100) == whole, "the received array itself, not a copy");
    }

    @Test
    void nobodyWantsANewArrayWhileBytesAreBuffered() {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        assertEquals(0, p.exactWanted(), "no read waits");
        r.feedData(b("x"));
        assertEquals(0, p.exactWanted());
    }

    @Test
    void aReadCancelledAfterItsArrayArrivedLosesNoBytes() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        Task<byte[]> reader = createTask(() -> r.read(100));
        sleep(0);
        p.receivedExact(b("keep"));
        receiveInPlace(p, " these");
        reader.cancel();
        assertThrows(CancelledError.class, reader::await);
        assertEquals("keep these", new String(r.read(100), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aSecondReaderArrivingBeforeTheFirstResumesDoesNotTakeItsBytes() throws IOException {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r);
        byte[] first = new byte[16];
        byte[] second = new byte[16];
        Task<Integer> a = createTask(() -> r.readInto(first, 0, 16));
        sleep(0); // a waits, its array lent
        Task<Integer> b = createTask(() -> r.readInto(second, 0, 16)); // runs before a resumes
        receiveInPlace(p, "for a");
        sleep(0);
        assertEquals(5, a.await());
        assertEquals("for a", s(first, 0, 5));
        receiveInPlace(p, "for b");
        assertEquals(5, b.await());
        assertEquals("for b", s(second, 0, 5));
    }

    @Test
    void aSubclassedProtocolIsNeverFilledInPlace() {
        StreamReader r = new StreamReader();
        StreamReaderProtocol p = new StreamReaderProtocol(r) {
            @Override
            public void dataReceived(ByteBuffer data) {
                super.dataReceived(data);
            }
        };
        assertTrue(!p.canReceive(), "an overridden dataReceived must see every byte");
    }

    @Test
    @io.asyncio4j.testing.RealClock
    void aLoopThroughOneArrayEchoesAMegabyteIntact() throws Exception {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        try (Server server = Asyncio.startServer((reader, writer) -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = reader.readInto(buf, 0, buf.length)) > 0) {
                    writer.write(buf, 0, n);
                    writer.drain();
                }
            } finally {
                writer.close();
            }
        }, "127.0.0.1", 0)) {
            int port = ((java.net.InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            StreamPair c = Asyncio.openConnection("127.0.0.1", port);
            createTask(() -> {
                c.writer().write(data);
                c.writer().writeEof();
                c.writer().drain();
            });
            byte[] back = new byte[data.length];
            int got = 0;
            int n;
            while ((n = c.reader().readInto(back, got, Math.min(5000, back.length - got))) > 0) {
                got += n;
            }
            assertEquals(data.length, got);
            assertTrue(java.util.Arrays.equals(data, back), "the bytes came back in order");
            c.writer().close();
            c.writer().waitClosed();
        }
    }
}
