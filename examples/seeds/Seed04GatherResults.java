// seed: 04_gather_results.py
// gather returns results in argument order.
import java.util.List;
import java.util.stream.Collectors;

import static io.asyncio4j.Asyncio.*;

String foo() {
    sleep(1);
    return "foo";
}

String bar() {
    sleep(2);
    return "bar";
}

/** Prints a list of strings the way Python prints a list: ['foo', 'bar']. */
String pythonList(List<String> items) {
    return items.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
}

void main() {
    run(() -> {
        List<String> results = gather(this::foo, this::bar);
        System.out.println(pythonList(results));
    });
}
