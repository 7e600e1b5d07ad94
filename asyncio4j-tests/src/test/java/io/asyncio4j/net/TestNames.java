package io.asyncio4j.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (installed through {@code META-INF/services}): names a test
 * {@linkplain #define defines} resolve to the addresses it gives, in its order; every other
 * lookup goes to the JDK's own resolver unchanged; a name it {@linkplain #refuse refuses} is unknown. It lets a test give one host several loopback
 * addresses, which {@code /etc/hosts} here does not, and it {@linkplain #lookups counts} the
 * lookups of the names defined, so that a test can tell a lookup from a cached answer. The test
 * JVMs run with {@code -Dsun.net.inetaddr.ttl=0} (see the pom), so that the JDK's own cache does
 * not answer in its place.
 * <p>
 * Threading: any thread (the loop resolves on its executor).
 */
public final class TestNames extends InetAddressResolverProvider {
    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    /** Makes {@code name} resolve to {@code addrs} (in this order) until {@link #forget}. */
    public static void define(String name, InetAddress... addrs) {
        NAMES.put(name, List.of(addrs));
    }

    /** Makes the lookup of {@code name} fail ({@link UnknownHostException}) until {@link #forget}. */
    public static void refuse(String name) {
        NAMES.put(name, List.of());
    }

    /** Drops a name defined by {@link #define} or {@link #refuse}, and its lookup count; releases its lookups. */
    public static void forget(String name) {
        NAMES.remove(name);
        LOOKUPS.remove(name);
        release(name);
    }

    /**
     * Makes the lookups of {@code name} wait (on the resolver's thread) until {@link #release}: a
     * test can then act while a lookup is under way. Release before the test's loop goes idle.
     */
    public static void hold(String name) {
        HELD.put(name, new CountDownLatch(1));
    }

    /** Lets the held lookups of {@code name} (and later ones) answer. */
    public static void release(String name) {
        CountDownLatch gate = HELD.remove(name);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** How many times {@code name} (defined or refused here) was looked up since it was first defined. */
    public static int lookups(String name) {
        AtomicInteger n = LOOKUPS.get(name);
        return n == null ? 0 : n.get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<InetAddress> mine = NAMES.get(host);
                if (mine != null) {
                    LOOKUPS.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                    CountDownLatch gate = HELD.get(host);
                    if (gate != null) {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new UnknownHostException(host + ": interrupted while held by the test's TestNames");
                        }
                    }
                }
                if (mine != null && mine.isEmpty()) {
                    throw new UnknownHostException(host + ": refused by the test's TestNames");
                }
                return mine != null ? mine.stream() : builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "asyncio4j test names";
    }
}
