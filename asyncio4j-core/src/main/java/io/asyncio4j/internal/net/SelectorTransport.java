package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.internal.IoHandler;
import io.asyncio4j.streams.BaseProtocol;
import io.asyncio4j.streams.WriteTransport.WriteBufferLimits;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * What the selector-driven transports share ({@link StreamTransport}, {@link DatagramEndpoint}):
 * the channel's registration and interest set, the loop-thread check, write flow control against
 * the protocol (water marks, {@code pauseWriting}/{@code resumeWriting}), and the end of the
 * connection: a forced close, fatal errors, and the one {@code connectionLost} call after which
 * the channel is closed.
 * <p>
 * States and their only transitions (asyncio's {@code _closing} / {@code _conn_lost} flags):
 * <pre>
 *   OPEN ──close(), buffer empty──────────────▶ CLOSED
 *   OPEN ──close(), data buffered─────────────▶ CLOSING ──buffer flushed──▶ CLOSED
 *   OPEN | CLOSING ──abort() / fatal error────▶ CLOSED
 * </pre>
 * Entering CLOSED schedules (or, when the last buffered byte leaves, makes) exactly one
 * {@link #callConnectionLost} call.
 * <p>
 * Threading: loop thread only; every field is guarded by that.
 * <p>
 * asyncio: {@code selector_events._SelectorTransport}
 */
abstract class SelectorTransport extends IoHandler {
    static final System.Logger LOG = System.getLogger("asyncio");
    static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    static final int DEFAULT_HIGH_WATER = 64 * 1024;

    /** Transport states; see the class comment. */
    public enum State { OPEN, CLOSING, CLOSED }

    final NetLoop net;
    final EventLoop loop;
    final SelectableChannel channel;
    final SelectionKey key;
    int interest;
    State state = State.OPEN;
    /** Writes dropped since the transport closed; above 0 once CLOSED. */
    int connLost;
    private boolean lostDelivered;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;

    /** Registers {@code channel} with no interest, or takes over {@code key} if it has one already. */
    SelectorTransport(NetLoop net, SelectableChannel channel, SelectionKey key) {
        this.net = net;
        this.loop = net.loop;
        this.channel = channel;
        if (key == null) {
            key = net.core.register(channel, 0, this);
        } else {
            key.attach(this);
            key.interestOps(0);
        }
        this.key = key;
    }

    /** The protocol this transport talks to. */
    public abstract BaseProtocol getProtocol();

    /** Bytes waiting to be sent, as the water marks count them. */
    abstract long bufferedBytes();

    /** Drops what is waiting to be sent (a forced close). */
    abstract void dropBuffer();

    /** Leaves the selector and closes the channel, after {@code connectionLost}. */
    void releaseChannel() {
        net.core.deregister(key);
        NetLoop.closeQuietly(channel);
    }

    /** Called once the channel is closed after {@code connectionLost}; a hook for what else the transport holds. */
    void afterConnectionLost() {
    }

    /** The channel is readable (and reading is of interest). */
    abstract void readReady();

    /** The channel is writable (and writing is of interest). */
    abstract void writeReady();

    @Override
    protected final void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0 && (interest & SelectionKey.OP_READ) != 0) {
            readReady();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && (interest & SelectionKey.OP_WRITE) != 0) {
            writeReady();
        }
    }

    // ---- interest set ----------------------------------------------------------------------------

    final void addInterest(int op) {
        setInterest(interest | op);
    }

    final void removeInterest(int op) {
        setInterest(interest & ~op);
    }

    final void setInterest(int ops) {
        if (ops != interest) {
            interest = ops;
            if (key.isValid()) {
                key.interestOps(ops);
            }
        }
    }

    final void checkLoop(String what) {
        if (!net.core.onLoop()) {
            throw new IllegalStateException(what + ": called from thread '" + Thread.currentThread().getName()
                    + "', which does not own the transport's loop; use loop.callSoonThreadsafe(...) or "
                    + "Asyncio.runCoroutineThreadsafe(...)");
        }
    }

    // ---- flow control ---------------------------------------------------------------------------

    /** asyncio: {@code set_write_buffer_limits(high, low)}; -1 means "not given". */
    public void setWriteBufferLimits(int high, int low) {
        int[] hl = waterMarks(high, low);
        highWater = hl[0];
        lowWater = hl[1];
        maybePauseProtocol();
    }

    /** asyncio: {@code get_write_buffer_limits()} */
    public WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(lowWater, highWater);
    }

    /** asyncio's {@code _set_write_buffer_limits}: -1 means "not given". */
    static int[] waterMarks(int high, int low) {
        if (high < 0) {
            high = low < 0 ? DEFAULT_HIGH_WATER : 4 * low;
        }
        if (low < 0) {
            low = high / 4;
        }
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("setWriteBufferLimits(): high (" + high + ") must be >= low (" + low
                    + ") must be >= 0");
        }
        return new int[] {high, low};
    }

    final void maybePauseProtocol() {
        if (bufferedBytes() <= highWater || protocolPaused) {
            return;
        }
        protocolPaused = true;
        try {
            getProtocol().pauseWriting();
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("protocol.pause_writing() failed", e)
                    .with("transport", this).with("protocol", getProtocol()));
        }
    }

    final void maybeResumeProtocol() {
        if (protocolPaused && bufferedBytes() <= lowWater) {
            protocolPaused = false;
            try {
                getProtocol().resumeWriting();
            } catch (Throwable e) {
                loop.callExceptionHandler(ExceptionContext.of("protocol.resume_writing() failed", e)
                        .with("transport", this).with("protocol", getProtocol()));
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------------

    /** asyncio: {@code is_closing()} */
    public boolean isClosing() {
        return state != State.OPEN;
    }

    /** The current state (see the class comment). */
    public State state() {
        return state;
    }

    /** Closes at once, dropping buffered data; connectionLost(exc) follows via the ready queue. */
    void forceClose(Throwable exc) {
        if (state == State.CLOSED) {
            return;
        }
        dropBuffer();
        state = State.CLOSED;
        setInterest(0);
        connLost++;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    /** An error ends the connection; only non-I/O errors (bugs) go to the exception handler. asyncio: {@code _fatal_error} */
    final void fatalError(Throwable exc, String message) {
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                LOG.log(Level.DEBUG, this + ": " + message, exc);
            }
        } else {
            loop.callExceptionHandler(ExceptionContext.of(message, exc).with("transport", this)
                    .with("protocol", getProtocol()));
        }
        forceClose(exc);
    }

    /** Tells the protocol (once), then releases the channel. asyncio: {@code _call_connection_lost} */
    final void callConnectionLost(Throwable exc) {
        if (lostDelivered) {
            return;
        }
        lostDelivered = true;
        try {
            getProtocol().connectionLost(exc);
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in protocol.connection_lost()", e)
                    .with("transport", this).with("protocol", getProtocol()));
        } finally {
            releaseChannel();
            afterConnectionLost();
        }
    }
}
