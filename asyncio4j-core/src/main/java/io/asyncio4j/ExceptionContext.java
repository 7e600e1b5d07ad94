package io.asyncio4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an exception handler is told: a message, usually an exception, and whatever else is
 * known ({@code "future"}, {@code "task"}, {@code "handle"}, {@code "transport"}, ...), under
 * asyncio's own key names. Immutable.
 * <p>
 * asyncio: the {@code context} dict passed to {@code loop.call_exception_handler}
 */
public final class ExceptionContext {
    private final Map<String, Object> values;

    private ExceptionContext(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A context with a message and an exception (which may be null).
     * asyncio: {@code {'message': ..., 'exception': ...}}
     */
    public static ExceptionContext of(String message, Throwable exception) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", message);
        if (exception != null) {
            m.put("exception", exception);
        }
        return new ExceptionContext(m);
    }

    /** A copy with {@code key} set to {@code value}. asyncio: {@code context[key] = value} */
    public ExceptionContext with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new ExceptionContext(m);
    }

    /** The message ({@code "message"}). asyncio: {@code context['message']} */
    public String message() {
        return (String) values.get("message");
    }

    /** The exception ({@code "exception"}), or null. asyncio: {@code context.get('exception')} */
    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    /** Any value by asyncio's key name, or null. asyncio: {@code context.get(key)} */
    public Object get(String key) {
        return values.get(key);
    }

    /** All values, in insertion order. asyncio: the context dict itself */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * The message, then each other value but the exception on a line of its own.
     * asyncio: the text default_exception_handler logs
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.valueOf(message()));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return sb.toString();
    }
}
