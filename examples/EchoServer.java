// A TCP echo server on asyncio4j streams: each client gets a task that sends every line back.
// The counterpart of the echo server in Python's asyncio docs ("TCP echo server using streams").
//   ./aio run examples/EchoServer.java [PORT]        (PORT 8888 by default; 0 picks a free one)
// Stop it with Ctrl-C.
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.*;

/** Serves one client: echoes its lines until it closes the connection. */
void handleEcho(StreamReader reader, StreamWriter writer) throws Exception {
    Object addr = writer.getExtraInfo("peername");
    for (byte[] line : reader) {                       // async for line in reader
        String message = new String(line, StandardCharsets.UTF_8).strip();
        System.out.println("Received " + repr(message) + " from " + addr);
        writer.write(line);
        writer.drain();
    }
    System.out.println("Close the connection from " + addr);
    writer.close();
    writer.waitClosed();
}

static String repr(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
    run(() -> {
        try (Server server = startServer(this::handleEcho, "127.0.0.1", port)) {
            System.out.println("Serving on " + server.addresses().getFirst().toString().replaceFirst("^[^/]*/", ""));
            server.serveForever();
        }
    });
}
