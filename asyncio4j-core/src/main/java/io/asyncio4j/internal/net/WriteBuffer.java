package io.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a transport could not send yet: a queue of heap chunks, each holding its pending
 * bytes between position and limit (free room after the limit takes later small writes, so
 * many small writes share one chunk).
 * <p>
 * {@link #writeTo} gathers the head chunks into the loop's direct scratch buffer and writes them
 * with one system call, then drops what was sent: asyncio's {@code sendmsg} of its buffer deque,
 * with the copy into direct memory the JDK would make anyway.
 * <p>
 * Threading: owned by one transport, loop thread only.
 */
final class WriteBuffer {
    private static final int MIN_CHUNK = 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long size;

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Copies the remaining bytes of {@code src} (its position moves to its limit). */
    void append(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer tail = chunks.peekLast();
        if (tail != null) {
            int room = tail.capacity() - tail.limit();
            if (room > 0) {
                int k = Math.min(room, n);
                int at = tail.limit();
                tail.limit(at + k);
                tail.put(at, src, src.position(), k);
                src.position(src.position() + k);
                n -= k;
                size += k;
            }
        }
        if (n > 0) {
            // chunk size grows with the backlog, so a large backlog is a few big arrays and a small
            // one (one per idle connection) stays small
            int cap = Math.max(n, (int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size)));
            ByteBuffer c = ByteBuffer.allocate(cap);
            c.put(0, src, src.position(), n);
            c.limit(n);
            src.position(src.position() + n);
            chunks.addLast(c);
            size += n;
        }
    }

    /**
     * Sends as much as the channel takes in one write, gathered through {@code scratch} (a direct
     * buffer); returns the bytes sent (0 if the channel is full).
     */
    long writeTo(WritableByteChannel ch, ByteBuffer scratch) throws IOException {
        scratch.clear();
        for (ByteBuffer c : chunks) {
            int k = Math.min(c.remaining(), scratch.remaining());
            scratch.put(scratch.position(), c, c.position(), k);
            scratch.position(scratch.position() + k);
            if (!scratch.hasRemaining()) {
                break;
            }
        }
        scratch.flip();
        int written = ch.write(scratch);
        consume(written);
        return written;
    }

    /** Hands the pending bytes to {@code sink} chunk by chunk (each valid during the call), emptying the buffer. */
    void drainTo(java.util.function.Consumer<ByteBuffer> sink) {
        ByteBuffer c;
        while ((c = chunks.pollFirst()) != null) {
            size -= c.remaining();
            sink.accept(c);
        }
        size = 0;
    }

    private void consume(long n) {
        size -= n;
        while (n > 0) {
            ByteBuffer head = chunks.peekFirst();
            int r = head.remaining();
            if (n >= r) {
                chunks.pollFirst();
                n -= r;
            } else {
                head.position(head.position() + (int) n);
                n = 0;
            }
        }
        if (size == 0) {
            chunks.clear();
        }
    }

    void clear() {
        chunks.clear();
        size = 0;
    }
}
