package io.asyncio4j.http.client;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Listeners for the points of a request's life, given to a session with
 * {@link ClientSessionOptions#withTraceConfigs}: each signal ({@link #onRequestStart()},
 * {@link #onConnectionCreateStart()}, ...) calls its {@link TraceCallback}s in the requesting task
 * with the session, a context made for that request ({@code C}, by the factory given; a
 * {@link TraceConfigContext} for {@link #create()}) and the signal's {@link TraceParams}:
 * <pre>{@code
 * TraceConfig<TraceConfigContext> tc = TraceConfig.create();
 * tc.onRequestStart().append((session, ctx, p) -> ctx.set("t0", System.nanoTime()));
 * tc.onRequestEnd().append((session, ctx, p) ->
 *         log(p.method() + " " + p.url() + " " + (System.nanoTime() - (long) ctx.get("t0")) + " ns"));
 * var session = new ClientSession(ClientSessionOptions.defaults().withTraceConfigs(List.of(tc)));
 * }</pre>
 * The signals come in aiohttp 3.8's order (checked against it): {@code request_start}; for each
 * exchange, {@code connection_queued_start}/{@code _end} if it waits under the limits, then
 * {@code connection_reuseconn} for an idle connection or {@code connection_create_start}, then
 * for a host name (not an address) {@code dns_cache_hit} when the session's DNS cache answers (or
 * another request's lookup of it is under way), else {@code dns_cache_miss} and the lookup's
 * {@code dns_resolvehost_start}/{@code _end} (only these two without the cache,
 * {@link ClientSessionOptions#withDnsCache}), and {@code connection_create_end};
 * {@code request_headers_sent}, {@code request_chunk_sent}; {@code request_redirect} before
 * following one; and last {@code request_end} (the final head is in) or {@code request_exception}.
 * {@code response_chunk_received} comes when {@link ClientResponse#read()} reads the body.
 * <p>
 * Making a session with it {@linkplain #freeze() freezes} it; it may serve several sessions.
 * <p>
 * Threading: append listeners from one thread before making a session; frozen, any thread. The
 * listeners run on the session's loop: in the requesting task, but for the DNS signals, which run
 * in the task resolving the host for that request (as aiohttp's {@code host_resolved}).
 * <p>
 * asyncio: {@code aiohttp.TraceConfig(trace_config_ctx_factory=SimpleNamespace)}
 *
 * @param <C> the type of the context each request's listeners share
 */
public final class TraceConfig<C> {
    private final Function<Object, ? extends C> contextFactory;
    private final TraceSignal<C, TraceParams.RequestStart> onRequestStart = new TraceSignal<>("on_request_start");
    private final TraceSignal<C, TraceParams.RequestChunkSent> onRequestChunkSent =
            new TraceSignal<>("on_request_chunk_sent");
    private final TraceSignal<C, TraceParams.ResponseChunkReceived> onResponseChunkReceived =
            new TraceSignal<>("on_response_chunk_received");
    private final TraceSignal<C, TraceParams.RequestEnd> onRequestEnd = new TraceSignal<>("on_request_end");
    private final TraceSignal<C, TraceParams.RequestException> onRequestException =
            new TraceSignal<>("on_request_exception");
    private final TraceSignal<C, TraceParams.RequestRedirect> onRequestRedirect =
            new TraceSignal<>("on_request_redirect");
    private final TraceSignal<C, TraceParams.RequestHeadersSent> onRequestHeadersSent =
            new TraceSignal<>("on_request_headers_sent");
    private final TraceSignal<C, TraceParams.ConnectionQueuedStart> onConnectionQueuedStart =
            new TraceSignal<>("on_connection_queued_start");
    private final TraceSignal<C, TraceParams.ConnectionQueuedEnd> onConnectionQueuedEnd =
            new TraceSignal<>("on_connection_queued_end");
    private final TraceSignal<C, TraceParams.ConnectionCreateStart> onConnectionCreateStart =
            new TraceSignal<>("on_connection_create_start");
    private final TraceSignal<C, TraceParams.ConnectionCreateEnd> onConnectionCreateEnd =
            new TraceSignal<>("on_connection_create_end");
    private final TraceSignal<C, TraceParams.ConnectionReuseconn> onConnectionReuseconn =
            new TraceSignal<>("on_connection_reuseconn");
    private final TraceSignal<C, TraceParams.DnsResolveHostStart> onDnsResolvehostStart =
            new TraceSignal<>("on_dns_resolvehost_start");
    private final TraceSignal<C, TraceParams.DnsResolveHostEnd> onDnsResolvehostEnd =
            new TraceSignal<>("on_dns_resolvehost_end");
    private final TraceSignal<C, TraceParams.DnsCacheHit> onDnsCacheHit = new TraceSignal<>("on_dns_cache_hit");
    private final TraceSignal<C, TraceParams.DnsCacheMiss> onDnsCacheMiss = new TraceSignal<>("on_dns_cache_miss");

    /**
     * A config whose requests' contexts {@code contextFactory} makes from the request's trace
     * request context (null when none was given). asyncio: {@code TraceConfig(trace_config_ctx_factory=)}
     */
    public TraceConfig(Function<Object, ? extends C> contextFactory) {
        this.contextFactory = Objects.requireNonNull(contextFactory, "TraceConfig(): the context factory is null; "
                + "use TraceConfig.create() for the default context");
    }

    /** A config whose contexts are {@link TraceConfigContext}s. asyncio: {@code aiohttp.TraceConfig()} */
    public static TraceConfig<TraceConfigContext> create() {
        return new TraceConfig<>(TraceConfigContext::new);
    }

    /**
     * A new context for one request made with {@code traceRequestCtx}.
     * asyncio: {@code TraceConfig.trace_config_ctx(trace_request_ctx=)}
     */
    public C traceConfigCtx(Object traceRequestCtx) {
        return contextFactory.apply(traceRequestCtx);
    }

    /** Fixes every signal's listeners; idempotent (making a session does it). asyncio: {@code TraceConfig.freeze()} */
    public void freeze() {
        for (TraceSignal<C, ?> s : signals()) {
            s.freeze();
        }
    }

    /** Whether listeners may still be appended (every signal's state). asyncio: {@code TraceConfig.on_request_start.frozen} */
    public TraceSignal.State state() {
        return onRequestStart.state();
    }

    /** Whether it is frozen. asyncio: {@code TraceConfig.on_request_start.frozen} */
    public boolean isFrozen() {
        return state() == TraceSignal.State.FROZEN;
    }

    private List<TraceSignal<C, ?>> signals() {
        return List.of(onRequestStart, onRequestChunkSent, onResponseChunkReceived, onRequestEnd, onRequestException,
                onRequestRedirect, onRequestHeadersSent, onConnectionQueuedStart, onConnectionQueuedEnd,
                onConnectionCreateStart, onConnectionCreateEnd, onConnectionReuseconn, onDnsResolvehostStart,
                onDnsResolvehostEnd, onDnsCacheHit, onDnsCacheMiss);
    }

    /** A request begins. asyncio: {@code TraceConfig.on_request_start} */
    public TraceSignal<C, TraceParams.RequestStart> onRequestStart() {
        return onRequestStart;
    }

    /** A piece of the request body goes out. asyncio: {@code TraceConfig.on_request_chunk_sent} */
    public TraceSignal<C, TraceParams.RequestChunkSent> onRequestChunkSent() {
        return onRequestChunkSent;
    }

    /** {@link ClientResponse#read()} read the body. asyncio: {@code TraceConfig.on_response_chunk_received} */
    public TraceSignal<C, TraceParams.ResponseChunkReceived> onResponseChunkReceived() {
        return onResponseChunkReceived;
    }

    /** The final response's head arrived. asyncio: {@code TraceConfig.on_request_end} */
    public TraceSignal<C, TraceParams.RequestEnd> onRequestEnd() {
        return onRequestEnd;
    }

    /** The request failed. asyncio: {@code TraceConfig.on_request_exception} */
    public TraceSignal<C, TraceParams.RequestException> onRequestException() {
        return onRequestException;
    }

    /** A redirect is followed. asyncio: {@code TraceConfig.on_request_redirect} */
    public TraceSignal<C, TraceParams.RequestRedirect> onRequestRedirect() {
        return onRequestRedirect;
    }

    /** The request's head goes out. asyncio: {@code TraceConfig.on_request_headers_sent} */
    public TraceSignal<C, TraceParams.RequestHeadersSent> onRequestHeadersSent() {
        return onRequestHeadersSent;
    }

    /** The request starts waiting for a connection. asyncio: {@code TraceConfig.on_connection_queued_start} */
    public TraceSignal<C, TraceParams.ConnectionQueuedStart> onConnectionQueuedStart() {
        return onConnectionQueuedStart;
    }

    /** The request stops waiting for a connection. asyncio: {@code TraceConfig.on_connection_queued_end} */
    public TraceSignal<C, TraceParams.ConnectionQueuedEnd> onConnectionQueuedEnd() {
        return onConnectionQueuedEnd;
    }

    /** A new connection is being made. asyncio: {@code TraceConfig.on_connection_create_start} */
    public TraceSignal<C, TraceParams.ConnectionCreateStart> onConnectionCreateStart() {
        return onConnectionCreateStart;
    }

    /** The new connection is made. asyncio: {@code TraceConfig.on_connection_create_end} */
    public TraceSignal<C, TraceParams.ConnectionCreateEnd> onConnectionCreateEnd() {
        return onConnectionCreateEnd;
    }

    /** An idle connection is reused. asyncio: {@code TraceConfig.on_connection_reuseconn} */
    public TraceSignal<C, TraceParams.ConnectionReuseconn> onConnectionReuseconn() {
        return onConnectionReuseconn;
    }

    /** A host name is being looked up. asyncio: {@code TraceConfig.on_dns_resolvehost_start} */
    public TraceSignal<C, TraceParams.DnsResolveHostStart> onDnsResolvehostStart() {
        return onDnsResolvehostStart;
    }

    /** The lookup answered. asyncio: {@code TraceConfig.on_dns_resolvehost_end} */
    public TraceSignal<C, TraceParams.DnsResolveHostEnd> onDnsResolvehostEnd() {
        return onDnsResolvehostEnd;
    }

    /**
     * The host's addresses come from the session's DNS cache, or from a lookup of the same host
     * and port that another request started and this one waits for (no lookup of its own).
     * asyncio: {@code TraceConfig.on_dns_cache_hit}
     */
    public TraceSignal<C, TraceParams.DnsCacheHit> onDnsCacheHit() {
        return onDnsCacheHit;
    }

    /**
     * The session's DNS cache has no fresh answer for the host and port, and no lookup of them is
     * under way: this request looks the host up (the resolvehost signals follow).
     * asyncio: {@code TraceConfig.on_dns_cache_miss}
     */
    public TraceSignal<C, TraceParams.DnsCacheMiss> onDnsCacheMiss() {
        return onDnsCacheMiss;
    }

    /** {@code <TraceConfig OPEN>} or {@code FROZEN}. */
    @Override
    public String toString() {
        return "<TraceConfig " + onRequestStart.state() + ">";
    }
}
