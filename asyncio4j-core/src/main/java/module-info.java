/**
 * asyncio4j: Python's asyncio for Java 25. Tasks are virtual threads whose scheduler is the
 * event loop itself, so code reads straight-line and only one task of a loop runs at a time.
 * <p>
 * The loom engine needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (or
 * {@code =io.asyncio4j} on the module path); without it the portable engine runs the same
 * programs with slower task switches. Sockets move their bytes with {@code read(2)}/{@code send(2)}
 * through the FFM API when the JVM also has {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}
 * and {@code --enable-native-access=ALL-UNNAMED} (or {@code =io.asyncio4j}); without them, NIO
 * alone, with the same behaviour and one copy more per write of a heap array. With
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} as well, a large {@code read(n)}
 * is received straight into its result, an array the JVM did not zero first; without it, through
 * a scratch array and one copy. {@code ./aio} passes all four.
 */
module io.asyncio4j {
    requires jdk.unsupported; // sun.misc.Signal, for EventLoop.addSignalHandler

    exports io.asyncio4j;
    exports io.asyncio4j.streams;
    exports io.asyncio4j.sync;
    exports io.asyncio4j.queues;
    exports io.asyncio4j.subprocess;
    exports io.asyncio4j.files;
    exports io.asyncio4j.contextvars;
    // io.asyncio4j.internal is not exported: engine, ready queue, timer heap, selector loop.
    // internal.net only to the HTTP module, for UninitializedArrays (WebSocket payloads).
    exports io.asyncio4j.internal.net to io.asyncio4j.http;
    // internal.util only to the HTTP module, for SuspendingIterator (for-each over its body readers).
    exports io.asyncio4j.internal.util to io.asyncio4j.http;
}
