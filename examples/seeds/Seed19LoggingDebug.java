// seed: 19_logging_debug.py
// Logging from coroutines, and debug mode flagging a slow step that blocks the loop.
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

import static io.asyncio4j.Asyncio.*;

final Logger logger = System.getLogger("app");

/** logging.basicConfig(level=DEBUG, stream=sys.stdout, format='%(levelname)s %(name)s: %(message)s') */
void basicConfig() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
    }
    Handler out = new StreamHandler(System.out, new Formatter() {
        @Override
        public String format(LogRecord r) {
            return r.getLevel() + " " + r.getLoggerName() + ": " + formatMessage(r) + System.lineSeparator();
        }
    }) {
        @Override
        public synchronized void publish(LogRecord r) {
            super.publish(r);
            flush();
        }
    };
    out.setLevel(java.util.logging.Level.ALL);
    root.addHandler(out);
    root.setLevel(java.util.logging.Level.ALL);
}

void blockingStep() {
    logger.log(Level.INFO, "about to block the loop");
    // A step that keeps the loop busy for 0.2 s: debug mode reports it as slow. (Thread.sleep
    // would not do: in a task it parks only the task, and the loop runs on.)
    long end = System.nanoTime() + 200_000_000L;
    while (System.nanoTime() < end) {
        Thread.onSpinWait();
    }
}

void main() {
    basicConfig();
    run(() -> {
        getRunningLoop().setSlowCallbackDuration(0.1);
        blockingStep();
        logger.log(Level.INFO, "done");
    }, true);
}
