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

    /**
     * The group split in two by {@code condition}: the exceptions that match, and the rest, each
     * as a group keeping the nesting (null where there is none), as {@code except*} sees them:
     * {@code var s = eg.split(JobError.class); handle(s.matched()); if (s.rest() != null) throw s.rest();}
     * A group that matches as a whole goes whole to {@code matched}. asyncio: {@code eg.split(condition)}
     */
    public Split split(Predicate<Throwable> condition) {
        if (condition.test(this)) {
            return new Split(this, null);
        }
        List<Throwable> matched = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable t : exceptions) {
            if (t instanceof ExceptionGroupException g) {
                Split s = g.split(condition);
                if (s.matched() != null) {
                    matched.add(s.matched());
                }
                if (s.rest() != null) {
                    rest.add(s.rest());
                }
            } else if (condition.test(t)) {
                matched.add(t);
            } else {
                rest.add(t);
            }
        }
        if (matched.isEmpty() || rest.isEmpty()) {
            return matched.isEmpty() ? new Split(null, this) : new Split(this, null);
        }
        return new Split(new ExceptionGroupException(baseMessage(), matched),
                new ExceptionGroupException(baseMessage(), rest));
    }

    /** {@link #split(Predicate)} by type. asyncio: {@code eg.split(type)} */
    public Split split(Class<? extends Throwable> type) {
        return split(type::isInstance);
    }

    /**
     * What {@link #split} gives: the matching part and the rest, either null if empty.
     * asyncio: the {@code (match, rest)} pair of {@code eg.split()}
     */
    public record Split(ExceptionGroupException matched, ExceptionGroupException rest) {
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
