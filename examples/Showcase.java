// asyncio4j showcase: tasks, gather, a timeout, a TaskGroup, a queue of jobs served by worker
// tasks, and a lock. Straight-line Java; every `sleep` stands for a network call.
// Run it with:  ./aio run examples/Showcase.java
import io.asyncio4j.ExceptionGroupException;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.TimeoutException;
import io.asyncio4j.queues.Queue;
import io.asyncio4j.sync.Lock;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;

/** Pretends to download a page: takes {@code seconds}, returns its "size". */
int fetch(String url, double seconds) {
    sleep(seconds);
    return url.length() * 100;
}

void main() {
    long start = System.nanoTime();
    run(() -> {
        // 1. Three downloads at once: gather returns the results in argument order.
        List<Integer> sizes = gather(
                () -> fetch("https://a.example", 0.3),
                () -> fetch("https://bb.example", 0.1),
                () -> fetch("https://ccc.example", 0.2));
        System.out.println("gather: " + sizes);

        // 2. A download that takes too long is cancelled at its suspension point.
        try {
            waitFor(() -> fetch("https://slow.example", 5), 0.2);
        } catch (TimeoutException e) {
            System.out.println("timeout: gave up on the slow page after 0.2 s");
        }

        // 3. A TaskGroup: one failure cancels the siblings; all failures come back together.
        try {
            TaskGroup.run(tg -> {
                tg.createTask(() -> fetch("https://ok.example", 0.1));
                tg.createTask(() -> {
                    sleep(0.05);
                    throw new IllegalStateException("https://broken.example answered 500");
                });
                tg.createTask(() -> fetch("https://long.example", 10)); // cancelled by the failure
            });
        } catch (ExceptionGroupException eg) {
            System.out.println("task group: " + eg.exceptions().get(0).getMessage());
        }

        // 4. A queue of 12 jobs served by 3 workers; a lock guards the shared tally.
        Queue<String> jobs = new Queue<>(4); // bounded: put() waits while 4 are queued
        Lock lock = new Lock();
        List<String> tally = new ArrayList<>();
        List<Task<Void>> workers = new ArrayList<>();
        for (int w = 1; w <= 3; w++) {
            String name = "worker-" + w;
            workers.add(createTask(() -> {
                for (String job : jobs) { // ends when the queue is shut down
                    fetch(job, 0.1);
                    try (var held = lock.hold()) {
                        tally.add(job);
                    }
                    jobs.taskDone();
                }
            }, name));
        }
        for (int i = 1; i <= 12; i++) {
            jobs.put("https://example.com/page/" + i);
        }
        jobs.join();     // every job done
        jobs.shutdown(); // the workers' loops end
        gather(workers);
        System.out.println("queue: " + tally.size() + " pages by " + workers.size() + " workers");
    });
    // 0.3 (gather) + 0.2 (timeout) + 0.05 (group) + 0.4 (12 jobs / 3 workers) ~ 1 s, not the 17 s
    // the same calls take one after another.
    System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
}
