// A TCP echo client on asyncio4j streams: sends each message as a line and prints the echo.
// The counterpart of the echo client in Python's asyncio docs ("TCP echo client using streams").
//   ./aio run examples/EchoClient.java [PORT [MESSAGE...]]   (PORT 8888 by default)
import io.asyncio4j.streams.StreamPair;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.asyncio4j.Asyncio.*;

void tcpEchoClient(int port, List<String> messages) throws Exception {
    StreamPair conn = openConnection("127.0.0.1", port);
    for (String message : messages) {
        System.out.println("Send: '" + message + "'");
        conn.writer().write((message + "\n").getBytes(StandardCharsets.UTF_8));
        conn.writer().drain();
        byte[] data = conn.reader().readline();
        System.out.println("Received: '" + new String(data, StandardCharsets.UTF_8).strip() + "'");
    }
    System.out.println("Close the connection");
    conn.writer().close();
    conn.writer().waitClosed();
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
    List<String> messages = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("Hello World!");
    run(() -> tcpEchoClient(port, messages));
}
