package io.asyncio4j.http.client;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A session's cache of host-name lookups, keyed by host and port: the addresses a lookup found,
 * kept for a time to live on the loop's clock (null: for ever), handed out rotated by one at each
 * use so that successive connections start at successive addresses. Concurrent requests for a key
 * with no fresh answer share one lookup: the first starts it, the others wait for it. A failed
 * lookup is not cached; every request waiting for it gets its error.
 * <p>
 * The lookup runs in a task of its own, which a request waits for through a shield: a cancelled
 * request leaves it to the others (and to the cache). Its trace signals run in the resolving task
 * of the request ({@link Connector}):
 * {@code dns_cache_hit} for a fresh answer or a lookup under way, else {@code dns_cache_miss},
 * {@code dns_resolvehost_start}, the lookup, {@code dns_resolvehost_end}. A listener's exception
 * fails its own request only; the lookup goes on for the others. Once the session is closed no
 * lookup starts: a request about to start one gets an IllegalStateException.
 * <p>
 * The states of one key ({@link KeyState}):
 * <pre>
 *   ABSENT ──lookup starts──▶ LOOKING_UP ──found──▶ FRESH ──ttl passes──▶ EXPIRED
 *   LOOKING_UP ──failed or cancelled──▶ ABSENT (or EXPIRED, when an older answer is still there)
 *   EXPIRED ──lookup starts──▶ LOOKING_UP          any ──clear──▶ ABSENT (a lookup under way goes on)
 * </pre>
 * Threading: the tasks of the session's loop; the maps are touched only there, so they need no
 * lock. The answers are timed on that loop's clock: when the session moves to another loop (its
 * first one closed), everything cached is dropped.
 * <p>
 * asyncio: aiohttp's {@code TCPConnector(use_dns_cache=True, ttl_dns_cache=10)}:
 * {@code _DNSCacheTable}, {@code _resolve_host}, {@code _throttle_dns_events}, {@code clear_dns_cache}
 */
final class DnsCache {
    /** Where one key stands; see the class comment for the transitions. */
    enum KeyState {
        /** Nothing cached, no lookup under way. */
        ABSENT,
        /** A lookup is under way; requests wait for it. */
        LOOKING_UP,
        /** An answer younger than the time to live. */
        FRESH,
        /** An answer past its time to live: the next request looks the host up again. */
        EXPIRED
    }

    private record Key(String host, int port) {
    }

    /** One lookup's answer and where the next use starts in it. */
    private static final class Answer {
        final List<InetAddress> addresses;
        final double storedAt; // loop.time() when the lookup answered
        int next;              // the index the next use starts at

        Answer(List<InetAddress> addresses, double storedAt) {
            this.addresses = addresses;
            this.storedAt = storedAt;
        }

