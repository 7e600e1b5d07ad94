package io.asyncio4j.queues;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.sync.LoopBinding;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A FIFO queue for the producer and consumer tasks of one loop, with back-pressure, work
 * accounting ({@link #taskDone()}/{@link #join()}) and shutdown.
 * <pre>{@code
 * Queue<String> queue = new Queue<>(100);          // put() waits while 100 items are queued
 * createTask(() -> {
 *     for (String job : queue) {                   // ends when the queue is shut down and empty
 *         handle(job);
 *         queue.taskDone();
 *     }
 * });
 * queue.put("a");                                  // may suspend
 * queue.join();                                    // until every item got its taskDone()
 * queue.shutdown();
 * }</pre>
 * Capacity: {@code maxsize} items; 0 (or less) means unbounded. {@link #put} waits while the
 * queue is full, {@link #get} while it is empty; both serve their waiters in FIFO order. A
 * waiter cancelled while blocked takes nothing: a {@code get} cancelled after being woken leaves
 * the item for the next getter and wakes it; a cancelled {@code put} adds nothing and passes the
 * free slot on.
 * <p>
 * States:
 * <pre>
 *   OPEN ──shutdown(false)──▶ SHUT_DOWN   puts raise; gets drain what is left, then raise
 *   OPEN ──shutdown(true)───▶ SHUT_DOWN   the items are dropped (each counted as done); gets raise
 * </pre>
 * In both cases every blocked {@code put} and {@code get} wakes and re-checks, raising
 * {@link QueueShutDownException} as above; {@link #join()} is not affected, except that
 * {@code shutdown(true)} marks the dropped items done.
 * <p>
 * Subclasses change the order by passing another {@link java.util.Queue} for the items (as
 * asyncio's subclasses override {@code _init/_put/_get}): see {@link PriorityQueue} and
 * {@link LifoQueue}. Items are never null.
 * <p>
 * Threading: the tasks and callbacks of the loop it is bound to (see {@link LoopBinding});
 * {@link #qsize()}, {@link #isEmpty()}, {@link #isFull()}, {@link #maxsize()}, {@link #state()}
 * and {@link #toString()} read a snapshot from any thread. From another thread, put with
 * {@code loop.callSoonThreadsafe(() -> queue.putNowait(x))}.
 * <p>
 * asyncio: {@code asyncio.Queue}
 *
 * @param <T> the item type
 */
public class Queue<T> implements Iterable<T> {
    /** The queue's states; see the class comment. asyncio: the private flag {@code Queue._is_shutdown} */
    public enum State {
        /** Puts and gets work normally. */
        OPEN,
        /** Puts raise; gets raise once the queue is empty. */
        SHUT_DOWN
    }

    private static final int TO_STRING_ITEMS = 20;

    private final LoopBinding binding = new LoopBinding();
    private final int maxsize;
    /** The items, in the subclass's order. */
    private final java.util.Queue<T> items;
    /** Futures of the tasks blocked in get()/put(), oldest first. Woken ones are popped by the waker. */
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    /** Items put and not yet marked done with taskDone(). */
    private int unfinishedTasks;
    /** Futures of the tasks in join(); completed when unfinishedTasks drops to 0. Lazy. */
    private ArrayDeque<Future<Void>> joiners;
    private State state = State.OPEN;

    /** An unbounded FIFO queue. asyncio: {@code asyncio.Queue()} */
    public Queue() {
        this(0);
    }

    /**
     * A FIFO queue of at most {@code maxsize} items; 0 or less means unbounded.
     * asyncio: {@code asyncio.Queue(maxsize)}
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /**
     * A queue of at most {@code maxsize} items (0 or less: unbounded) kept in {@code items}, whose
     * {@code offer}/{@code poll} order is the queue's order. The queue owns {@code items} from
     * now on. asyncio: subclassing {@code Queue} and overriding {@code _init/_put/_get}
     *
     * @throws IllegalArgumentException if {@code items} is not empty
     */
    protected Queue(int maxsize, java.util.Queue<T> items) {
        if (items == null) {
            throw new NullPointerException(getClass().getSimpleName() + "(): the item storage is null");
        }
        if (!items.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(): the item storage must start "
                    + "empty; put the items with putNowait()");
        }
        this.maxsize = maxsize;
        this.items = items;
    }

    /** The number of items in the queue. asyncio: {@code Queue.qsize()} */
    public int qsize() {
        return items.size();
    }

    /** The capacity: 0 (or less) for unbounded. asyncio: {@code Queue.maxsize} */
    public int maxsize() {
        return maxsize;
    }

    /** True if the queue holds no items. asyncio: {@code Queue.empty()} */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** True if the queue holds {@link #maxsize()} items; never for an unbounded queue. asyncio: {@code Queue.full()} */
    public boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** OPEN, or SHUT_DOWN after {@link #shutdown}. asyncio: the private flag {@code Queue._is_shutdown} */
    public State state() {
        return state;
    }

    /**
     * Puts {@code item} at the end, waiting while the queue is full. If the task is cancelled
     * while waiting, nothing is put (and the free slot it was woken for passes to the next
     * putter). May suspend. asyncio: {@code await Queue.put(item)}
     *
     * @throws QueueShutDownException if the queue is shut down (also while waiting)
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException outside a task of the queue's loop
     */
    public void put(T item) {
        EventLoop loop = binding.checkTask(this, name() + ".put()");
        requireItem(item, "put");
        while (isFull()) {
            if (state == State.SHUT_DOWN) {
                throw shutDown("put");
            }
            Future<Void> putter = binding.newWaiter(loop, this, name() + ".put()");
            putters.addLast(putter);
            try {
                putter.await();
            } catch (Throwable t) {
                putter.cancel(); // in case it is not done (a failure other than cancellation)
                putters.remove(putter); // it may be gone already: popped by getNowait or shutdown
                if (!isFull() && !putter.isCancelled()) {
                    // woken for a free slot we will not use: pass it on
                    wakeUpNext(putters);
                }
                throw t;
            }
        }
        offer(item);
    }

    /**
     * Puts {@code item} at the end if there is room, without waiting.
     * asyncio: {@code Queue.put_nowait(item)}
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     * @throws NullPointerException if {@code item} is null
     */
    public void putNowait(T item) {
        binding.check(this, name() + ".putNowait()");
        requireItem(item, "putNowait");
        offer(item);
    }

    private void offer(T item) {
        if (state == State.SHUT_DOWN) {
            throw shutDown("put");
        }
        if (isFull()) {
            throw new QueueFullException(name() + ".putNowait(): the queue is full (maxsize=" + maxsize + "); use "
                    + "put() to wait for room");
        }
        items.add(item);
        unfinishedTasks++;
        wakeUpNext(getters);
    }

    /**
     * Removes and returns the first item, waiting while the queue is empty. If the task is
     * cancelled while waiting, no item is taken (an item it was woken for stays in the queue for
     * the next getter). May suspend. asyncio: {@code await Queue.get()}
     *
     * @throws QueueShutDownException if the queue is shut down and empty (also while waiting),
     *     or was shut down with {@code immediate}
     * @throws IllegalStateException outside a task of the queue's loop
     */
    public T get() {
        EventLoop loop = binding.checkTask(this, name() + ".get()");
        while (items.isEmpty()) {
            if (state == State.SHUT_DOWN) {
                throw shutDown("get");
            }
            Future<Void> getter = binding.newWaiter(loop, this, name() + ".get()");
            getters.addLast(getter);
            try {
                getter.await();
            } catch (Throwable t) {
                getter.cancel(); // in case it is not done (a failure other than cancellation)
                getters.remove(getter); // it may be gone already: popped by putNowait or shutdown
                if (!items.isEmpty() && !getter.isCancelled()) {
                    // woken for an item we will not take: pass it on
                    wakeUpNext(getters);
                }
                throw t;
            }
        }
        return poll();
    }

    /**
     * Removes and returns the first item if there is one, without waiting.
     * asyncio: {@code Queue.get_nowait()}
     *
     * @throws QueueEmptyException if the queue is empty (and not shut down)
     * @throws QueueShutDownException if the queue is empty and shut down
     */
    public T getNowait() {
        binding.check(this, name() + ".getNowait()");
        return poll();
    }

    private T poll() {
        if (items.isEmpty()) {
            if (state == State.SHUT_DOWN) {
                throw shutDown("get");
            }
            throw new QueueEmptyException(name() + ".getNowait(): the queue is empty; use get() to wait for an "
                    + "item");
        }
        T item = items.poll();
        wakeUpNext(putters);
        return item;
    }

    /**
     * Marks one item that a consumer got as processed. When every item put so far has been
     * marked, the tasks in {@link #join()} wake. asyncio: {@code Queue.task_done()}
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        binding.check(this, name() + ".taskDone()");
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException(name() + ".taskDone(): called more times than there were items put; "
                    + "call it once per item got");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            wakeJoiners();
        }
    }

    /**
     * Waits until every item put so far has been got and marked with {@link #taskDone()};
     * returns at once if there are none. May suspend. asyncio: {@code await Queue.join()}
     *
     * @throws IllegalStateException outside a task of the queue's loop
     */
    public void join() {
        EventLoop loop = binding.checkTask(this, name() + ".join()");
        if (unfinishedTasks == 0) {
            return;
        }
        if (joiners == null) {
            joiners = new ArrayDeque<>();
        }
        Future<Void> joiner = binding.newWaiter(loop, this, name() + ".join()");
        joiners.addLast(joiner);
        try {
            joiner.await();
        } finally {
            joiners.remove(joiner);
        }
    }

    /** Same as {@code shutdown(false)}. asyncio: {@code Queue.shutdown()} */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: {@link #put} and {@link #putNowait} raise
     * {@link QueueShutDownException} from now on, and so do {@link #get} and {@link #getNowait}
     * once the queue is empty. With {@code immediate}, the remaining items are dropped at once
     * (each marked done for {@link #join()}), so gets raise at once. Every task blocked in
     * {@code put} or {@code get} wakes up to re-check. Shutting down again is allowed (an
     * immediate one still drops the items). asyncio: {@code Queue.shutdown(immediate)}
     */
    public void shutdown(boolean immediate) {
        binding.check(this, name() + ".shutdown()");
        state = State.SHUT_DOWN;
        if (immediate) {
            while (!items.isEmpty()) {
                items.poll();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                wakeJoiners();
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    /**
     * Iterates by {@link #get()}: {@code hasNext()} waits for the next item, and returns false
     * once the queue is shut down and drained ({@link QueueShutDownException}), which ends a
     * for-each loop over the queue. Iterating does not call {@link #taskDone()}. Use each
     * iterator from one task. {@code hasNext()} may suspend; a cancellation while it waits
     * propagates as {@link io.asyncio4j.CancelledError}.
     * asyncio: {@code while True: item = await queue.get()} until {@code QueueShutDown}
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;
            private boolean ended;

            /** Waits for the next item; false once shut down and drained. May suspend. asyncio: {@code __anext__} */
            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                try {
                    next = get();
                    return true;
                } catch (QueueShutDownException e) {
                    ended = true;
                    return false;
                }
            }

            /** The item {@link #hasNext()} got (waiting for it if needed). May suspend. asyncio: {@code __anext__} */
            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException(name() + " iterator: the queue is shut down and empty");
                }
                T item = next;
                next = null;
                return item;
            }
        };
    }

    /** Wakes the oldest waiter that is not done yet, dropping the done ones before it. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
                return;
            }
        }
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    private void wakeJoiners() {
        ArrayDeque<Future<Void>> js = joiners;
        if (js == null) {
            return;
        }
        for (Future<Void> j : js) {
            if (!j.isDone()) {
                j.setResult(null);
            }
        }
    }

    /** Rejects null items and, for subclasses, items the storage cannot order. */
    void requireItem(T item, String method) {
        if (item == null) {
            throw new NullPointerException(name() + "." + method + "(): the item is null; queues hold non-null "
                    + "items (use Optional or a marker object for 'nothing')");
        }
    }

    private QueueShutDownException shutDown(String op) {
        return new QueueShutDownException(name() + "." + op + "(): the queue is shut down"
                + (op.equals("get") ? " and empty" : ""));
    }

    private String name() {
        return getClass().getSimpleName();
    }

    /**
     * Like asyncio's str: {@code <Queue maxsize=1 _queue=[1] _getters[1] _putters[2] tasks=1 shutdown>}
     * (the parts that apply; at most 20 items are listed). asyncio: {@code str(queue)}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(name()).append(" maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            sb.append(" _queue=[");
            int i = 0;
            try {
                for (T item : items) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    if (i == TO_STRING_ITEMS) {
                        sb.append("...");
                        break;
                    }
                    sb.append(item);
                    i++;
                }
            } catch (RuntimeException e) {
                sb.append("..."); // read from another thread mid-change: a snapshot is all we promise
            }
            sb.append(']');
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (state == State.SHUT_DOWN) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
