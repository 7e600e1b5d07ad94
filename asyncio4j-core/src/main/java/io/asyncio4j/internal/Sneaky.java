package io.asyncio4j.internal;

/**
 * Rethrows any throwable without declaring it: an awaited future's checked exception reaches
 * the awaiting code as the same object, as in Python, instead of wrapped.
 */
public final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t} as it is. Declared to return an exception so callers can write
     * {@code throw Sneaky.rethrow(t);} and the compiler sees the path end.
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E raise(Throwable t) throws E {
        throw (E) t;
    }
}
