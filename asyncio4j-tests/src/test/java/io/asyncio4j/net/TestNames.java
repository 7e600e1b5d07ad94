package io.asyncio4j.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (installed through {@code META-INF/services}): names a test
 * {@linkplain #define defines} resolve to the addresses it gives, in its order; every other
 * lookup goes to the JDK's own resolver unchanged; a name it {@linkplain #refuse refuses} is unknown. It lets a test give one host several loopback
 * addresses, which {@code /etc/hosts} here does not.
 * <p>
 * Threading: any thread (the loop resolves on its executor).
 */
public final class TestNames extends InetAddressResolverProvider {
    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    /** Makes {@code name} resolve to {@code addrs} (in this order) until {@link #forget}. */
    public static void define(String name, InetAddress... addrs) {
        NAMES.put(name, List.of(addrs));
    }

    /** Makes the lookup of {@code name} fail ({@link UnknownHostException}) until {@link #forget}. */
    public static void refuse(String name) {
        NAMES.put(name, List.of());
    }

    /** Drops a name defined by {@link #define} or {@link #refuse}. */
    public static void forget(String name) {
        NAMES.remove(name);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<InetAddress> mine = NAMES.get(host);
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
