// seed: 02_multiple_coroutines.py
// Running multiple coroutines with gather and different delays.
import static io.asyncio4j.Asyncio.*;

void say(String text, double delay) {
    sleep(delay);
    System.out.println(text);
}

void main() {
    run(() -> {
        gather(() -> say("Hello", 1), () -> say("World", 2));
    });
}
