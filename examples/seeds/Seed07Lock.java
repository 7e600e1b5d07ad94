// seed: 07_lock.py
// A Lock serialises two workers: `async with lock:` is try-with-resources on lock.hold().
import io.asyncio4j.sync.Lock;

import static io.asyncio4j.Asyncio.*;

void worker(Lock lock, int n) {
    try (var _ = lock.hold()) {
        System.out.println("Worker " + n + " acquired lock");
        sleep(1);
        System.out.println("Worker " + n + " released lock");
    }
}

void main() {
    run(() -> {
        Lock lock = new Lock();
        gather(() -> worker(lock, 1), () -> worker(lock, 2));
    });
}
