// TCP echo server on asyncio4j transports and protocols: each chunk received is written straight
// back (the transport tries the socket at once; from the loop's direct read buffer, no copy).
// TCP_NODELAY on (the default). Single-threaded on its loop.
//   ./aio java bench/EchoServerProtocol.java --port 25011 [--max-seconds 900]
import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.Protocol;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.ServerOptions;
import io.asyncio4j.streams.Transport;

import java.nio.ByteBuffer;

import static io.asyncio4j.Asyncio.*;

/** Echoes what it receives. */
static final class Echo implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        transport.write(data);
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
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
    }
    String h = host;
    int p = port;
    double secs = maxSeconds;
    run(() -> {
        EventLoop loop = getRunningLoop();
        try (Server server = loop.createServer(Echo::new, h, p, ServerOptions.defaults().withBacklog(1024))) {
            System.out.println("echo serving on " + h + ":" + p);
            System.out.flush();
            sleep(secs);
        }
    });
}
