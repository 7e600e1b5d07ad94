// TCP echo server on asyncio4j streams: the counterpart of /work/shared/bench/echo_server.py
// (asyncio.start_server, read(65536) -> write, TCP_NODELAY, no drain). Single-threaded on its loop.
// --read-into: the same loop through one reused array per connection (readInto -> write(buf, 0, n)),
// the allocation-free form a Java program would write; read(65536) copies every byte into a new
// array. The array is 256 KiB, asyncio's own largest read (max_size): a 100 KiB message then
// arrives in one wake-up instead of two (+15-20 % at 100 KiB here).
//   ./aio java bench/EchoServerStreams.java --port 25010 [--max-seconds 900] [--drain] [--read-into]
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;

import static io.asyncio4j.Asyncio.*;

boolean drain;
boolean readInto;

void handle(StreamReader reader, StreamWriter writer) {
    if (readInto) {
        handleInto(reader, writer);
        return;
    }
    try {
        while (true) {
            byte[] data = reader.read(65536);
            if (data.length == 0) {
                break;
            }
            writer.write(data);
            if (drain) {
                writer.drain();
            }
        }
    } catch (IOException e) {
        // the client went away: as echo_server.py's "except ConnectionError: pass"
    } finally {
        writer.close();
    }
}

void handleInto(StreamReader reader, StreamWriter writer) {
    byte[] buf = new byte[256 * 1024];
    try {
        int n;
        while ((n = reader.readInto(buf, 0, buf.length)) > 0) {
            writer.write(buf, 0, n);
            if (drain) {
                writer.drain();
            }
        }
    } catch (IOException e) {
        // the client went away
    } finally {
        writer.close();
    }
}

void main(String[] args) {
    String host = "127.0.0.1";
    int port = 25000;
    double maxSeconds = 900;
    for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
            case "--host" -> host = args[++i];
            case "--port" -> port = Integer.parseInt(args[++i]);
            case "--max-seconds" -> maxSeconds = Double.parseDouble(args[++i]);
            case "--drain" -> drain = true;
            case "--read-into" -> readInto = true;
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
    }
    String h = host;
    int p = port;
    double secs = maxSeconds;
    run(() -> {
        // TCP_NODELAY is on by default (ServerOptions.noDelay), as asyncio sets it on every TCP transport
        try (Server server = startServer(this::handle, h, p, ServerOptions.defaults().withBacklog(1024))) {
            System.out.println("echo serving on " + h + ":" + p);
            System.out.flush();
            sleep(secs);
        }
    });
}
