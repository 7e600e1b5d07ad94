package io.asyncio4j.internal;

/**
 * What the loop calls when a channel registered with {@link LoopCore#register} is ready.
 * <p>
 * The selector step records the ready operations and appends the handler to the ready queue,
 * so I/O callbacks run in the same FIFO as every other callback (asyncio's
 * {@code _process_events} does the same with its reader and writer handles). Loop-thread only.
 */
public abstract class IoHandler implements Runnable {
    int readyOps;
    boolean queued;

    /** Called on the loop thread with the operations that were ready at the last poll. */
    protected abstract void onReady(int readyOps);

    @Override
    public final void run() {
        queued = false;
        int ops = readyOps;
        readyOps = 0;
        onReady(ops);
    }
}
