package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * One request's trace: the session's {@link TraceConfig}s, each with the context made for this
 * request, and the signals sent to their listeners in order (config by config, each config's
 * listeners in the order appended). A session without trace configs makes none: every point
 * that signals checks for null first, and that is all tracing costs it.
 * <p>
 * Threading: the task making the request (and reading its response), and the task resolving its
 * host (the DNS signals; the request waits for it meanwhile); one at a time, so no lock.
 * <p>
 * asyncio: aiohttp's {@code tracing.Trace}, one per trace config and request
 */
final class Tracer {
    private final ClientSession session;
    private final List<TraceConfig<?>> configs;
    private final Object[] contexts;
    private URI url; // the URL being fetched, for on_request_exception

    private Tracer(ClientSession session, List<TraceConfig<?>> configs, Object traceRequestCtx) {
        this.session = session;
        this.configs = configs;
        this.contexts = new Object[configs.size()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = configs.get(i).traceConfigCtx(traceRequestCtx);
        }
    }

    /** The trace of a new request, or null when the session has no trace config. */
    static Tracer of(ClientSession session, List<TraceConfig<?>> configs, Object traceRequestCtx) {
        return configs.isEmpty() ? null : new Tracer(session, configs, traceRequestCtx);
    }

    /** Notes the URL now being fetched (the first, then each redirect's). */
    void fetching(URI u) {
        url = u;
    }

    URI url() {
        return url;
    }

    void requestStart(String method, URI u, Headers headers) throws IOException {
        url = u;
        fire(TraceConfig::onRequestStart, new TraceParams.RequestStart(method, u, new Headers(headers)));
    }

    void requestEnd(String method, URI u, Headers headers, ClientResponse response) throws IOException {
        fire(TraceConfig::onRequestEnd, new TraceParams.RequestEnd(method, u, new Headers(headers), response));
    }

    void requestException(String method, Headers headers, Throwable e) throws IOException {
        fire(TraceConfig::onRequestException, new TraceParams.RequestException(method, url, new Headers(headers), e));
    }

    void requestRedirect(String method, URI u, Headers headers, ClientResponse response) throws IOException {
        fire(TraceConfig::onRequestRedirect, new TraceParams.RequestRedirect(method, u, new Headers(headers),
                response));
    }

    void requestHeadersSent(String method, URI u, Headers headers) throws IOException {
        fire(TraceConfig::onRequestHeadersSent, new TraceParams.RequestHeadersSent(method, u, new Headers(headers)));
    }

    void requestChunkSent(String method, URI u, byte[] chunk) throws IOException {
        fire(TraceConfig::onRequestChunkSent, new TraceParams.RequestChunkSent(method, u, chunk));
    }

    void responseChunkReceived(String method, URI u, byte[] chunk) throws IOException {
        fire(TraceConfig::onResponseChunkReceived, new TraceParams.ResponseChunkReceived(method, u, chunk));
    }

    void connectionQueuedStart() throws IOException {
        fire(TraceConfig::onConnectionQueuedStart, TraceParams.QUEUED_START);
    }

    void connectionQueuedEnd() throws IOException {
        fire(TraceConfig::onConnectionQueuedEnd, TraceParams.QUEUED_END);
    }

    void connectionCreateStart() throws IOException {
        fire(TraceConfig::onConnectionCreateStart, TraceParams.CREATE_START);
    }

    void connectionCreateEnd() throws IOException {
        fire(TraceConfig::onConnectionCreateEnd, TraceParams.CREATE_END);
    }

    void connectionReuseconn() throws IOException {
        fire(TraceConfig::onConnectionReuseconn, TraceParams.REUSECONN);
    }

    void dnsResolveHostStart(String host) throws IOException {
        fire(TraceConfig::onDnsResolvehostStart, new TraceParams.DnsResolveHostStart(host));
    }

    void dnsResolveHostEnd(String host) throws IOException {
        fire(TraceConfig::onDnsResolvehostEnd, new TraceParams.DnsResolveHostEnd(host));
    }

    void dnsCacheHit(String host) throws IOException {
        fire(TraceConfig::onDnsCacheHit, new TraceParams.DnsCacheHit(host));
    }

    void dnsCacheMiss(String host) throws IOException {
        fire(TraceConfig::onDnsCacheMiss, new TraceParams.DnsCacheMiss(host));
    }

    /**
     * Calls {@code signal}'s listeners of every config with {@code params}. May suspend (a
     * listener may). A listener's IOException, RuntimeException or Error goes through as it is
     * (CancelledError too), another checked exception wrapped in a ClientException.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <P> void fire(Function<TraceConfig<?>, TraceSignal<?, P>> signal, P params) throws IOException {
        for (int i = 0; i < contexts.length; i++) {
            TraceSignal<?, P> s = signal.apply(configs.get(i));
            for (TraceCallback cb : (List<TraceCallback>) (List) s.callbacks()) {
                try {
                    cb.call(session, contexts[i], params);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ClientException("ClientSession: a listener of " + s + " failed: " + e
                            + "; a trace listener's exception fails the request", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "<Tracer configs=" + configs.size() + " url=" + url + ">";
    }
}
