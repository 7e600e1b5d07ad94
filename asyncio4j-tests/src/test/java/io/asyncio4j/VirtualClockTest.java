package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.VirtualClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(AsyncioExtension.class)
class VirtualClockTest {

    @Test
    void anHourOfSleepPassesInstantlyOnTheVirtualClock(VirtualClock clock, EventLoop loop) {
        long real = System.nanoTime();
        sleep(3600);
        assertEquals(3600.0, loop.time(), 1e-6);
        assertEquals(3600.0, clock.seconds(), 1e-6);
        assertEquals(true, System.nanoTime() - real < 10_000_000_000L);
    }

    @Test
    void sleepersWakeInDeadlineOrder() {
        List<String> order = new ArrayList<>();
        gather(createTask(() -> { sleep(3); order.add("c"); }),
                createTask(() -> { sleep(1); order.add("a"); }),
                createTask(() -> { sleep(2); order.add("b"); }));
        assertEquals(List.of("a", "b", "c"), order);
    }
}
