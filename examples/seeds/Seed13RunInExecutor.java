// seed: 13_run_in_executor.py
// Run a blocking function in the default executor.
import io.asyncio4j.EventLoop;

import static io.asyncio4j.Asyncio.*;

String syncFunction(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L); // blocking: it runs on an executor thread, not on the loop
    return "Slept for %d seconds".formatted(seconds);
}

void main() {
    run(() -> {
        EventLoop loop = getRunningLoop();
        String result = loop.runInExecutor(null, () -> syncFunction(3)).await();
        System.out.println(result);
    });
}
