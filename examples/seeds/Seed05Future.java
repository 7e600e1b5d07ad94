// seed: 05_future.py
// A Future completed by another task.
import io.asyncio4j.Future;

import static io.asyncio4j.Asyncio.*;

void setFuture(Future<String> future) {
    sleep(1);
    future.setResult("Done!");
}

void main() {
    run(() -> {
        Future<String> future = getRunningLoop().createFuture();
        createTask(() -> setFuture(future)).await();
        String result = future.await();
        System.out.println(result);
    });
}
