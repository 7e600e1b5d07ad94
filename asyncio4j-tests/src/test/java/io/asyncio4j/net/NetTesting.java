package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.streams.ClientConnectedCallback;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the networking tests: loopback servers whose handler tasks the test can join. */
public final class NetTesting {
    private NetTesting() {
    }

    /** The port a server listens on (its first socket). */
    public static int port(Server s) {
        return ((InetSocketAddress) s.addresses().get(0)).getPort();
    }

    /**
     * A stream server on 127.0.0.1 (any port) whose per-connection tasks are remembered, so that
     * {@link #close()} can close it and wait for every handler to finish (the testing kit fails a
     * test that leaves tasks pending).
     */
    public static final class TrackedServer implements AutoCloseable {
        public final Server server;
        public final List<Task<?>> handlers = new ArrayList<>();
        public final List<Throwable> failures = new ArrayList<>();

        private TrackedServer(Server server) {
            this.server = server;
        }

        public static TrackedServer start(ClientConnectedCallback cb) throws IOException {
            return start(cb, ServerOptions.defaults());
        }

        public static TrackedServer start(ClientConnectedCallback cb, ServerOptions options) throws IOException {
            TrackedServer[] self = new TrackedServer[1];
            Server s = Asyncio.startServer((r, w) -> {
                self[0].handlers.add(Task.current());
                try {
                    cb.handle(r, w);
                } catch (Exception e) {
                    self[0].failures.add(e);
                    throw e;
                }
            }, "127.0.0.1", 0, options);
            self[0] = new TrackedServer(s);
            return self[0];
        }

        public int port() {
            return NetTesting.port(server);
        }

        /** Closes the server, waits for its connections to close and for its handlers to finish. May suspend. */
        @Override
        public void close() {
            server.close();
            server.waitClosed();
            for (Task<?> t : List.copyOf(handlers)) {
                try {
                    t.await();
                } catch (Throwable e) {
                    // a handler's failure is the test's business (see failures)
                }
            }
        }
    }

    /** Echoes everything until EOF, then closes. */
    public static void echo(StreamReader r, StreamWriter w) throws IOException {
        try {
            while (true) {
                byte[] data = r.read(65536);
                if (data.length == 0) {
                    break;
                }
                w.write(data);
                w.drain();
            }
        } finally {
            w.close();
        }
    }
}