        /** All the addresses, starting at the next one; the one after that starts the following use. */
        List<InetAddress> nextAddresses() {
            int n = addresses.size();
            List<InetAddress> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(addresses.get((next + i) % n));
            }
            next = (next + 1) % n;
            return out;
        }
    }

    private final Double ttlSeconds; // null: answers never expire
    // guarded by the loop thread (see the class comment)
    private final Map<Key, Answer> answers = new HashMap<>();
    private final Map<Key, Task<Answer>> lookups = new HashMap<>();
    private EventLoop loop; // whose clock timed the answers; null before the first lookup
    private boolean closed; // the session closed: no new lookup

    /** A cache whose answers live {@code ttl} (null: for ever). */
    DnsCache(Duration ttl) {
        this.ttlSeconds = ttl == null ? null : ttl.toNanos() / 1e9;
    }

    /**
     * The addresses of {@code host} (a name, not an address literal) for a connection to
     * {@code port}: cached, from a lookup under way, or from a new lookup, with the trace's
     * signals. A failed lookup's IOException goes through {@code failed}. May suspend.
     */
    List<InetAddress> resolve(String host, int port, Tracer t, Function<IOException, IOException> failed)
            throws IOException {
        EventLoop running = EventLoop.getRunningLoop();
        if (running != loop) {
            clear(); // timed on another loop's clock, and that loop's lookups are gone with it
            lookups.clear();
            loop = running;
        }
        Key key = key(host, port);
        Answer cached = answers.get(key);
        if (cached != null && !expired(cached)) {
            List<InetAddress> addresses = cached.nextAddresses(); // before the listeners may suspend
            if (t != null) {
                t.dnsCacheHit(host);
            }
            return addresses;
        }
        Task<Answer> lookup = lookups.get(key);
        boolean mine = lookup == null;
        if (mine && closed) {
            throw new IllegalStateException("ClientSession: the session was closed before " + host + " was looked up; "
                    + "make requests before closing it");
        }
        if (mine) {
            lookup = start(key, host, port); // registered before any suspension: later requests join it
            if (t != null) {
                t.dnsCacheMiss(host);
                t.dnsResolveHostStart(host);
            }
        } else if (t != null) {
            t.dnsCacheHit(host);
        }
        Answer found;
        try {
            found = Asyncio.shield(lookup); // this request's cancellation leaves the lookup to the others
        } catch (CancelledError e) {
            Task<?> me = Task.current();
            if (lookup.isCancelled() && me != null && me.cancelling() == 0) { // close() cancelled it, not our caller
                throw new IllegalStateException("ClientSession: the session was closed while " + host + " was being "
                        + "looked up; make requests before closing it", e);
            }
            throw e;
        } catch (Exception e) { // the lookup's, which await() throws undeclared
            if (e instanceof IOException io) {
                throw failed.apply(io); // no end signal, as aiohttp's when its resolver raises
            }
            throw e;
        }
        if (mine && t != null) {
            t.dnsResolveHostEnd(host);
        }
        return found.nextAddresses();
    }

    /** Starts the lookup of {@code key}, which caches its answer and unregisters itself when done. */
    private Task<Answer> start(Key key, String host, int port) {
        EventLoop l = loop;
        Task<Answer>[] self = newTaskArray();
        Task<Answer> task = l.createTask(() -> {
            try {
                List<InetSocketAddress> found = l.getaddrinfo(host, port);
                List<InetAddress> addresses = new ArrayList<>(found.size());
                for (InetSocketAddress a : found) {
                    addresses.add(a.getAddress());
                }
                Answer answer = new Answer(List.copyOf(addresses), l.time());
                answers.put(key, answer);
                return answer;
            } finally {
                lookups.remove(key, self[0]); // at once: a request arriving next starts a new lookup
            }
        }, "dns lookup " + host + ":" + port);
        self[0] = task;
        // retrieved here, so that a lookup every requester gave up on does not report its failure
        task.addDoneCallback(f -> {
            if (!f.isCancelled()) {
                f.exception();
            }
        });
        if (!task.isDone()) { // an eager task factory may have run it through already
            lookups.put(key, task);
        }
        return task;
    }

    @SuppressWarnings("unchecked")
    private static Task<Answer>[] newTaskArray() {
        return (Task<Answer>[]) new Task<?>[1];
    }

    private boolean expired(Answer a) {
        return ttlSeconds != null && a.storedAt + ttlSeconds < loop.time(); // aiohttp's test: strictly past
    }

    private static Key key(String host, int port) {
        return new Key(host.toLowerCase(Locale.ROOT), port);
    }

    /** Where {@code host}:{@code port} stands. */
    KeyState state(String host, int port) {
        Key key = key(host, port);
        if (lookups.containsKey(key)) {
            return KeyState.LOOKING_UP;
        }
        Answer a = answers.get(key);
        return a == null ? KeyState.ABSENT : expired(a) ? KeyState.EXPIRED : KeyState.FRESH;
    }

    /** Forgets every answer; lookups under way go on (and cache theirs). */
    void clear() {
        answers.clear();
    }

    /** Forgets the answer for {@code host}:{@code port}, if any. */
    void clear(String host, int port) {
        answers.remove(key(host, port));
    }

    /**
     * Cancels the lookups under way (the session closes); the requests waiting for them get an
     * IllegalStateException.
     */
    void close() {
        closed = true;
        for (Task<Answer> lookup : List.copyOf(lookups.values())) {
            lookup.cancel();
        }
    }

    /** {@code <DnsCache ttl=10.0s answers=2 lookups=1>}. */
    @Override
    public String toString() {
        return "<DnsCache ttl=" + (ttlSeconds == null ? "forever" : ttlSeconds + "s") + " answers=" + answers.size()
                + " lookups=" + lookups.size() + ">";
    }
}
