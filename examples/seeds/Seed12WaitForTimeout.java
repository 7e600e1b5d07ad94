// seed: 12_wait_for_timeout.py
// waitFor raises TimeoutException after 3 s on a 5 s coroutine.
import io.asyncio4j.TimeoutException;

import static io.asyncio4j.Asyncio.*;

void someFunction() {
    sleep(5);
}

void main() {
    run(() -> {
        try {
            waitFor(createTask(this::someFunction), 3);
        } catch (TimeoutException e) {
            System.out.println("Task took too long.");
        }
    });
}
