package io.asyncio4j.http.client;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * <b>Limits.</b> A request gets a <i>slot</i> before it has a connection: an idle connection to
 * its server (which has one already), or a new slot it then connects with ({@link Connector}).
 * Slots are the open connections, idle or in use, plus the connects under way; there are at most
 * {@code limit} of them in all and {@code limitPerHost} per key (0: no limit). A request that
 * finds none waits in a queue per key; the waiters are served first come, first served among
 * those that can proceed (one held back by its own server's limit does not hold back a later one
 * to another server). A slot is handed over, never announced: when a connection is released or
 * closed the pool gives its slot (or the idle connection itself) to the first waiter that can use
 * it before that waiter even runs, so a request arriving meanwhile cannot take it. When every
 * slot is taken but some are idle connections to other servers, the longest idle of them is
 * closed to make room (aiohttp need not: it counts only connections in use, see
 * {@link ClientSessionOptions#limit()}). A waiter cancelled after it was handed a slot gives the
 * slot back, to the next waiter.
 * <p>
 * Threading: the tasks and callbacks of the session's loop, one at a time: no lock. The maps,
 * the slot counts and the waiter queues are guarded by that alone; every change of them happens
 * on the loop thread, and a waiter's hand-over completes its future there.
 * <p>
 * asyncio: the pool in aiohttp's {@code BaseConnector} ({@code _conns}, {@code _acquired},
 * {@code _acquired_per_host}, {@code _waiters}, {@code _available_connections},
 * {@code _release_waiter}, {@code keepalive_timeout})
 */
final class ConnectionPool {
    /** A request waiting for a slot; its future gets an idle connection, or null for a slot to connect with. */
    private record Waiter(ConnectionKey key, long seq, Future<PooledConnection> grant) {
    }

    // tryGrant's answers besides an idle connection
    private static final Object NONE = new Object();
    private static final Object NEW_SLOT = new Object();

    private final Map<ConnectionKey, ArrayDeque<PooledConnection>> idle = new HashMap<>();
    /** Every idle connection, the longest idle first: the one closed to make room for another server. */
    private final LinkedHashSet<PooledConnection> idleOrder = new LinkedHashSet<>();
    private final Set<PooledConnection> open = new LinkedHashSet<>();
    /** Slots taken: the open connections plus the connects under way; in all, and per key. */
    private int slots;
    private final Map<ConnectionKey, Integer> slotsPerKey = new HashMap<>();
    /** The waiting requests, a queue per key, in the order the keys first waited. */
    private final Map<ConnectionKey, ArrayDeque<Waiter>> waiters = new LinkedHashMap<>();
    private long nextSeq;
    private boolean handingOver;
    private final Duration keepaliveTimeout;
    private final int limit;
    private final int limitPerHost;
    private boolean closed;

    /** A pool of at most {@code limit} connections in all and {@code limitPerHost} per key (0: no limit). */
    ConnectionPool(Duration keepaliveTimeout, int limit, int limitPerHost) {
        this.keepaliveTimeout = keepaliveTimeout;
        this.limit = limit;
        this.limitPerHost = limitPerHost;
    }

    /**
     * A slot for a request to {@code key}: an idle connection to it (now ACTIVE), or null when a
     * slot was reserved for a new connection, which the caller must make and {@link #add} — or
     * give the slot back with {@link #unreserve} if it cannot. Waits, first come first served,
     * while the limits allow neither, between the trace's queued start and end signals
     * ({@code t} null: no trace). May suspend.
     *
     * @throws IllegalStateException if the session is closed, or closes while this waits
     * @throws java.io.IOException what a trace listener throws (the slot is given back)
     */
    PooledConnection acquire(ConnectionKey key, Tracer t) throws java.io.IOException {
        checkOpen("");
        ArrayDeque<Waiter> queue = waiters.get(key);
        if (queue == null || queue.isEmpty()) {
            // (a request to a key others wait for queues behind them, as in aiohttp)
            Object g = tryGrant(key);
            if (g != NONE) {
                handOver(); // tryGrant may have closed dead idle connections, freeing slots
                return g == NEW_SLOT ? null : (PooledConnection) g;
            }
        }
        Waiter w = new Waiter(key, nextSeq++, new Future<>());
        waiters.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(w);
        boolean served = false;
        try {
            if (t != null) {
                t.connectionQueuedStart(); // already queued: a slot freed while it runs is handed over all the same
            }
            PooledConnection c = w.grant().await();
            served = true;
            if (closed) {
                giveBack(w.key(), c);
                checkOpen(" while this request waited for a connection");
            }
            if (t != null) {
                try {
                    t.connectionQueuedEnd();
                } catch (Throwable e) {
                    giveBack(w.key(), c);
                    throw e;
                }
            }
            return c;
        } finally {
            if (!served) {
                abandon(w);
            }
        }
    }

    /**
     * A waiter leaves (cancelled, or failed by the session's close): out of its queue, and a slot
     * handed to it just before goes to the next waiter.
     */
    private void abandon(Waiter w) {
        ArrayDeque<Waiter> q = waiters.get(w.key());
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) {
                waiters.remove(w.key());
            }
        }
        Future<PooledConnection> g = w.grant();
        if (g.state() == Future.State.FINISHED && g.exception() == null) {
            giveBack(w.key(), g.result());
        } else if (!g.isDone()) {
            g.cancel();
        }
    }

    /** Returns a slot that was handed over but not used: the idle connection goes back to the pool. */
    private void giveBack(ConnectionKey key, PooledConnection c) {
        if (c != null) {
            release(c, true);
        } else {
            unreserve(key);
        }
    }

    /**
     * What the limits give a request to {@code key} now: an idle connection (ACTIVE), NEW_SLOT
     * (a slot reserved, closing the longest idle connection to another server if that is what
     * it takes), or NONE.
     */
    private Object tryGrant(ConnectionKey key) {
        PooledConnection c = take(key);
        if (c != null) {
            return c;
        }
        if (limitPerHost > 0 && slotsPerKey.getOrDefault(key, 0) >= limitPerHost) {
            return NONE;
        }
        if (limit > 0 && slots >= limit) {
            if (idleOrder.isEmpty()) {
                return NONE;
            }
            forget(idleOrder.getFirst()); // another server's: take(key) left none of key's
        }
        slots++;
        slotsPerKey.merge(key, 1, Integer::sum);
        return NEW_SLOT;
    }

    /**
     * Hands freed slots to the waiters: again and again the first (lowest sequence) of the queue
     * heads whose key the limits now allow gets one, until none can. Called after every change
     * that frees a slot or idles a connection, so that between two events a waiter always waits
     * for a reason; that is what lets {@link #acquire} serve a new request without a look at the
     * other keys' queues.
     */
    private void handOver() {
        if (handingOver || closed || waiters.isEmpty()) {
            return;
        }
        handingOver = true;
        try {
            while (true) {
                List<Waiter> heads = new ArrayList<>(waiters.size());
                for (var it = waiters.values().iterator(); it.hasNext(); ) {
                    ArrayDeque<Waiter> q = it.next();
                    while (!q.isEmpty() && q.peekFirst().grant().isDone()) {
                        q.pollFirst(); // cancelled: its task removes it too
                    }
                    if (q.isEmpty()) {
                        it.remove();
                    } else {
                        heads.add(q.peekFirst());
                    }
                }
                heads.sort(Comparator.comparingLong(Waiter::seq));
                Waiter served = null;
                Object g = NONE;
                for (Waiter w : heads) {
                    g = tryGrant(w.key());
                    if (g != NONE) {
                        served = w;
                        break;
                    }
                }
                if (served == null) {
                    return;
                }
                ArrayDeque<Waiter> q = waiters.get(served.key());
                q.pollFirst();
                if (q.isEmpty()) {
                    waiters.remove(served.key());
                }
                served.grant().setResult(g == NEW_SLOT ? null : (PooledConnection) g);
            }
        } finally {
            handingOver = false;
        }
    }

    /** Whether it holds no connection, open or idle, and no waiter. */
    boolean isEmpty() {
        return open.isEmpty() && idleOrder.isEmpty() && waiters.isEmpty() && slots == 0;
    }

    /** Adopts a connection just opened, ACTIVE, in the slot {@link #acquire} reserved for it. */
    void add(PooledConnection c) {
        if (closed) {
            c.close();
            throw new IllegalStateException("ClientSession.request(): the session was closed while this request "
                    + "connected; create a new ClientSession");
        }
        open.add(c);
    }

    /**
     * Closes {@code c}, a reused connection that turned out stale, but keeps its slot for the
     * request to send again on a new connection ({@link Connector#connect}): the request does not
     * queue again behind the waiters.
     */
    void closeKeepingSlot(PooledConnection c) {
        c.close();
        open.remove(c); // the slot stays counted, as reserved (nothing to keep once the session closed)
    }

    /** Gives back a slot reserved for a connection that could not be made. */
    void unreserve(ConnectionKey key) {
        if (closed) {
            return; // closeAll forgot every slot
        }
        freeSlot(key);
        handOver();
    }

    /** The most recently used idle connection to {@code key} that still looks usable, now ACTIVE; or null. */
    private PooledConnection take(ConnectionKey key) {
        ArrayDeque<PooledConnection> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            PooledConnection c = q.pollLast();
            idleOrder.remove(c);
            if (c.looksReusable()) {
                c.becomeActive();
                return c;
            }
            forget(c);
        }
        return null;
    }

    /**
     * A request is done with {@code c}: it waits IDLE for the next one when {@code reusable}
     * (the response's body was read to its end and both sides keep the connection alive) and the
     * session is open; otherwise it is closed. Either way a waiter may now get its slot.
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
        idleOrder.add(c);
        handOver();
    }

    /** Closes {@code c} and forgets it; its slot goes to a waiter. */
    void discard(PooledConnection c) {
        forget(c);
        handOver();
    }

    /** Closes {@code c} and forgets it, freeing its slot (for {@link #handOver} to give). */
    private void forget(PooledConnection c) {
        if (c.state() == PooledConnection.State.IDLE) {
            ArrayDeque<PooledConnection> q = idle.get(c.key());
            if (q != null) {
                q.remove(c);
                if (q.isEmpty()) {
                    idle.remove(c.key());
                }
            }
            idleOrder.remove(c);
        }
        c.close();
        if (open.remove(c)) {
            freeSlot(c.key());
        }
    }

    private void freeSlot(ConnectionKey key) {
        slots--;
        slotsPerKey.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    private void expire(PooledConnection c) {
        if (c.state() == PooledConnection.State.IDLE) {
            discard(c);
        }
    }

    private void checkOpen(String when) {
        if (closed) {
            throw new IllegalStateException("ClientSession.request(): the session was closed" + when
                    + "; create a new ClientSession");
        }
    }

    /**
     * Closes every connection, idle or not, refuses new ones, and fails the waiting requests
     * (IllegalStateException: the session was closed); returns the connections it closed.
     */
    List<PooledConnection> closeAll() {
        closed = true;
        List<PooledConnection> all = new ArrayList<>(open);
        for (PooledConnection c : all) {
            c.close();
        }
        open.clear();
        idle.clear();
        idleOrder.clear();
        slots = 0;
        slotsPerKey.clear();
        List<Waiter> waiting = new ArrayList<>();
        for (ArrayDeque<Waiter> q : waiters.values()) {
            waiting.addAll(q);
        }
        waiters.clear();
        for (Waiter w : waiting) {
            if (!w.grant().isDone()) {
                w.grant().setException(new IllegalStateException("ClientSession.request(): the session was closed "
                        + "while this request waited for a connection to " + w.key() + " (limit " + limit
                        + ", per host " + limitPerHost + "); create a new ClientSession"));
            }
        }
        return all;
    }

    /** The idle connections, all keys together. */
    int idleCount() {
        return idleOrder.size();
    }

    /** The open connections, idle or owned by a request. */
    int openCount() {
        return open.size();
    }

    /** The requests waiting for a slot. */
    int waitingCount() {
        int n = 0;
        for (ArrayDeque<Waiter> q : waiters.values()) {
            n += q.size();
        }
        return n;
    }

    @Override
    public String toString() {
        return "<ConnectionPool " + (closed ? "closed" : "open=" + open.size() + " idle=" + idleCount()
                + (waiters.isEmpty() ? "" : " waiting=" + waitingCount())) + ">";
    }
}
