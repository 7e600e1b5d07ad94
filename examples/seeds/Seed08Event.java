// seed: 08_event.py
// An Event notifies a waiting task (asyncio's event.wait() is event.await(): wait() is Object's).
import io.asyncio4j.Task;
import io.asyncio4j.sync.Event;

import static io.asyncio4j.Asyncio.*;

void waiter(Event event) {
    System.out.println("Waiting for event...");
    event.await();
    System.out.println("Event received!");
}

void main() {
    run(() -> {
        Event event = new Event();
        Task<Void> task = createTask(() -> waiter(event));
        sleep(2);
        event.set();
        task.await();
    });
}
