package io.asyncio4j.bench;

import io.asyncio4j.EventLoop;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One event loop per benchmark trial, run by the JMH thread: each invocation is one
 * {@code runUntilComplete}, so the loop's creation (a selector) stays out of the figures.
 * The loop is not running between invocations; nothing else touches it.
 */
@State(Scope.Thread)
public class LoopState {
    /** The loop the invocations run on. */
    public EventLoop loop;

    /** Opens the loop. */
    @Setup(Level.Trial)
    public void open() {
        loop = new EventLoop();
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }
}
