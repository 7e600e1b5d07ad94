package io.asyncio4j.internal;

import io.asyncio4j.LoopClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The scheduler under {@code io.asyncio4j.EventLoop}: ready queue, timer heap, selector and the
 * inbox for other threads, and the iteration that drives them (asyncio's
 * {@code BaseEventLoop._run_once}).
 * <p>
 * One iteration: drain the inbox; poll the selector (not at all when nothing is registered and
 * work is ready, else without blocking when work is ready, else until the next timer); queue
 * the ready I/O handlers, then the due timers; run exactly the items queued at that point —
 * items they add wait for the next iteration. After each item, before the next, run what it
 * asked to run at once: a hand-off ({@link #armHandoff}) and the follow-ups of eager task starts
 * ({@link #pushFollowUp}); they belong to the item, as nested calls would in asyncio.
 * <p>
 * Threading. Everything here is owned by the loop thread while running: the thread in
 * {@link #thread}, or a strand whose step it is running ({@link #runningThread}). While not
 * running, one thread at a time may prepare the loop; work it queues goes through the inbox.
 * The thread-safe entry points are {@link #callThreadsafe},
 * {@link #schedule} (the loom engine's executor, called by JDK threads too) and {@link #wakeUp}.
 */
public final class LoopCore {
    /** Loop-thread only. */
    final ReadyQueue ready = new ReadyQueue();
    /** Loop-thread only. */
    final TimerHeap timers = new TimerHeap();
    /** Any thread adds; the loop thread drains. */
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Consumer<SelectionKey> onSelected = this::queueSelected;
    private final LoopClock clock;
    private final Host host;
    public final Engine engine;

    /** The thread running the loop, null while not running. Written by the loop thread. */
    private volatile Thread thread;
    /**
     * The loop thread's context slot ({@link CurrentContext}), taken when it starts running:
     * callbacks run in their captured context by swapping it. Loop thread only.
     */
    public CurrentContext.Slot contextSlot;
    /** The strand thread whose step the loop thread is running now, else null. Loop-thread only. */
    Thread runningThread;
    /**
     * True from {@link #armHandoff()} until the next {@link #schedule} on the loop thread (which
     * then fills {@link #runNext} instead of the queue) or {@link #disarmHandoff()}. Loop-thread only.
     */
    private boolean handoffArmed;
    /** The ready queue's size when the hand-off was armed (only items are added while one runs). */
    private int handoffMark;
    private Runnable runNext;
    /**
     * Follow-ups of the item running now that must run before the rest of the ready queue: the
     * steps of eager task starts (see {@link #pushFollowUp}). A stack: what the latest step pushed
     * runs first, so nested eager starts unwind like nested calls. Runs after {@link #runNext}
     * (a hand-off continues the step that armed it). Empty between items. Loop-thread only.
     */
    private Runnable[] followUps = new Runnable[8];
    private int followUpCount;
    private boolean stopping;
    /**
     * An error that must leave the loop at once, thrown out of {@link #runOnce()} after the item
     * that raised it (asyncio lets KeyboardInterrupt and SystemExit escape a callback or a task
     * step and {@code run_until_complete}). Loop-thread only.
     */
    private Throwable escaping;
    /** True while the loop blocks in select; foreign threads then wake the selector. */
    private volatile boolean sleeping;
    private int registeredChannels;
    /**
     * True after {@link #deregister} until the next select: the JDK closes a deregistered
     * channel's file descriptor only when the selector processes the cancelled key, so the loop
     * must select even if nothing else is registered (networking, branch net). Loop-thread only.
     */
    private boolean cancelledKeys;
    /** Work running on other threads on the loop's behalf (executor jobs); see LoopClock. */
    private final AtomicInteger externalWork = new AtomicInteger();
    private boolean debug;
    private long slowStepNanos = 100_000_000L;
    private boolean closed;

    /** What the loop reports to its owner ({@code EventLoop}). Called on the loop thread. */
    public interface Host {
        /** An item of the ready queue threw. */
        void onItemFailed(Runnable item, Throwable error);

        /** Debug mode: an item ran for at least the slow-step threshold. */
        void onSlowItem(Runnable item, long nanos);
    }

    public LoopCore(LoopClock clock, Host host) {
        this.clock = clock;
        this.host = host;
        this.engine = Engine.get();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("asyncio4j: cannot open a selector for the event loop", e);
        }
    }

    // ---- time ------------------------------------------------------------------------------

    /** The loop clock, in nanoseconds. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    public LoopClock clock() {
        return clock;
    }

    // ---- ownership -------------------------------------------------------------------------

    /**
     * True when the calling thread may touch loop-owned state: while running, the loop thread or
     * a strand running on it; while not running, any thread (as in asyncio; work queued then
     * goes through the inbox, see {@link #callSoon}).
     */
    public boolean onLoop() {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        Thread c = Thread.currentThread();
        return c == t || c == runningThread;
    }

    /** True when the calling thread runs the loop now (the loop thread or one of its strands). */
    public boolean inLoopThread() {
        Thread t = thread;
        Thread c = Thread.currentThread();
        return t != null && (c == t || c == runningThread);
    }

    /** The thread running the loop now, or null. */
    public Thread thread() {
        return thread;
    }

    public boolean isRunning() {
        return thread != null;
    }

    // ---- queueing --------------------------------------------------------------------------

    /**
     * Appends to the ready queue. Loop-thread only (callers check). While the loop is not
     * running, work goes through the inbox instead, so that whatever thread prepares the loop
     * and the JDK threads that wake tasks meanwhile keep one FIFO order.
     */
    public void callSoon(Runnable r) {
        if (thread == null) {
            inbox.add(r);
        } else {
            enqueue(r);
        }
    }

    /**
     * Appends to the ready queue behind whatever other threads posted before: asyncio's
     * {@code call_soon_threadsafe} appends to the same FIFO at once, so work another thread
     * posted before this call (and that this thread may have waited for) must not run after it.
     * Loop-thread only. An empty inbox costs a read of its head.
     */
    private void enqueue(Runnable r) {
        if (!inbox.isEmpty()) {
            drainInbox();
        }
        ready.add(r);
    }

    /**
     * Queues {@code r} from any thread: directly when on the loop, else through the inbox,
     * waking the loop if it sleeps. The loom engine's executor lands here.
     */
    public void schedule(Runnable r) {
        if (inLoopThread()) {
            if (handoffArmed) {
                handoffArmed = false;
                // only if nothing was queued since the arming: what the same item queued first
                // must still run first (asyncio's call_soon order)
                if (runNext == null && ready.size() == handoffMark) {
                    runNext = r;
                    return;
                }
            }
            enqueue(r);
        } else {
            callThreadsafe(r);
        }
    }

    /**
     * The next {@link #schedule} on the loop thread (a strand being woken) runs right after the
     * item running now, before the rest of the ready queue, unless that item queued something
     * else first (which keeps its place in front): see {@link Strand#wakeNext()}, and the
     * stream transports' read callback, whose first woken reader gets the bytes while they are
     * still in the CPU's cache. Loop-thread only.
     */
    public void armHandoff() {
        handoffArmed = true;
        handoffMark = ready.size();
    }

    /** Ends an {@link #armHandoff()} no strand took: later wake-ups queue at the tail again. Loop-thread only. */
    public void disarmHandoff() {
        handoffArmed = false;
    }

    /**
     * Pushes {@code r} to run once the current step ends (and any hand-off it armed has run),
     * before the rest of the ready queue and before what was pushed earlier. An eager task start
     * ({@link Strand#startEager()}) pushes "resume the creator", then "start the new task", and
     * suspends the creator: the loop thread then runs the new task's first step, then the
     * creator, with nothing else in between. Loop-thread only.
     */
    public void pushFollowUp(Runnable r) {
        if (followUpCount == followUps.length) {
            followUps = java.util.Arrays.copyOf(followUps, followUpCount * 2);
        }
        followUps[followUpCount++] = r;
    }

    /**
     * Runs {@code step} now, on the loop thread itself (not a strand: a callback is running), then
     * every hand-off and follow-up it causes, and returns when they are all done: a callback's
     * eager task start, which in asyncio is a plain call inside the callback. A hand-off the
     * callback armed before is put back afterwards, untouched by the nested steps (a strand it
     * already woke to run next still runs right after the callback, not inside it). Loop thread
     * only, while an item runs.
     */
    public void runNested(Runnable step) {
        Runnable savedNext = runNext;
        boolean savedArmed = handoffArmed;
        int savedMark = handoffMark; // kept as it was: what the nested steps queued stays in front
        runNext = null;
        handoffArmed = false;
        int mark = followUpCount;
        pushFollowUp(step);
        try {
            runFollowUps(mark);
        } finally {
            runNext = savedNext;
            handoffArmed = savedArmed;
            handoffMark = savedMark;
        }
    }

    /**
     * Queues {@code r} from any thread: on the running loop's own thread straight into the ready
     * queue (in order with {@link #callSoon}, as asyncio's one deque has it), else through the
     * inbox, waking the loop if it sleeps.
     */
    public void callThreadsafe(Runnable r) {
        if (inLoopThread()) {
            enqueue(r);
            return;
        }
        inbox.add(r);
        wakeUp();
    }

    /** Wakes a loop blocked in select; cheap when it is not. Any thread. */
    public void wakeUp() {
        if (sleeping) {
            sleeping = false;
            selector.wakeup();
        }
    }

    /** Schedules a timer. Loop-thread only. */
    public void addTimer(TimerHeap.Timer t) {
        timers.add(t);
    }

    /** Marks a timer dead. Loop-thread only. */
    public void cancelTimer(TimerHeap.Timer t) {
        timers.cancel(t);
    }

    /** Timers in the heap, cancelled ones included (asyncio's {@code len(loop._scheduled)}). */
    public int timerCount() {
        return timers.size();
    }

    /** Cancelled timers still in the heap. */
    public int cancelledTimerCount() {
        return timers.cancelledCount();
    }

    /** Items in the ready queue now. */
    public int readyCount() {
        return ready.size();
    }

    /** Counts work running on another thread for the loop (see {@link LoopClock#beforeIdle}). */
    public void externalWorkStarted() {
        externalWork.incrementAndGet();
    }

    /**
     * Ends what {@link #externalWorkStarted()} began. Any thread. Wakes the loop when the last
     * job ends: a virtual clock waiting in real time for that job may now jump instead.
     */
    public void externalWorkEnded() {
        if (externalWork.decrementAndGet() == 0) {
            wakeUp();
        }
    }

    // ---- I/O registration --------------------------------------------------------------------

    /**
     * Registers a non-blocking channel with the loop's selector; {@code handler} is queued
     * whenever one of {@code ops} is ready. Change interest with {@link SelectionKey#interestOps}
     * and end it with {@link #deregister}. Loop-thread only.
     */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) {
        try {
            SelectionKey old = channel.keyFor(selector);
            if (old != null && !old.isValid()) {
                // cancelled but not yet deregistered by the selector: registering again would throw
                // CancelledKeyException; let the selector drop it first (ready keys are queued as usual)
                flushCancelledKeys();
            }
            SelectionKey key = channel.register(selector, ops, handler);
            registeredChannels++;
            return key;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("LoopCore.register(): the channel is closed", e);
        }
    }

    /** Cancels a registration made by {@link #register}. Loop-thread only. */
    public void deregister(SelectionKey key) {
        if (key.isValid()) {
            key.cancel();
            registeredChannels--;
            cancelledKeys = true;
        }
    }

    /**
     * Cancels a registration and lets the selector drop it at once, so that closing the channel
     * right after really closes its descriptor (the JDK defers the close of a channel that is
     * still registered until the selector's next pass). For listening sockets, which must stop
     * accepting when closed. Costs one non-blocking select. Loop-thread only.
     */
    public void deregisterNow(SelectionKey key) {
        deregister(key);
        flushCancelledKeys();
    }

    /** Lets the selector drop cancelled keys now (and close their channels' descriptors). Loop-thread only. */
    private void flushCancelledKeys() {
        try {
            selector.selectNow(onSelected);
            cancelledKeys = false;
        } catch (IOException e) {
            throw new UncheckedIOException("asyncio4j: selector failed", e);
        }
    }

    public Selector selector() {
        return selector;
    }

    private void queueSelected(SelectionKey key) {
        IoHandler h = (IoHandler) key.attachment();
        int ops;
        try {
            ops = key.readyOps();
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        h.readyOps |= ops;
        if (!h.queued) {
            h.queued = true;
            ready.add(h);
        }
    }

    // ---- running -----------------------------------------------------------------------------

    /** Makes the calling thread the loop thread. Returns false if the loop already runs. */
    public boolean enter() {
        Thread me = Thread.currentThread();
        if (thread != null) {
            return false;
        }
        thread = me;
        contextSlot = CurrentContext.slot();
        return true;
    }

    /** Ends what {@link #enter()} began. */
    public void exit() {
        stopping = false;
        thread = null;
    }

    /** Asks the loop to stop after the current iteration (asyncio's {@code loop.stop()}). */
    public void stop() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Runs iterations until {@link #stop()} takes effect. On the entered thread. */
    public void runUntilStopped() {
        while (true) {
            runOnce();
            if (stopping) {
                break;
            }
        }
    }

    /** One iteration of the loop. */
    public void runOnce() {
        drainInbox();
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else {
            TimerHeap.Timer next = timers.peek();
            timeout = next == null ? -1 : Math.max(0, next.deadline - clock.nanoTime());
        }
        poll(timeout);

        if (timers.size() > 0) { // reading the clock costs ~40 ns on a VM: only when a timer exists
            long now = clock.nanoTime();
            TimerHeap.Timer due;
            while ((due = timers.pollDue(now)) != null) {
                ready.add(due);
            }
        }

        int n = ready.size();
        if (debug) {
            for (int i = 0; i < n; i++) {
                Runnable r = ready.poll();
                long t0 = System.nanoTime();
                runItem(r);
                long dt = System.nanoTime() - t0;
                if (dt >= slowStepNanos) {
                    host.onSlowItem(r, dt);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                runItem(ready.poll());
            }
        }
    }

    private void runItem(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            host.onItemFailed(r, e);
        }
        if (runNext != null || followUpCount != 0) {
            runFollowUps(0);
        }
        if (escaping != null) {
            Throwable e = escaping;
            escaping = null;
            throw Sneaky.rethrow(e); // the rest of the ready queue waits for the next run, as in asyncio
        }
    }

    /**
     * Makes {@code error} leave the loop once the item running now ends: {@code runForever} and
     * {@code runUntilComplete} throw it. Loop-thread only. asyncio: the {@code raise} of
     * KeyboardInterrupt/SystemExit in {@code Handle._run} and {@code Task.__step}
     */
    public void escape(Throwable error) {
        if (escaping == null) {
            escaping = error;
        }
    }

    /**
     * Runs the hand-off ({@link #runNext}) and the follow-ups above {@code mark} until none is
     * left; each may add more. A hand-off first: it continues the step that armed it.
     */
    private void runFollowUps(int mark) {
        while (true) {
            Runnable next = runNext;
            if (next != null) {
                runNext = null;
            } else if (followUpCount > mark) {
                next = followUps[--followUpCount];
                followUps[followUpCount] = null;
            } else {
                return;
            }
            try {
                next.run();
            } catch (Throwable e) {
                host.onItemFailed(next, e);
            }
        }
    }

    private void poll(long timeoutNanos) {
        // a cancelled key is only dropped from the selector by a select: do one even with no
        // channel left, so a closed channel's descriptor is released at once
        boolean mustSelect = registeredChannels > 0 || cancelledKeys;
        cancelledKeys = false;
        try {
            if (timeoutNanos != 0) {
                // Read the external-work count before looking at the inbox: a job posts its result
                // to the inbox before it stops counting, so "no work left" seen here implies its
                // result is visible below, and the clock never jumps past a result already posted.
                boolean externalPending = externalWork.get() > 0;
                if (inbox.isEmpty()) {
                    long real = clock.beforeIdle(timeoutNanos, externalPending);
                    if (real != 0) {
                        sleeping = true;
                        if (inbox.isEmpty()) {
                            long ms = real < 0 ? 0 : Math.max(1, (real + 999_999) / 1_000_000);
                            int selected = selector.select(onSelected, ms);
                            sleeping = false;
                            drainInbox();
                            clock.afterIdle(selected > 0 || !ready.isEmpty());
                            return;
                        }
                        sleeping = false;
                    }
                }
            }
            if (mustSelect) {
                selector.selectNow(onSelected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("asyncio4j: selector failed", e);
        }
        drainInbox();
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(r);
        }
    }

    // ---- settings and shutdown -----------------------------------------------------------------

    public void setDebug(boolean on) {
        this.debug = on;
    }

    public boolean debug() {
        return debug;
    }

    public void setSlowStepNanos(long nanos) {
        this.slowStepNanos = nanos;
    }

    public long slowStepNanos() {
        return slowStepNanos;
    }

    /** Drops all queued work and closes the selector. Not while running. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        timers.clear();
        inbox.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to do: the loop is gone either way
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Items waiting in the inbox (from other threads), for tests and diagnostics. */
    public int inboxCount() {
        return inbox.size();
    }
}
