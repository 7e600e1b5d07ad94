package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Several exceptions raised together, as a {@link TaskGroup} does when its tasks fail. Each one
 * is also attached as a suppressed exception, so a stack trace shows them all.
 * <p>
 * asyncio: {@code ExceptionGroup} / {@code BaseExceptionGroup}
 */
public class ExceptionGroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions} (kept in order) under {@code message}.
     * asyncio: {@code ExceptionGroup(message, exceptions)}
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroupException(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("ExceptionGroupException: the list of exceptions is empty");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : exceptions) {
            addSuppressed(t);
        }
    }

    /** The exceptions, in the order they happened. asyncio: {@code eg.exceptions} */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /**
     * The exceptions matching {@code condition}, nested groups searched too, as a group; null
     * if none match. asyncio: {@code eg.subgroup(condition)}
     */
    public ExceptionGroupException subgroup(Predicate<Throwable> condition) {
        List<Throwable> kept = new ArrayList<>();
        for (Throwable t : exceptions) {
            if (condition.test(t)) {
                kept.add(t);
            } else if (t instanceof ExceptionGroupException g) {
                ExceptionGroupException sub = g.subgroup(condition);
                if (sub != null) {
                    kept.add(sub);
                }
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        return new ExceptionGroupException(baseMessage(), kept);
    }

    /**
     * The exceptions of type {@code type}, nested groups searched too; null if none.
     * asyncio: {@code eg.subgroup(type)}
     */
    public ExceptionGroupException subgroup(Class<? extends Throwable> type) {
        return subgroup(type::isInstance);
    }

    /** True if some exception, nested groups included, is of type {@code type}. asyncio: {@code except* type:} */
    public boolean contains(Class<? extends Throwable> type) {
        return subgroup(type) != null;
    }

    private String baseMessage() {
        String m = getMessage();
        int paren = m.lastIndexOf(" (");
        return paren < 0 ? m : m.substring(0, paren);
    }
}
