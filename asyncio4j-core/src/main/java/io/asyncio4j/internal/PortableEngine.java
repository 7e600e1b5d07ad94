package io.asyncio4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Each task runs on an ordinary virtual thread (the JDK's default scheduler); a baton makes
 * only one task of a loop run at a time. The loop thread hands the baton to a strand and waits
 * until the strand hands it back at its next suspension point, so the loop and its tasks never
 * run at the same time, exactly as with {@link LoomEngine}. Works on any JDK 21+, without flags;
 * a switch costs two platform-level park/unpark pairs instead of one continuation yield.
 */
final class PortableEngine implements Engine {

    @Override
    public String name() {
        return "portable";
    }

    @Override
    public Strand newStrand(LoopCore loop, Object owner, Runnable body) {
        return new PortableStrand(loop, owner, body);
    }

    /**
     * Baton protocol: {@code strandHolds} is true while the strand runs a step. The loop thread
     * sets it and unparks the strand, then parks until it is false again; the strand clears it
     * and unparks the loop thread when it suspends or finishes. The volatile write/read pairs
     * order everything each side did before handing the baton over.
     */
    static final class PortableStrand extends Strand {
        private Thread thread;
        private volatile boolean strandHolds;
        private volatile Thread carrier; // the loop thread that handed over the baton

        PortableStrand(LoopCore loop, Object owner, Runnable body) {
            super(loop, owner, body);
        }

        /** One step, called on the loop thread: hand over the baton and wait for it back. */
        @Override
        public void run() {
            Thread saved = loop.runningThread;
            carrier = Thread.currentThread();
            loop.runningThread = thread;
            strandHolds = true;
            LockSupport.unpark(thread);
            while (strandHolds) {
                LockSupport.park(this);
            }
            loop.runningThread = saved;
        }

        @Override
        public void start() {
            startThread();
        }

        @Override
        protected boolean isStarted() {
            return thread != null;
        }

        @Override
        protected void startThread() {
            thread = Thread.ofVirtual().unstarted(this::main);
            thread.start(); // it waits for the baton before running the body
            loop.schedule(this);
        }

        private void main() {
            while (!strandHolds) {
                LockSupport.park(this);
            }
            try {
                runBody();
            } finally {
                strandHolds = false;
                LockSupport.unpark(carrier);
            }
        }

        @Override
        public void yieldNow() {
            loop.schedule(this);
            handBack();
        }

        @Override
        protected void park() {
            handBack();
        }

        private void handBack() {
            boolean interrupted = Thread.interrupted(); // else park returns at once: see Strand.suspend
            Thread c = carrier;
            strandHolds = false;
            LockSupport.unpark(c);
            while (!strandHolds) {
                LockSupport.park(this);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected void unpark() {
            loop.schedule(this);
        }

        @Override
        public boolean isCurrentThread() {
            return Thread.currentThread() == thread;
        }

        @Override
        public Thread thread() {
            return thread;
        }
    }
}
