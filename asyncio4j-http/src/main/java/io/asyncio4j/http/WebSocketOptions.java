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
 * @param compress       permessage-deflate (RFC 7692), as window bits: 0 off, 9 to 15 on, or
 *                       {@link #COMPRESS_SIDE_DEFAULT} (the default) for aiohttp's default on each
 *                       side — a server accepts a client's offer, a client offers nothing. A
 *                       server with any of 9 to 15 accepts an offer it can honour (one that does
 *                       not limit its own window below 15 bits: the JDK's Deflater cannot); a
 *                       client offers the extension, asking the server for a window of
 *                       {@code compress} bits when below 15 (its own window is always 15: unlike
 *                       aiohttp's client, it never offers to limit it). Messages are then
 *                       compressed whole, and the size limit holds for their decompressed size.
 *                       asyncio: {@code WebSocketResponse(compress=True)}, {@code ws_connect(compress=0)}
 */
public record WebSocketOptions(List<String> protocols, boolean autoclose, boolean autoping, long maxMessageSize,
                               Duration closeTimeout, Duration receiveTimeout, Duration heartbeat, int compress) {
    /** The default {@link #maxMessageSize()}: 4 MiB, as aiohttp's. asyncio: {@code max_msg_size=4*1024*1024} */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 4L << 20;

    /**
     * {@link #compress()}'s default: each side as aiohttp's — a server accepts permessage-deflate
     * ({@code compress=True}), a client does not offer it ({@code compress=0}). asyncio: none
     */
    public static final int COMPRESS_SIDE_DEFAULT = -1;

    private static final WebSocketOptions DEFAULTS = new WebSocketOptions(List.of(), true, true,
            DEFAULT_MAX_MESSAGE_SIZE, Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO, COMPRESS_SIDE_DEFAULT);

    /** Without {@code compress}: each side's default ({@link #COMPRESS_SIDE_DEFAULT}). asyncio: none */
    public WebSocketOptions(List<String> protocols, boolean autoclose, boolean autoping, long maxMessageSize,
                            Duration closeTimeout, Duration receiveTimeout, Duration heartbeat) {
        this(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout, heartbeat,
                COMPRESS_SIDE_DEFAULT);
    }

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
        if (compress != COMPRESS_SIDE_DEFAULT && compress != 0 && (compress < 9 || compress > 15)) {
            throw new IllegalArgumentException("WebSocketOptions: compress is " + compress + "; give window bits "
                    + "from 9 to 15, 0 for no compression, or COMPRESS_SIDE_DEFAULT (zlib cannot compress with 8)");
        }
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
                receiveTimeout, heartbeat, compress);
    }

    /** With {@code autoclose}. asyncio: {@code autoclose=} */
    public WebSocketOptions withAutoclose(boolean autoclose) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                heartbeat, compress);
    }

    /** With {@code autoping}. asyncio: {@code autoping=} */
    public WebSocketOptions withAutoping(boolean autoping) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                heartbeat, compress);
    }

    /** With this message size limit (0: none). asyncio: {@code max_msg_size=} */
    public WebSocketOptions withMaxMessageSize(long bytes) {
        return new WebSocketOptions(protocols, autoclose, autoping, bytes, closeTimeout, receiveTimeout, heartbeat, compress);
    }

    /** With this close-handshake timeout. asyncio: {@code timeout=} */
    public WebSocketOptions withCloseTimeout(Duration timeout) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, timeout, receiveTimeout,
                heartbeat, compress);
    }

    /** With this timeout per {@code receive()} (zero: none). asyncio: {@code receive_timeout=} */
    public WebSocketOptions withReceiveTimeout(Duration timeout) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, timeout, heartbeat, compress);
    }

    /**
     * With permessage-deflate as {@code wbits} (0: off; 9 to 15: on; see {@link #compress()}).
     * asyncio: {@code ws_connect(compress=15)}, {@code WebSocketResponse(compress=False)}
     */
    public WebSocketOptions withCompress(int wbits) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                heartbeat, wbits);
    }

    /**
     * Whether a server with these options accepts a client's permessage-deflate offer: unless
     * {@code compress} is 0. asyncio: {@code WebSocketResponse(compress=)}
     */
    public boolean serverAcceptsCompress() {
        return compress != 0;
    }

    /**
     * The window bits a client with these options offers permessage-deflate with, or 0 for no
     * offer (the default). asyncio: {@code ws_connect(compress=)}
     */
    public int clientCompress() {
        return Math.max(compress, 0);
    }

    /** With this heartbeat (zero: none). asyncio: {@code heartbeat=} */
    public WebSocketOptions withHeartbeat(Duration interval) {
        return new WebSocketOptions(protocols, autoclose, autoping, maxMessageSize, closeTimeout, receiveTimeout,
                interval, compress);
    }
}
