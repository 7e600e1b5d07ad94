// How should a task reach the disk? One round trip = a positional read handed to another thread
// and its result back on the loop. Compares (a) EventLoop.runInExecutor on asyncio4j's platform
// I/O pool (what io.asyncio4j.files uses) with (b) AsynchronousFileChannel, whose completion
// handler posts the result with callSoonThreadsafe. Reads of 4 KiB (the cost of the hop) and of
// 256 KiB (the files package's buffer). Usage: ./aio run bench/FileRoundTrip.java [ops]
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.BlockingIo;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.asyncio4j.Asyncio.*;

double pool(EventLoop loop, FileChannel ch, int size, int ops) {
    ByteBuffer buf = ByteBuffer.allocate(size);
    long t0 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
        long pos = (long) (i % 64) * size;
        buf.clear();
        loop.runInExecutor(BlockingIo.IO, () -> ch.read(buf, pos)).await();
    }
    return (System.nanoTime() - t0) / 1e3 / ops;
}

double async(EventLoop loop, AsynchronousFileChannel ch, int size, int ops) {
    ByteBuffer buf = ByteBuffer.allocate(size);
    long t0 = System.nanoTime();
    for (int i = 0; i < ops; i++) {
        long pos = (long) (i % 64) * size;
        buf.clear();
        Future<Integer> f = loop.createFuture();
        ch.read(buf, pos, null, new CompletionHandler<Integer, Void>() {
            public void completed(Integer n, Void a) {
                loop.callSoonThreadsafe(() -> f.setResult(n));
            }

            public void failed(Throwable e, Void a) {
                loop.callSoonThreadsafe(() -> f.setException(e));
            }
        });
        f.await();
    }
    return (System.nanoTime() - t0) / 1e3 / ops;
}

void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path p = Files.createTempFile("asyncio4j-rt", ".bin");
    Files.write(p, new byte[64 * 256 * 1024]);
    try (FileChannel fc = FileChannel.open(p, StandardOpenOption.READ);
         AsynchronousFileChannel ac = AsynchronousFileChannel.open(p, StandardOpenOption.READ)) {
        run(() -> {
            EventLoop loop = getRunningLoop();
            for (int round = 0; round < 2; round++) { // round 0 warms up
                for (int size : new int[] {4096, 256 * 1024}) {
                    int n = size > 4096 ? ops / 10 : ops;
                    double a = pool(loop, fc, size, n);
                    double b = async(loop, ac, size, n);
                    if (round == 1) {
                        System.out.printf("%7d-byte reads: runInExecutor(I/O pool) %.1f us/op, "
                                + "AsynchronousFileChannel %.1f us/op (%d ops each)%n", size, a, b, n);
                    }
                }
            }
        });
    } finally {
        Files.delete(p);
    }
}
