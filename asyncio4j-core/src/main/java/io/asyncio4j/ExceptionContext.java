package io.asyncio4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * The text the default handler logs: the message (or "Unhandled exception in event loop" when
     * there is none), then every other key but the exception, sorted by name, one per line as
     * {@code key: repr(value)}. Python quotes strings, shows None, and a nested context (the
     * {@code "context"} of "Unhandled error in exception handler") as a dict.
     * asyncio: the text {@code default_exception_handler} logs
     */
    @Override
    public String toString() {
        String message = message();
        StringBuilder sb = new StringBuilder(message == null || message.isEmpty()
                ? "Unhandled exception in event loop" : message);
        for (Map.Entry<String, Object> e : new TreeMap<>(nonNullKeys()).entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ");
                if (e.getKey().equals("source_traceback") && e.getValue() instanceof List<?> frames) {
                    appendCreatedAt(sb, frames);
                } else {
                    sb.append(repr(e.getValue()));
                }
            }
        }
        return sb.toString();
    }

    /**
     * asyncio's {@code source_traceback} text: "Object created at (most recent call last):", then
     * one {@code File "...", line N, in ...} line per frame, outermost first (a Java stack trace
     * lists the innermost first). Python adds each frame's source line; a JVM has none to show.
     */
    private static void appendCreatedAt(StringBuilder sb, List<?> frames) {
        sb.append("Object created at (most recent call last):");
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i) instanceof StackTraceElement f) {
                sb.append("\n  File \"").append(f.getFileName()).append("\", line ").append(f.getLineNumber())
                        .append(", in ").append(f.getClassName()).append('.').append(f.getMethodName());
            } else {
                sb.append("\n  ").append(frames.get(i));
            }
        }
    }

    /** The values, without a null key (TreeMap refuses one; asyncio's keys are strings). */
    private Map<String, Object> nonNullKeys() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.remove(null);
        return m;
    }

    /** Python's repr of a context value; a nested context is a dict in insertion order. */
    private static String repr(Object value) {
        if (value instanceof ExceptionContext c) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : c.values.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(Repr.of(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return Repr.of(value);
    }
}
