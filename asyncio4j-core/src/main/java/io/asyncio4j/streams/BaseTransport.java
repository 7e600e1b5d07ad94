package io.asyncio4j.streams;

/**
 * What every transport can do: report extra information, close, and swap its protocol.
 * Loop thread only.
 * <p>
 * asyncio: {@code asyncio.BaseTransport}
 */
public interface BaseTransport {

    /**
     * Extra information under asyncio's key names ({@code "peername"}, {@code "sockname"},
     * {@code "socket"}, {@code "sslcontext"}, {@code "ssl_object"}, {@code "cipher"},
     * {@code "peercert"}, {@code "pipe"}, {@code "subprocess"}...), or null.
     * asyncio: {@code get_extra_info(name)}
     */
    Object getExtraInfo(String name);

    /** {@link #getExtraInfo(String)} with a default. asyncio: {@code get_extra_info(name, default)} */
    default Object getExtraInfo(String name, Object defaultValue) {
        Object v = getExtraInfo(name);
        return v != null ? v : defaultValue;
    }

    /** True once closing or closed. asyncio: {@code is_closing()} */
    boolean isClosing();

    /**
     * Closes the transport: buffered data is still sent, then the protocol's
     * {@code connectionLost(null)} is called (via the ready queue). asyncio: {@code close()}
     */
    void close();

    /** Replaces the protocol. asyncio: {@code set_protocol()} */
    void setProtocol(BaseProtocol protocol);

    /** The current protocol. asyncio: {@code get_protocol()} */
    BaseProtocol getProtocol();
}
