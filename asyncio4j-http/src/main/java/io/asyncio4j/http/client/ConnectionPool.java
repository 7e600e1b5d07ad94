package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's connections: the idle ones by {@link ConnectionKey}, ready for the next request to
 * the same server, and every open one (idle or owned by a request) so that closing the session
 * closes them all. An idle connection is closed after the keep-alive timeout, as servers close
 * theirs; the most recently used one is taken first (the least likely to have been timed out by
 * the server).
 * <p>
 * Threading: the tasks and callbacks of the session's loop, one at a time: no lock. The maps
 * are guarded by that alone.
 * <p>
 * asyncio: the pool in aiohttp's {@code BaseConnector} ({@code _conns}, {@code _acquired},
 * {@code keepalive_timeout})
 */
final class ConnectionPool {
    private final Map<ConnectionKey, ArrayDeque<PooledConnection>> idle = new HashMap<>();
    private final Set<PooledConnection> open = new LinkedHashSet<>();
    private final Duration keepaliveTimeout;
    private boolean closed;

    ConnectionPool(Duration keepaliveTimeout) {
        this.keepaliveTimeout = keepaliveTimeout;
    }

    /** Adopts a connection just opened for a request (ACTIVE). */
    void add(PooledConnection c) {
        if (closed) {
            c.close();
            throw new IllegalStateException("ClientSession.request(): the session was closed while this request "
                    + "connected; create a new ClientSession");
        }
        open.add(c);
    }

    /** The most recently used idle connection to {@code key} that still looks usable, now ACTIVE; or null. */
    PooledConnection take(ConnectionKey key) {
        ArrayDeque<PooledConnection> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            PooledConnection c = q.pollLast();
            if (c.looksReusable()) {
                c.becomeActive();
                return c;
            }
            discard(c);
        }
        return null;
    }

    /**
     * A request is done with {@code c}: it waits IDLE for the next one when {@code reusable}
     * (the response's body was read to its end and both sides keep the connection alive) and the
     * session is open; otherwise it is closed.
     */
    void release(PooledConnection c, boolean reusable) {
        if (c.state() != PooledConnection.State.ACTIVE) {
            return;
        }
        if (!reusable || closed || !c.looksReusable()) {
            discard(c);
            return;
        }
        EventLoop loop = c.writer().loop();
        c.becomeIdle(loop.callLater(keepaliveTimeout, () -> expire(c)));
        idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>()).addLast(c);
    }

    /** Closes {@code c} and forgets it. */
    void discard(PooledConnection c) {
        if (c.state() == PooledConnection.State.IDLE) {
            ArrayDeque<PooledConnection> q = idle.get(c.key());
            if (q != null) {
                q.remove(c);
            }
        }
        c.close();
        open.remove(c);
    }

    private void expire(PooledConnection c) {
        if (c.state() == PooledConnection.State.IDLE) {
            discard(c);
        }
    }

    /** Closes every connection, idle or not, and refuses new ones; returns those it closed. */
    List<PooledConnection> closeAll() {
        closed = true;
        List<PooledConnection> all = new ArrayList<>(open);
        for (PooledConnection c : all) {
            c.close();
        }
        open.clear();
        idle.clear();
        return all;
    }

    /** The idle connections, all keys together. */
    int idleCount() {
        int n = 0;
        for (ArrayDeque<PooledConnection> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    /** The open connections, idle or owned by a request. */
    int openCount() {
        return open.size();
    }

    @Override
    public String toString() {
        return "<ConnectionPool " + (closed ? "closed" : "open=" + open.size() + " idle=" + idleCount()) + ">";
    }
}
