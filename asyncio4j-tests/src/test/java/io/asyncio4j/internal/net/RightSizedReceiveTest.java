package io.asyncio4j.internal.net;

import io.asyncio4j.net.NetTesting.TrackedServer;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A {@code read(n)} waiting on an empty buffer, on a connection whose last such receive was 4 KiB
 * or more, is received straight into an unzeroed array of the size the kernel holds (up to n):
 * only when the JVM grants the flags (the loom run passes them, the portable run none), and with
 * the same bytes, in the same order, at most n at a time, as the scratch receive.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class RightSizedReceiveTest {
    private static final boolean GRANTED = "loom".equals(System.getProperty("asyncio4j.expectEngine", "loom"));

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed + (i >> 8));
        }
        return b;
    }

    /** A server that sends block i, {@code sizes[i]} bytes of {@code pattern(sizes[i], i)}, when the client asks with a byte. */
    private static TrackedServer blockServer(int... sizes) throws Exception {
        return TrackedServer.start((r, w) -> {
            for (int i = 0; i < sizes.length; i++) {
                if (r.read(1).length == 0) {
                    break;
                }
                w.write(pattern(sizes[i], i));
                w.drain();
            }
            r.read(); // until the client closes
            w.close();
        });
    }

    private static StreamTransport transportOf(StreamPair c) {
        return (StreamTransport) c.writer().transport();
    }

    /** Asks for the next block and reads its {@code size} bytes with {@code read(65536)}. */
    private static byte[] nextBlock(StreamPair c, int size) throws Exception {
        c.writer().write(new byte[] {'?'});
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < size) {
            byte[] chunk = c.reader().read(65536);
            assertFalse(chunk.length == 0, "EOF after " + got.size() + " of " + size + " bytes");
            got.writeBytes(chunk);
        }
        return got.toByteArray();
    }

    @Test
    void uninitializedArraysAreAvailableExactlyWhenTheJvmExportsTheirPackage() {
        assertEquals(GRANTED, UninitializedArrays.AVAILABLE);
    }

    private interface ClientBody {
        void run(StreamPair c) throws Exception;
    }

    /** Runs {@code body} on a connection to a {@link #blockServer} of {@code sizes}, closed after. */
    private static void withBlockServer(int[] sizes, ClientBody body) throws Exception {
        try (TrackedServer server = blockServer(sizes)) {
            StreamPair c = openConnection("127.0.0.1", server.port());
            try {
                body.run(c);
            } finally {
                c.writer().close();
                c.writer().waitClosed();
            }
        }
    }

    /** Some receive was right-sized on the loom run (flags granted), none on the portable run. */
    private static void assertRightSizedReceivesExactlyWhenGranted(StreamPair c) {
        long rightSized = transportOf(c).rightSizedReceives();
        assertEquals(GRANTED, rightSized > 0, rightSized + " right-sized receives");
    }

    @Test
    void aConnectionGettingLargeBlocksReceivesThemRightSizedAndEveryByteArrivesInOrder() throws Exception {
        int size = 50_000;
        int[] sizes = new int[6];
        Arrays.fill(sizes, size);
        withBlockServer(sizes, c -> {
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(pattern(size, i), nextBlock(c, size), "block " + i);
            }
            // the first receive goes through the scratch array; after any of 4 KiB+, the next is
            // right-sized (each block arrives in one or a few receives of several KiB)
            assertRightSizedReceivesExactlyWhenGranted(c);
        });
    }

    @Test
    void aRightSizedReceiveTakesAtMostNBytesAndLeavesTheRestForTheNextRead() throws Exception {
        int size = 50_000;
        withBlockServer(new int[] {size}, c -> {
            c.writer().write(new byte[] {'?'});
            byte[] expected = pattern(size, 0);
            int at = 0;
            while (at < size) {
                byte[] chunk = c.reader().read(10_000);
                assertFalse(chunk.length == 0 || chunk.length > 10_000, "read(10000) returned " + chunk.length);
                assertArrayEquals(Arrays.copyOfRange(expected, at, at + chunk.length), chunk, "at " + at);
                at += chunk.length;
            }
            // each read took at most 10,000 of what the kernel held; from the second on (the
            // first receive of 10,000 made the connection a large-receive one) right-sized
            assertRightSizedReceivesExactlyWhenGranted(c);
        });
    }

    @Test
    void aConnectionWhoseBlocksTurnSmallGoesBackToTheScratchReceive() throws Exception {
        withBlockServer(new int[] {50_000, 50_000, 1000, 1000, 1000}, c -> {
            assertArrayEquals(pattern(50_000, 0), nextBlock(c, 50_000));
            assertArrayEquals(pattern(50_000, 1), nextBlock(c, 50_000));
            assertRightSizedReceivesExactlyWhenGranted(c);
            // the first small block may still be received right-sized (after a large receive);
            // the ones after it are not
            assertArrayEquals(pattern(1000, 2), nextBlock(c, 1000));
            long before = transportOf(c).rightSizedReceives();
            for (int i = 3; i < 5; i++) {
                assertArrayEquals(pattern(1000, i), nextBlock(c, 1000));
                assertFalse(transportOf(c).receivesRightSized(), "after block " + i);
            }
            assertEquals(before, transportOf(c).rightSizedReceives());
        });
    }

    @Test
    void messagesOfOneSizeAreReceivedWithoutAskingTheKernelEachTimeAndArriveIntact() throws Exception {
        int size = 10_000;
        int[] sizes = new int[40];
        Arrays.fill(sizes, size);
        withBlockServer(sizes, c -> {
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(pattern(size, i), nextBlock(c, size), "block " + i);
            }
            long guessed = transportOf(c).guessedReceives();
            // granted: after two same-size receives, 15 of every 16 skip the ioctl
            assertEquals(GRANTED, guessed >= 20, guessed + " receives without the ioctl");
        });
    }

    @Test
    void messagesLargerThanNReadAsNThenTheRestArriveIntactWhileTheSizesAreGuessed() throws Exception {
        int size = 100_000; // read(65536) takes 65,536 and then 34,464 of each, in turn
        int[] sizes = new int[40];
        Arrays.fill(sizes, size);
        withBlockServer(sizes, c -> {
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(pattern(size, i), nextBlock(c, size), "block " + i);
            }
            // granted: two sizes in turn are learned, and most receives skip the ioctl (50-66 of
            // 79 in three runs; TCP may cut a block differently now and then)
            long guessed = transportOf(c).guessedReceives();
            assertEquals(GRANTED, guessed >= 10, guessed + " of " + transportOf(c).rightSizedReceives()
                    + " right-sized receives without the ioctl");
        });
    }

    @Test
    void messagesThatChangeSizeStillArriveWholeAndInOrder() throws Exception {
        int[] sizes = {10_000, 10_000, 10_000, 10_000, 10_000, 24_000, 24_000, 24_000, 6_000, 6_000, 6_000, 10_000,
                50_000, 4_096, 4_096, 4_096, 4_097, 9_000};
        withBlockServer(sizes, c -> {
            for (int i = 0; i < sizes.length; i++) {
                assertArrayEquals(pattern(sizes[i], i), nextBlock(c, sizes[i]), "block " + i + " of " + sizes[i]);
            }
        });
    }

    @Test
    void aSpeculativeReceiveTakesAtMostNBytes() throws Exception {
        int size = 20_000;
        int[] sizes = new int[8];
        Arrays.fill(sizes, size);
        withBlockServer(sizes, c -> {
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(pattern(size, i), nextBlock(c, size), "block " + i);
            }
            // now asking for less than the usual message: never more than asked
            c.writer().write(new byte[] {'?'});
            byte[] expected = pattern(size, 4);
            int at = 0;
            while (at < size) {
                byte[] chunk = c.reader().read(7_000);
                assertFalse(chunk.length == 0 || chunk.length > 7_000, "read(7000) returned " + chunk.length);
                assertArrayEquals(Arrays.copyOfRange(expected, at, at + chunk.length), chunk, "at " + at);
                at += chunk.length;
            }
        });
    }
}
