// seed: 15_signals.py
// Stop a runForever loop gracefully on SIGTERM / SIGINT.
// The program sends itself SIGTERM after 0.5 s to show the handler running.
import io.asyncio4j.EventLoop;
import io.asyncio4j.Signal;

import java.util.List;

import static io.asyncio4j.Asyncio.*;

void main() {
    EventLoop loop = newEventLoop();
    for (Signal sig : List.of(Signal.SIGINT, Signal.SIGTERM)) {
        loop.addSignalHandler(sig, () -> {
            System.out.println("received " + sig.name() + ", stopping");
            loop.stop();
        });
    }
    loop.callLater(0.5, Signal.SIGTERM::raise);
    System.out.println("running forever");
    loop.runForever();
    loop.close();
    System.out.println("loop closed");
}
