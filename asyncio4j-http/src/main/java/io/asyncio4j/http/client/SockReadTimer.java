package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.streams.StreamReader;

import java.time.Duration;

/**
 * The read-inactivity timer of one exchange ({@link ClientTimeout#sockRead()}): started once the
 * request has been sent, it fails the connection when nothing has arrived from the server for
 * the limit while the client was starved for data — a read (of the head or the body) was waiting,
 * or everything that had arrived had been read. Bytes waiting unread, which the caller has not
 * asked for yet, keep it from firing: they may be the whole rest of the body, which this client
 * parses only as it is read (aiohttp's parser, fed as bytes come, would have seen the body end and
 * dropped its timer), and past the stream's limit they are what paused the connection. At the end
 * of the stream it stands down: the read reports that instead.
 * <p>
 * One timer handle at a time, re-armed lazily: an arrival only notes the loop time (the reader's
 * receive listener, a field write per piece received), and the timer, when it comes due, looks
 * at when the last piece came and sleeps again until that plus the limit. Firing sets a
 * {@link ServerTimeoutException} ("Timeout on reading data from socket", aiohttp's words) on the
 * reader, which wakes a waiting read with it and fails every later one, and closes the
 * connection through {@code onTimeout} (the pool discards it: never reused).
 * <p>
 * States ({@link State}); {@code STOPPED} and {@code FIRED} are final:
 * <pre>
 *   RUNNING ──the response's end read, released, failed, upgraded, connection closed──▶ STOPPED
 *   RUNNING ──the limit passed with nothing arriving while starved──────────────────────▶ FIRED
 * </pre>
 * Threading: the session's loop thread only (the reader's listener, the timer callback and the
 * task owning the connection all run there); no lock.
 * <p>
 * asyncio: aiohttp's {@code ResponseHandler._reschedule_timeout} / {@code _on_read_timeout}
 */
final class SockReadTimer implements Runnable {
    /** Where the timer is; see the class comment. */
    enum State { RUNNING, STOPPED, FIRED }

    private final EventLoop loop;
    private final StreamReader reader;
    private final Duration limit;
    private final double seconds;
    private final String origin;
    private final Runnable onTimeout;
    private final Runnable check = this::check;
    private State state = State.RUNNING;
    private double lastArrival;   // loop time of the last piece received (or of the start)
    private boolean reading;      // a read of this exchange is under way (suspended only while waiting for bytes)
    private TimerHandle handle;

    /** Starts timing {@code reader} now; {@code onTimeout} closes the connection. */
    SockReadTimer(EventLoop loop, StreamReader reader, Duration limit, String origin, Runnable onTimeout) {
        this.loop = loop;
        this.reader = reader;
        this.limit = limit;
        this.seconds = limit.toNanos() / 1e9;
        this.origin = origin;
        this.onTimeout = onTimeout;
        this.lastArrival = loop.time();
        reader.setReceiveListener(this);
        handle = loop.callAt(lastArrival + seconds, check);
    }

    /** The reader received bytes (or resumed its paused transport): the silence starts over. */
    @Override
    public void run() {
        lastArrival = loop.time();
    }

    /** Marks a read of the head or body as under way ({@code true}) or over. */
    void reading(boolean on) {
        reading = on;
    }

    State state() {
        return state;
    }

    private void check() {
        handle = null;
        if (state != State.RUNNING) {
            return;
        }
        if (reader.exception() != null || reader.atEof()) {
            stop(); // the read reports the failure, or the end, itself
            return;
        }
        double now = loop.time();
        double due = lastArrival + seconds;
        if (now < due) {
            handle = loop.callAt(due, check);
            return;
        }
        if (!reading && reader.buffered() > 0) {
            handle = loop.callAt(now + seconds, check); // the caller's to read first: see the class comment
            return;
        }
        state = State.FIRED;
        reader.setReceiveListener(null);
        reader.setException(new ServerTimeoutException("Timeout on reading data from socket: nothing arrived from "
                + origin + " for " + ClientTimeout.seconds(limit) + " s (ClientTimeout.sockRead); the connection was "
                + "closed. Give more time with ClientTimeout.withSockRead, or null for no limit", null));
        onTimeout.run();
    }

    /** Stands the timer down (idempotent): the exchange no longer waits on the server. */
    void stop() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPED;
        reader.setReceiveListener(null);
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    /** {@code <SockReadTimer RUNNING 5.0 s>}. */
    @Override
    public String toString() {
        return "<SockReadTimer " + state + " " + ClientTimeout.seconds(limit) + " s>";
    }
}
