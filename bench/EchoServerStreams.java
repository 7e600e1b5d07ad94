// TCP echo server on asyncio4j streams: the counterpart of /work/shared/bench/echo_server.py
// (asyncio.start_server, read(65536) -> write, TCP_NODELAY, no drain). Single-threaded on its loop.
//   ./aio java bench/EchoServerStreams.java --port 25010 [--max-seconds 900] [--drain]
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;

import java.io.IOException;

import static io.asyncio4j.Asyncio.*;

boolean drain;

void handle(StreamReader reader, StreamWriter writer) {
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
