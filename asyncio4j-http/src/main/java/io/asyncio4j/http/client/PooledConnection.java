package io.asyncio4j.http.client;

import io.asyncio4j.TimerHandle;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

/**
 * One connection to a server, with the pool's bookkeeping. A request (and then its response,
 * until its body ends) owns it while it is {@code ACTIVE}; between requests it waits
 * {@code IDLE} in the pool.
 * <p>
 * States ({@link State}); a new connection starts {@code ACTIVE}, {@code CLOSED} is final:
 * <pre>
 *   ACTIVE ──released, reusable──────────────────────▶ IDLE
 *   IDLE   ──taken for the next request────────────────▶ ACTIVE
 *   ACTIVE ──released not reusable / failed / closed───▶ CLOSED
 *   IDLE   ──idle timeout / found dead / session closed─▶ CLOSED
 * </pre>
 * Threading: the tasks and callbacks of the session's loop, which run one at a time: no lock.
 * The pool ({@link ConnectionPool}) makes every transition but the request count.
 * <p>
 * asyncio: aiohttp's {@code Connection} with the {@code ResponseHandler} protocol it wraps
 */
final class PooledConnection {
    /** Where a connection is in its life; see the class comment. */
    enum State { ACTIVE, IDLE, CLOSED }

    private final ConnectionKey key;
    private final StreamReader reader;
    private final StreamWriter writer;
    private State state = State.ACTIVE;
    private int requests;
    private TimerHandle idleTimer;
    private SockReadTimer readTimer; // the current exchange's, or null

    PooledConnection(ConnectionKey key, StreamReader reader, StreamWriter writer) {
        this.key = key;
        this.reader = reader;
        this.writer = writer;
    }

    ConnectionKey key() {
        return key;
    }

    StreamReader reader() {
        return reader;
    }

    StreamWriter writer() {
        return writer;
    }

    State state() {
        return state;
    }

    /** The requests sent on it so far: more than 0 for a connection reused from the pool. */
    int requests() {
        return requests;
    }

    /** Counts a request about to be sent (for toString: how much the pool saved). */
    void beginRequest() {
        requests++;
    }

    /**
     * Whether the connection can carry another request: open, the server has not closed its
     * side or sent bytes nobody asked for (which would be taken for the next response's start).
     */
    boolean looksReusable() {
        return state != State.CLOSED && !writer.isClosing() && reader.exception() == null && !reader.atEof()
                && reader.buffered() == 0;
    }

    /**
     * Starts the current exchange's read-inactivity timer ({@link ClientTimeout#sockRead()}); on
     * firing it fails the reader and runs {@code onTimeout} (which closes this connection).
     * {@code limit} null: none.
     */
    void watchReads(java.time.Duration limit, String origin, Runnable onTimeout) {
        stopReadTimer();
        if (limit != null) {
            readTimer = new SockReadTimer(writer.loop(), reader, limit, origin, onTimeout);
        }
    }

    /** The current exchange's read timer, or null. */
    SockReadTimer readTimer() {
        return readTimer;
    }

    /** Stands the read timer down: the exchange no longer waits on the server (its end, an upgrade). */
    void stopReadTimer() {
        if (readTimer != null) {
            readTimer.stop();
            readTimer = null;
        }
    }

    void becomeIdle(TimerHandle timer) {
        stopReadTimer();
        state = State.IDLE;
        idleTimer = timer;
    }

    void becomeActive() {
        state = State.ACTIVE;
        cancelTimer();
    }

    /** Closes it (the rest of a response, if any, is never read). Idempotent; never suspends. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelTimer();
        stopReadTimer();
        writer.close();
    }

    /** Waits until the connection has finished closing; its errors do not matter any more. May suspend. */
    void waitClosedQuietly() {
        try {
            writer.waitClosed();
        } catch (java.io.IOException e) {
            // a reset or a TLS shutdown error on a connection being thrown away
        }
    }

    private void cancelTimer() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    @Override
    public String toString() {
        return "<PooledConnection " + key + " " + state + " requests=" + requests + ">";
    }
}
