package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Protocol} that records what its transport tells it, for tests: the events in order
 * ("made", "data", "eof", "pause", "resume", "lost"; consecutive "data" events once), the bytes
 * received, the error it was lost with. Tasks can wait for bytes, EOF and the loss.
 */
public class Recorder implements Protocol {
    private final EventLoop loop = EventLoop.getRunningLoop();
    public Transport transport;
    public final List<String> events = new ArrayList<>();
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public final Future<Void> made = loop.createFuture();
    public final Future<Void> lost = loop.createFuture();
    public Throwable lostWith;
    public boolean keepOpenOnEof;
    public boolean eof;
    public int pauses;
    public int resumes;
    private Future<Void> change;

    private void event(String e) {
        if (!(e.equals("data") && !events.isEmpty() && events.get(events.size() - 1).equals("data"))) {
            events.add(e);
        }
        Future<Void> c = change;
        change = null;
        if (c != null && !c.isDone()) {
            c.setResult(null);
        }
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        event("made");
        made.setResult(null);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        received.writeBytes(b);
        event("data");
    }

    @Override
    public boolean eofReceived() {
        eof = true;
        event("eof");
        return keepOpenOnEof;
    }

    @Override
    public void connectionLost(Throwable exc) {
        lostWith = exc;
        event("lost");
        lost.setResult(null);
    }

    @Override
    public void pauseWriting() {
        pauses++;
        event("pause");
    }

    @Override
    public void resumeWriting() {
        resumes++;
        event("resume");
    }

    /** Waits until something happens. May suspend. */
    public void awaitChange() {
        Future<Void> c = loop.createFuture();
        change = c;
        c.await();
    }

    /** Waits until at least {@code n} bytes have arrived; returns all received so far. May suspend. */
    public byte[] awaitBytes(int n) {
        while (received.size() < n) {
            if (lost.isDone() || eof) {
                throw new AssertionError("the connection ended after " + received.size() + " of " + n + " bytes: "
                        + events);
            }
            awaitChange();
        }
        return received.toByteArray();
    }

    /** Waits for EOF (or the loss of the connection). May suspend. */
    public void awaitEof() {
        while (!eof && !lost.isDone()) {
            awaitChange();
        }
    }

    /** Waits until the writer is resumed {@code n} times in all. May suspend. */
    public void awaitResumes(int n) {
        while (resumes < n) {
            if (lost.isDone()) {
                throw new AssertionError("the connection was lost before resumeWriting: " + events);
            }
            awaitChange();
        }
    }
}
