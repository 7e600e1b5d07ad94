// seed: 06_queue_producer_consumer.py
// Queue producer/consumer: main waits for queue.join(), then cancels the consumer.
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.queues.Queue;

import static io.asyncio4j.Asyncio.*;

void producer(Queue<Integer> queue) {
    for (int i = 0; i < 5; i++) {
        queue.put(i);
        System.out.println("Produced " + i);
        sleep(1);
    }
}

void consumer(Queue<Integer> queue) {
    while (true) {
        int item = queue.get();
        System.out.println("Consumed " + item);
        queue.taskDone();
    }
}

void main() {
    run(() -> {
        Queue<Integer> queue = new Queue<>();
        Task<Void> consumerTask = createTask(() -> consumer(queue));
        producer(queue);
        queue.join();
        consumerTask.cancel();
        try {
            consumerTask.await();
        } catch (CancelledError e) {
            System.out.println("Consumer cancelled");
        }
    });
}
