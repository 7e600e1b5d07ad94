package io.asyncio4j.subprocess;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.ReadTransport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The read end of a child's stdout or stderr pipe as a {@link ReadTransport}.
 * <p>
 * The JDK's pipe is a blocking {@link InputStream}, not a selectable channel, so a pump thread
 * (see {@link PipeThreads}) does the blocking reads and hands each chunk to the loop with
 * {@code callSoonThreadsafe}; chunks, the end of the stream and errors travel through the same
 * FIFO inbox, so none is lost or reordered. Back-pressure: {@link #pauseReading()} makes the
 * pump stop reading (the pipe fills and the child blocks, as with asyncio's pipe transport);
 * what the pump had already read is held back on the loop side and delivered, in order, after
 * {@link #resumeReading()}, so a paused transport calls its protocol no more. The pump hands
 * over at most {@link #MAX_IN_FLIGHT} chunks the loop has not delivered yet, which bounds what
 * can pile up.
 * <p>
 * States: OPEN → CLOSING (end of stream, error, or {@link #close()}; {@code connectionLost} is
 * scheduled) → CLOSED ({@code connectionLost} called; final). Paused is a flag within OPEN.
 * Chunks arriving after OPEN are dropped.
 * <p>
 * Threading: every method runs on the loop thread. The pump thread only reads the volatile
 * {@code pauseRequested}/{@code closeRequested} flags (written by the loop, which unparks it),
 * owns the stream (it alone reads it and closes it when it stops), and reaches the loop only
 * through {@code callSoonThreadsafe}.
 * <p>
 * asyncio: {@code unix_events._UnixReadPipeTransport}
 */
final class PipeReadTransport implements ReadTransport {
    /**
     * At most this much is read and delivered at once: a Linux pipe holds 64 KiB, so a read
     * rarely returns more (asyncio reads up to 256 KiB).
     */
    static final int CHUNK = 64 * 1024;
    /**
     * Chunks handed to the loop and not yet delivered: the pump waits for the loop past this,
     * so a busy loop cannot pile up data in its inbox, and a pause takes effect within this
     * many chunks. 8 (512 KiB): with 2 the pump parked after nearly every chunk and 100 MiB
     * through {@code cat} took 270-420 ms, with 8 it takes 180-230 ms (bench/SubprocessPipe.java).
     */
    static final int MAX_IN_FLIGHT = 8;

    /** See the class comment. */
    enum State { OPEN, CLOSING, CLOSED }

    private final EventLoop loop;
    private final InputStream in;
    private final String name;
    /** The pump thread already holding {@code in}'s monitor (a JDK child's pipe), or null. */
    private final PipeClaim claim;
    private Protocol protocol;
    // ---- loop thread only ----
    private State state = State.OPEN;
    private boolean paused;
    private boolean started;
    /** Pump messages that arrived while paused (or behind such), delivered in order on resume. */
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();
    private boolean flushScheduled;
    // ---- shared with the pump: written by the loop, read by the pump ----
    private volatile boolean pauseRequested;
    private volatile boolean closeRequested;
    /** Chunks posted by the pump and not yet delivered by the loop. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The pump, set on the loop before it starts; unparked after every flag change and delivery. */
    private volatile Thread pump;

    PipeReadTransport(EventLoop loop, InputStream in, Protocol protocol, String name) {
        this(loop, in, protocol, name, null);
    }

    /** With {@code claim}: the pump is the thread that has held {@code in}'s monitor since the spawn. */
    PipeReadTransport(EventLoop loop, InputStream in, Protocol protocol, String name, PipeClaim claim) {
        this.loop = loop;
        this.in = in;
        this.protocol = protocol;
        this.name = name;
        this.claim = claim;
    }

    /** Starts the pump. Loop thread; once. */
    void start() {
        if (started) {
            return;
        }
        started = true;
        if (closeRequested) {
            closeQuietly();
            releaseClaim();
            return;
        }
        if (claim != null) {
            // through runInExecutor all the same: the loop clock counts the pump as work in progress
            loop.runInExecutor(claim::run, () -> {
                pump = Thread.currentThread(); // before any flag is read, as PipeThreads.pump's callback
                pumpLoop();
                return null;
            });
            return;
        }
        loop.runInExecutor(PipeThreads.pump("asyncio4j-pipe-" + name, t -> pump = t), () -> {
            pumpLoop();
            return null;
        });
    }

    // ---- the pump thread ----

    private void pumpLoop() {
        // The JDK's process reaper, once the child has exited, drains what the pipe holds at that
        // moment and closes it (ProcessPipeInputStream.processExited, synchronized on the stream),
        // which would cut off a grandchild that still writes to the inherited pipe; asyncio reads
        // to the real end. Holding the stream's monitor for the pump's life (read() takes it too)
        // makes the reaper wait until this pump has read to the end and closed the stream. A child
        // gone before the pump first runs (a millisecond or so after the start) would still be cut
        // off: so a JDK child's pipes are claimed by their pump threads right after the spawn (PipeClaim).
        synchronized (in) {
            pumpLocked();
        }
    }

    private void pumpLocked() {
        try {
            while (!closeRequested) {
                if (pauseRequested || inFlight.get() >= MAX_IN_FLIGHT) {
                    // wakes on resume, delivery or close; the timeout notices a loop that was
                    // closed while this pipe stayed paused (nobody would ever resume it)
                    LockSupport.parkNanos(this, 1_000_000_000L);
                    if (loop.isClosed()) {
                        return;
                    }
                    continue;
                }
                // a fresh array each time: the loop owns it once handed over (no copy here);
                // a small read is trimmed so that held-back chunks do not pin 64 KiB each
                byte[] buf = new byte[CHUNK];
                int n = in.read(buf, 0, CHUNK);
                if (n < 0) {
                    loop.callSoonThreadsafe(() -> onMessage(this::deliverEof));
                    return;
                }
                if (n > 0 && !closeRequested) {
                    byte[] chunk = n < CHUNK / 4 ? Arrays.copyOf(buf, n) : buf;
                    int len = n;
                    inFlight.incrementAndGet();
                    loop.callSoonThreadsafe(() -> onMessage(() -> deliverData(chunk, len)));
                }
            }
        } catch (IOException e) {
            if (!closeRequested) {
                PipeThreads.postQuietly(loop, () -> onMessage(() -> deliverReadError(e)));
            }
        } catch (IllegalStateException loopClosed) {
            // callSoonThreadsafe on a closed loop: nobody is left to deliver to
        } catch (Throwable e) {
            PipeThreads.postQuietly(loop, () -> onMessage(() -> deliverReadError(e)));
        } finally {
            closeQuietly();
        }
    }

    /** Lets a claiming thread that will get no pump job go (it has nothing to read for). */
    private void releaseClaim() {
        if (claim != null) {
            claim.run(this::closeQuietly);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // the pipe is gone either way
        }
    }

    private void wakePump() {
        LockSupport.unpark(pump); // no-op while the thread is not there yet
    }

    // ---- loop side: what the pump delivers ----

    /** A message from the pump: delivered now, or held back while paused (keeping the order). */
    private void onMessage(Runnable delivery) {
        if (state != State.OPEN) {
            delivery.run(); // each delivery drops itself once closing
            return;
        }
        if (paused || !held.isEmpty()) {
            held.add(delivery);
        } else {
            delivery.run();
        }
    }

    /** After a resume: delivers what was held back, until paused again. */
    private void flushHeld() {
        flushScheduled = false;
        Runnable next;
        while (!paused && state == State.OPEN && (next = held.poll()) != null) {
            next.run();
        }
    }

    private void deliverData(byte[] chunk, int len) {
        if (inFlight.getAndDecrement() == MAX_IN_FLIGHT) {
            wakePump();
        }
        if (state == State.OPEN) {
            protocol.dataReceived(ByteBuffer.wrap(chunk, 0, len));
        }
    }

    private void deliverEof() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        loop.callSoon(() -> protocol.eofReceived());
        loop.callSoon(() -> callConnectionLost(null));
    }

    private void deliverReadError(Throwable e) {
        if (state != State.OPEN) {
            return;
        }
        loop.callExceptionHandler(ExceptionContext.of("Fatal read error on pipe transport", e)
                .with("transport", this).with("protocol", protocol));
        closeWith(e);
    }

    private void closeWith(Throwable exc) {
        state = State.CLOSING;
        held.clear();
        closeRequested = true;
        wakePump();
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Throwable exc) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeRequested = true;
        wakePump();
        if (!started) {
            closeQuietly();
            releaseClaim();
        }
        protocol.connectionLost(exc);
    }

    // ---- ReadTransport ----

    @Override
    public boolean isReading() {
        return state == State.OPEN && !paused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
        pauseRequested = true;
    }

    @Override
    public void resumeReading() {
        if (state != State.OPEN || !paused) {
            return;
        }
        paused = false;
        pauseRequested = false;
        wakePump();
        if (!held.isEmpty() && !flushScheduled) {
            flushScheduled = true;
            loop.callSoon(this::flushHeld);
        }
    }

    @Override
    public Object getExtraInfo(String key) {
        return "pipe".equals(key) ? in : null;
    }

    @Override
    public boolean isClosing() {
        return state != State.OPEN;
    }

    /**
     * Stops delivering data and schedules {@code connectionLost(null)}. The pipe itself is
     * closed by the pump once its current blocking read returns (when the child writes again,
     * closes its end, or exits). asyncio: {@code close()}
     */
    @Override
    public void close() {
        if (state == State.OPEN) {
            closeWith(null);
        }
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        if (!(protocol instanceof Protocol p)) {
            throw new IllegalArgumentException("PipeReadTransport.setProtocol(): a read pipe needs a Protocol "
                    + "(one with dataReceived), got " + protocol);
        }
        this.protocol = p;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    /** The state; see the class comment. */
    State state() {
        return state;
    }

    @Override
    public String toString() {
        return "<PipeReadTransport " + name + " " + state.name().toLowerCase()
                + (state == State.OPEN ? (paused ? " paused" : " reading") : "") + ">";
    }
}
