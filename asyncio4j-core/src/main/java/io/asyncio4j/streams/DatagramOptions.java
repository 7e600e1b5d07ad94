package io.asyncio4j.streams;

/**
 * Options of a datagram endpoint ({@code EventLoop.createDatagramEndpoint}). Immutable; start
 * from {@link #defaults()}.
 * <p>
 * asyncio: the keyword arguments of {@code loop.create_datagram_endpoint()}
 *
 * @param reusePort SO_REUSEPORT (default false). asyncio: {@code reuse_port=}
 * @param allowBroadcast SO_BROADCAST (default false). asyncio: {@code allow_broadcast=}
 */
public record DatagramOptions(boolean reusePort, boolean allowBroadcast) {
    private static final DatagramOptions DEFAULTS = new DatagramOptions(false, false);

    /** No SO_REUSEPORT, no broadcast. */
    public static DatagramOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with SO_REUSEPORT on or off. */
    public DatagramOptions withReusePort(boolean on) {
        return new DatagramOptions(on, allowBroadcast);
    }

    /** A copy with SO_BROADCAST on or off. */
    public DatagramOptions withAllowBroadcast(boolean on) {
        return new DatagramOptions(reusePort, on);
    }
}
