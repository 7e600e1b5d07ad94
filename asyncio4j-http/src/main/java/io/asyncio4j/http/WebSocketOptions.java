package io.asyncio4j.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A WebSocket's settings, the same on both sides ({@code WebSocketResponse} on a server,
 * {@code ClientSession.wsConnect} on a client). Immutable; start from {@link #defaults()}:
 * <pre>{@code
 * var ws = new WebSocketResponse(WebSocketOptions.defaults().withHeartbeat(Duration.ofSeconds(30)));
 * }</pre>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the keyword arguments of {@code aiohttp.web.WebSocketResponse(...)} and
 * {@code ClientSession.ws_connect(...)}
 *
 * @param protocols      subprotocols this side speaks, in order of preference; a server picks
 *                       the first the client asked for that is here. asyncio: {@code protocols=}
 * @param autoclose      answer the peer's close frame at once (default on); off, the
 *                       application sees the CLOSE message and calls {@code close()} itself.
 *                       asyncio: {@code autoclose=}
 * @param autoping       answer pings with pongs, and hide both from {@code receive()}
 *                       (default on). asyncio: {@code autoping=}
 * @param maxMessageSize the largest message received, in bytes (default 4 MiB; 0: no limit); a
 *                       larger one closes the WebSocket with 1009. asyncio: {@code max_msg_size=}
 * @param closeTimeout   how long {@code close()} waits for the peer's close frame (default 10 s).
 *                       asyncio: {@code timeout=}
 * @param receiveTimeout how long one {@code receive()} waits (default zero: no limit).
 *                       asyncio: {@code receive_timeout=}
 * @param heartbeat      send a ping after this long without a message from the peer, and close
 *                       with 1006 if nothing arrives within half of it again (default zero:
 *                       none). What arrives is seen only by a task inside {@code receive()}: a
 *                       side that only sends is closed by its own heartbeat, as in aiohttp.
 *                       asyncio: {@code heartbeat=}
 */
public record WebSocketOptions(List<String> protocols, boolean autoclose, boolean autoping, long maxMessageSize,
                               Duration closeTimeout, Duration receiveTimeout, Duration heartbeat) {
    /** The default {@link #maxMessageSize()}: 4 MiB, as aiohttp's. asyncio: {@code max_msg_size=4*1024*1024} */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 4L << 20;

    private static final WebSocketOptions DEFAULTS = new WebSocketOptions(List.of(), true, true,
            DEFAULT_MAX_MESSAGE_SIZE, Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);

    /** Checks the values. asyncio: none (aiohttp takes any) */
    public WebSocketOptions {
        protocols = List.copyOf(Objects.requireNonNull(protocols,
                "WebSocketOptions: protocols is null; give List.of() for none"));
        for (String p : protocols) {
            if (p.isEmpty() || !p.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("WebSocketOptions: the subprotocol \"" + p + "\" is not an HTTP "
                        + "token; use letters, digits and !#$%&'*+-.^_`|~");
            }
        }
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("WebSocketOptions: maxMessageSize is " + maxMessageSize
                    + "; give a size in bytes, or 0 for no limit");
        }
        closeTimeout = nonNegative(closeTimeout, "closeTimeout");
        receiveTimeout = nonNegative(receiveTimeout, "receiveTimeout");
        heartbeat = nonNegative(heartbeat, "heartbeat");
    }

    private static Duration nonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("WebSocketOptions: " + name + " is " + d
                    + "; give a duration, or Duration.ZERO for none");
        }
        return d;
    }

    /** The defaults, as aiohttp's. asyncio: {@code WebSocketResponse()} / {@code ws_connect(url)} */
    public static WebSocketOptions defaults() {
        return DEFAULTS;
    }

    /** With these subprotocols. asyncio: {@code protocols=} */
    public WebSocketOptions withProtocols(String... protocols) {
        return new WebSocketOptions(List.of(protocols), autoclose, autoping, maxMessageSize, closeTimeout,
                receiveTimeout, heartbeat);
    }

    /** With {@code autoclose}. asyncio: {@code autoclose=} */
    public WebSocketOptions withAutoclose(boolean autoclose) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                heartbeat);
    }

    /** With {@code autoping}. asyncio: {@code autoping=} */
    public WebSocketOptions withAutoping(boolean autoping) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                heartbeat);
    }

    /** With this message size limit (0: none). asyncio: {@code max_msg_size=} */
    public WebSocketOptions withMaxMessageSize(long bytes) {
        return new WebSocketOptions(protocols, autoclose, autoping, bytes, closeTimeout, receiveTimeout, heartbeat);
    }

    /** With this close-handshake timeout. asyncio: {@code timeout=} */
    public WebSocketOptions withCloseTimeout(Duration timeout) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, timeout, receiveTimeout,
                heartbeat);
    }

    /** With this timeout per {@code receive()} (zero: none). asyncio: {@code receive_timeout=} */
    public WebSocketOptions withReceiveTimeout(Duration timeout) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, timeout, heartbeat);
    }

    /** With this heartbeat (zero: none). asyncio: {@code heartbeat=} */
    public WebSocketOptions withHeartbeat(Duration interval) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                interval);
    }
}
