// seed: 10_async_generator.py
// Async generators and async for: a generator yields, sleeps, yields again.
import io.asyncio4j.AsyncGenerator;

import static io.asyncio4j.Asyncio.*;

AsyncGenerator<Integer> asyncGeneratorA() {
    return generator((AsyncGenerator.Yield<Integer> out) -> {
        for (int i = 0; i < 3; i++) {
            out.yield(i);
            sleep(1);
        }
    });
}

void asyncGeneratorB() {
    for (int item : asyncGeneratorA()) {
        System.out.println(item);
    }
}

void main() {
    run(this::asyncGeneratorB);
}
