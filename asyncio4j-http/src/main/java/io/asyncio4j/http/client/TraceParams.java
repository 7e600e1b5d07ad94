package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.net.URI;

/**
 * The parameters each {@link TraceSignal} hands its listeners, one record per signal, named as
 * aiohttp's {@code Trace...Params} without the prefix and suffix. Header fields are a copy made
 * for the signal; a chunk is the bytes themselves (do not change them).
 * <p>
 * Threading: immutable records (but for the arrays and header copies they carry); the listeners
 * run in the requesting task (the DNS signals: in the task resolving its host).
 * <p>
 * asyncio: the {@code aiohttp.Trace*Params} classes
 */
public final class TraceParams {
    private TraceParams() {
    }

    /**
     * A request begins: its method, its URL (with the query {@link RequestOptions#withParams} added)
     * and the fields the caller gave (the session's, then the request's over them).
     * asyncio: {@code TraceRequestStartParams(method, url, headers)}
     */
    public record RequestStart(String method, URI url, Headers headers) {
    }

    /**
     * A piece of the request body is about to go out (the whole in-memory body in one piece, an
     * empty one when there is none, as aiohttp writes {@code b""}; each piece of a streamed body,
     * empty ones too). asyncio: {@code TraceRequestChunkSentParams(method, url, chunk)}
     */
    public record RequestChunkSent(String method, URI url, byte[] chunk) {
    }

    /**
     * {@link ClientResponse#read()} (or {@code text()}, {@code json()}) read the body: the whole of
     * what it returns, decoded, once (as aiohttp 3.8 signals in {@code read()} only).
     * asyncio: {@code TraceResponseChunkReceivedParams(method, url, chunk)}
     */
    public record ResponseChunkReceived(String method, URI url, byte[] chunk) {
    }

    /**
     * The final response's head has arrived (after the redirects, before its body is read); the
     * URL is the last one, the fields those of {@link RequestStart}.
     * asyncio: {@code TraceRequestEndParams(method, url, headers, response)}
     */
    public record RequestEnd(String method, URI url, Headers headers, ClientResponse response) {
    }

    /**
     * The request failed (or was cancelled, or timed out, or {@code raiseForStatus} raised); the
     * URL is the one being fetched when it did. asyncio: {@code TraceRequestExceptionParams(method, url, headers, exception)}
     */
    public record RequestException(String method, URI url, Headers headers, Throwable exception) {
    }

    /**
     * A redirect is about to be followed: the method and URL that were answered with it, and the
     * redirect response. asyncio: {@code TraceRequestRedirectParams(method, url, headers, response)}
     */
    public record RequestRedirect(String method, URI url, Headers headers, ClientResponse response) {
    }

    /**
     * The request's head is about to go out: the fields as written (Host, User-Agent, the body's
     * framing...). asyncio: {@code TraceRequestHeadersSentParams(method, url, headers)}
     */
    public record RequestHeadersSent(String method, URI url, Headers headers) {
    }

    /** The request waits for a connection under the session's limits. asyncio: {@code TraceConnectionQueuedStartParams()} */
    public record ConnectionQueuedStart() {
    }

    /** The wait is over: the request has its slot or an idle connection. asyncio: {@code TraceConnectionQueuedEndParams()} */
    public record ConnectionQueuedEnd() {
    }

    /** A new connection is being made (name lookup, connect, proxy, TLS). asyncio: {@code TraceConnectionCreateStartParams()} */
    public record ConnectionCreateStart() {
    }

    /** The new connection is ready. asyncio: {@code TraceConnectionCreateEndParams()} */
    public record ConnectionCreateEnd() {
    }

    /** An idle connection from the pool is taken. asyncio: {@code TraceConnectionReuseconnParams()} */
    public record ConnectionReuseconn() {
    }

    /** A host name (not an address) is being looked up. asyncio: {@code TraceDnsResolveHostStartParams(host)} */
    public record DnsResolveHostStart(String host) {
    }

    /** The lookup answered. asyncio: {@code TraceDnsResolveHostEndParams(host)} */
    public record DnsResolveHostEnd(String host) {
    }

    /**
     * The host's addresses come from the session's DNS cache (or from a lookup another request
     * started, which this one waits for). asyncio: {@code TraceDnsCacheHitParams(host)}
     */
    public record DnsCacheHit(String host) {
    }

    /** The DNS cache has no fresh answer: this request looks the host up. asyncio: {@code TraceDnsCacheMissParams(host)} */
    public record DnsCacheMiss(String host) {
    }

    static final ConnectionQueuedStart QUEUED_START = new ConnectionQueuedStart();
    static final ConnectionQueuedEnd QUEUED_END = new ConnectionQueuedEnd();
    static final ConnectionCreateStart CREATE_START = new ConnectionCreateStart();
    static final ConnectionCreateEnd CREATE_END = new ConnectionCreateEnd();
    static final ConnectionReuseconn REUSECONN = new ConnectionReuseconn();
}
