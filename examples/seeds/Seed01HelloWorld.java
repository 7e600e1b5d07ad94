// seed: 01_hello_world.py
// Basic coroutine: print, sleep one second, print.
import static io.asyncio4j.Asyncio.*;

void sayHello() {
    System.out.println("Hello");
    sleep(1);
    System.out.println("World");
}

void main() {
    run(this::sayHello);
}
