// seed: 09_semaphore.py
// Semaphore(2) admits two of three workers at a time.
import io.asyncio4j.sync.Semaphore;

import static io.asyncio4j.Asyncio.*;

void worker(Semaphore semaphore, int n) {
    try (var _ = semaphore.hold()) {
        System.out.println("Worker " + n + " acquired semaphore");
        sleep(1);
        System.out.println("Worker " + n + " released semaphore");
    }
}

void main() {
    run(() -> {
        Semaphore semaphore = new Semaphore(2);
        gather(() -> worker(semaphore, 1), () -> worker(semaphore, 2), () -> worker(semaphore, 3));
    });
}
