package io.asyncio4j.http.client;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-request context {@link TraceConfig#create()} gives each request's listeners: the
 * {@link RequestOptions#withTraceRequestCtx trace request context} the request was made with,
 * and named values the listeners keep between signals (a start time, a span):
 * <pre>{@code
 * tc.onRequestStart().append((s, ctx, p) -> ctx.set("start", loop.time()));
 * tc.onRequestEnd().append((s, ctx, p) -> log(loop.time() - (double) ctx.get("start")));
 * }</pre>
 * A new one per request and config.
 * <p>
 * Threading: the task making the request (its listeners run there).
 * <p>
 * asyncio: the {@code SimpleNamespace(trace_request_ctx=...)} aiohttp makes per request
 */
public final class TraceConfigContext {
    private final Object traceRequestCtx;
    private Map<String, Object> values;

    /** A context for a request made with {@code traceRequestCtx} (null: none). asyncio: {@code SimpleNamespace(trace_request_ctx=)} */
    public TraceConfigContext(Object traceRequestCtx) {
        this.traceRequestCtx = traceRequestCtx;
    }

    /** What the request was given with {@link RequestOptions#withTraceRequestCtx}, or null. asyncio: {@code ctx.trace_request_ctx} */
    public Object traceRequestCtx() {
        return traceRequestCtx;
    }

    /** Keeps {@code value} under {@code name} (null removes it). asyncio: {@code ctx.name = value} */
    public void set(String name, Object value) {
        if (value == null) {
            if (values != null) {
                values.remove(name);
            }
            return;
        }
        if (values == null) {
            values = new HashMap<>();
        }
        values.put(name, value);
    }

    /** The value kept under {@code name}, or null. asyncio: {@code getattr(ctx, name, None)} */
    public Object get(String name) {
        return values == null ? null : values.get(name);
    }

    /** {@code <TraceConfigContext trace_request_ctx=... values=[start]>}. */
    @Override
    public String toString() {
        return "<TraceConfigContext trace_request_ctx=" + traceRequestCtx
                + (values == null ? "" : " values=" + values.keySet()) + ">";
    }
}
