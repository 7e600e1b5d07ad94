package io.asyncio4j.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What finishes an {@link AsyncFile} nobody closed, as Python's file finalizer does: writes the
 * bytes still in its write buffer, then closes its channel. It runs when the file is garbage
 * (the file's {@code Cleaner}), or when the JVM exits with the file still open (one shutdown
 * hook for all files), so an unclosed file loses no data that Python would have written. After
 * {@link AsyncFile#close()} it only closes the channel (once). A named temporary file
 * ({@link AsyncFiles#namedTemporaryFile}) nobody closed is also deleted then, as Python's
 * {@code _TemporaryFileCloser.__del__} deletes it.
 * <p>
 * It holds the write buffer itself, so that it never refers to its file: the file's
 * {@code wbuf}/{@code wlen} are these fields. States: OPEN (the file uses it) → DONE (closed by
 * {@code close()}, by the Cleaner or at exit; final).
 * <p>
 * Threading: {@link #buf}, {@link #len} and {@link #end} are the file's, written on its loop
 * thread; {@link #run()} reads them on the Cleaner's thread once the file is unreachable (the
 * collection that finds it is a safepoint: a full fence), or on the exit hook's thread, which
 * may race a loop still writing (the JVM is ending; what has been handed over is written).
 * {@link #inFlight} (background writes handed out and not finished) is guarded by this
 * object's monitor, so the final write waits for them and appends stay in order.
 */
final class FileFinalizer implements Runnable {
    /** Files not closed yet, for the exit hook. */
    private static final Set<FileFinalizer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(FileFinalizer::finishAll, "asyncio4j-unclosed-files"));
        } catch (IllegalStateException e) {
            // a first file opened while the JVM is already exiting (from another shutdown hook):
            // it is closed by its owner or not at all, as nothing can run after the hooks
        }
    }

    /** How long the final write waits for background writes still running. */
    private static final long IN_FLIGHT_WAIT_MILLIS = 5_000;

    private final FileChannel channel;
    /** The file's name, for messages. */
    private final String name;
    /** Mode 'a' (the channel appends) or 'a+' (writes go to the end the file has then). */
    private final boolean append;
    private final boolean appendPlus;

    /** The write buffer: buf[0..len) are the file's bytes at [end - len, end). Null until first used. */
    byte[] buf;
    int len;
    long end;

    private int inFlight; // guarded by this
    private boolean done; // guarded by this
    /**
     * A named temporary file's path, deleted once the channel is closed; taken (set to null) by
     * whoever deletes it: {@link AsyncFile#close()} (off the loop) or {@link #run()}.
     */
    private Path deleteWhenDone; // guarded by this

    FileFinalizer(FileChannel channel, String name, boolean append, boolean appendPlus) {
        this.channel = channel;
        this.name = name;
        this.append = append;
        this.appendPlus = appendPlus;
        OPEN.add(this);
    }

    /** A background write of bytes taken from the buffer begins. Loop thread. */
    synchronized void writeStarted() {
        inFlight++;
    }

    /** That write has ended, written or failed. The I/O pool's thread. */
    synchronized void writeEnded() {
        inFlight--;
        notifyAll();
    }

    /** The file is a temporary one: delete {@code path} when it is finished. */
    synchronized void deleteWhenDone(Path path) {
        deleteWhenDone = path;
    }

    /** The path to delete when finished, or null; from now on the caller deletes it. */
    synchronized Path takeDeletion() {
        Path p = deleteWhenDone;
        deleteWhenDone = null;
        return p;
    }

    /** {@code close()} has flushed (or failed to): nothing is left to write, the channel only closes. */
    void discardBuffer() {
        buf = null;
        len = 0;
    }

    /** Writes {@code data[0..n)} where the file's mode puts bytes at {@code at}. Any thread. */
    void write(byte[] data, int n, long at) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(data, 0, n);
        if (append) {
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
        } else {
            long p = appendPlus ? channel.size() : at;
            while (bb.hasRemaining()) {
                p += channel.write(bb, p);
            }
        }
    }

    /** Writes what is left in the buffer, once earlier writes are done, and closes the channel; once. */
    @Override
    public void run() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            OPEN.remove(this);
            long deadline = System.currentTimeMillis() + IN_FLIGHT_WAIT_MILLIS;
            boolean interrupted = false;
            while (inFlight > 0 && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] data = buf;
        int n = len;
        buf = null;
        len = 0;
        try {
            if (n > 0) {
                write(data, n, end - n);
            }
        } catch (IOException e) {
            // no caller is left to raise it to: say so, as Python prints "Exception ignored in"
            System.err.println("asyncio4j: the last " + n + " bytes written to " + name + ", which was never closed, "
                    + "could not be written: " + e);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file nobody holds: nothing to tell
            }
            deleteTemporary();
        }
    }

    /** A named temporary file nobody closed is deleted, as Python's {@code _TemporaryFileCloser.__del__}. */
    private void deleteTemporary() {
        Path p = takeDeletion();
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("asyncio4j: the temporary file " + p + ", which was never closed, could not be deleted: "
                    + e);
        }
    }

    private static void finishAll() {
        for (FileFinalizer f : OPEN) {
            f.run();
        }
    }
}
