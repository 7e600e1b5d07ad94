package io.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The future behind {@link Asyncio#gather}: done when every child is, or at the first failure
 * (unless outcomes are collected). Cancelling it cancels the children. A failing child does not
 * cancel its siblings: they keep running, as in asyncio.
 * <p>
 * A port of asyncio's {@code gather} and {@code _GatheringFuture}. Loop thread only.
 *
 * @param <R> the element type of the result list
 */
final class GatheringFuture<R> extends Future<List<R>> {
    private final List<Future<?>> children;
    private boolean cancelRequested;

    private GatheringFuture(EventLoop loop, List<Future<?>> children) {
        super(loop);
        this.children = children;
    }

    /**
     * Gathers {@code futures}; {@code outcome} turns each done child into a list element when
     * exceptions are collected, or is null when the first exception fails the whole.
     */
    static <T, R> GatheringFuture<R> start(EventLoop loop, List<? extends Future<? extends T>> futures,
                                           Function<Future<? extends T>, R> outcome) {
        // the same awaitable twice is one child, listed twice (asyncio's arg_to_fut); see below
        List<Future<?>> children = new ArrayList<>(futures);
        GatheringFuture<R> outer = new GatheringFuture<>(loop, children);
        int[] total = {0}; // distinct children; final before any onDone runs (callbacks are queued)
        int[] finished = {0};
        java.util.function.Consumer<Future<?>> onDone = new java.util.function.Consumer<>() {
            @Override
            @SuppressWarnings("unchecked")
            public void accept(Future<?> fut) {
                finished[0]++;
                if (outer.isDone()) {
                    if (!fut.isCancelled()) {
                        fut.exception(); // mark it retrieved: the gather already failed
                    }
                    return;
                }
                if (outcome == null) {
                    if (fut.isCancelled()) {
                        outer.completeWithException(fut.makeCancelledError());
                        return;
                    }
                    Throwable exc = fut.exception();
                    if (exc != null) {
                        outer.completeWithException(exc);
                        return;
                    }
                }
                if (finished[0] == total[0]) {
                    List<R> results = new ArrayList<>(children.size());
                    for (Future<?> child : children) {
                        if (outcome != null) {
                            results.add(outcome.apply((Future<? extends T>) child));
                        } else {
                            results.add((R) child.result());
                        }
                    }
                    if (outer.cancelRequested) {
                        outer.completeWithException(fut.makeCancelledError());
                    } else {
                        outer.completeWithResult(results);
                    }
                }
            }
        };
        List<Future<?>> alreadyDone = new ArrayList<>();
        // A pending child seen before already carries onDone (a fresh object: nobody else has it),
        // so only done children need an identity map, built lazily: gathering 100,000 new tasks
        // then computes no identity hash at all.
        Map<Future<?>, Boolean> doneSeen = null;
        for (Future<?> f : children) {
            if (f.isDone()) {
                if (doneSeen == null) {
                    doneSeen = new IdentityHashMap<>();
                }
                if (doneSeen.put(f, Boolean.TRUE) == null) {
                    total[0]++;
                    alreadyDone.add(f);
                }
            } else if (!f.hasDoneCallback(onDone)) {
                total[0]++;
                addCallback(f, onDone);
            }
        }
        for (Future<?> f : alreadyDone) {
            onDone.accept(f);
        }
        if (total[0] == 0) {
            outer.completeWithResult(new ArrayList<>());
        }
        return outer;
    }

    @SuppressWarnings("unchecked")
    private static <X> void addCallback(Future<X> f, java.util.function.Consumer<Future<?>> cb) {
        f.addDoneCallback((java.util.function.Consumer<? super Future<X>>) (Object) cb);
    }

    /** Cancels every child; the gather ends cancelled once they are done. */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread("gather().cancel()");
        if (isDone()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(msg)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }
}
