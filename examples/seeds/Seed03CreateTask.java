// seed: 03_create_task.py
// createTask: task two finishes while task one is paused.
import io.asyncio4j.Task;

import static io.asyncio4j.Asyncio.*;

void taskOne() {
    System.out.println("Starting task one");
    sleep(3);
    System.out.println("Finished task one");
}

void taskTwo() {
    System.out.println("Starting task two");
    sleep(1);
    System.out.println("Finished task two");
}

void main() {
    run(() -> {
        Task<Void> task1 = createTask(this::taskOne);
        Task<Void> task2 = createTask(this::taskTwo);
        task1.await();
        task2.await();
    });
}
