// seed: 11_explicit_loop.py
// An explicit event loop: createTask, runUntilComplete, close.
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import static io.asyncio4j.Asyncio.*;

void myAsyncFunction() {
    System.out.println("Task started");
    sleep(2);
    System.out.println("Task finished");
}

void main() {
    EventLoop eventLoop = newEventLoop();
    Task<Void> task = eventLoop.createTask(this::myAsyncFunction);
    eventLoop.runUntilComplete(task);
    eventLoop.close();
}
