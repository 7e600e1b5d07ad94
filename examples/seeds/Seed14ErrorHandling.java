// seed: 14_error_handling.py
// Errors inside coroutines, try/catch, gatherOutcomes (return_exceptions=True) and Future.setException.
import io.asyncio4j.Future;
import io.asyncio4j.Outcome;

import java.util.List;
import java.util.stream.Collectors;

import static io.asyncio4j.Asyncio.*;

int mayFail(int n) {
    sleep(0.1 * n);
    if (n == 2) {
        throw new IllegalArgumentException("bad input " + n);
    }
    return n * 10;
}

/** Python's repr of a list element: numbers bare, strings quoted. */
String repr(Object o) {
    return o instanceof String s ? "'" + s + "'" : String.valueOf(o);
}

void main() {
    run(() -> {
        try {
            mayFail(2);
        } catch (IllegalArgumentException e) {
            System.out.println("caught: " + e.getMessage());
        }
        List<Outcome<Integer>> results = gatherOutcomes(() -> mayFail(1), () -> mayFail(2), () -> mayFail(3));
        System.out.println(results.stream()
                .map(r -> r.isSuccess() ? repr(r.value()) : repr("error: " + r.exception().getMessage()))
                .collect(Collectors.joining(", ", "[", "]")));
        Future<Void> fut = getRunningLoop().createFuture();
        getRunningLoop().callLater(0.1, () -> fut.setException(new RuntimeException("from future")));
        try {
            fut.await();
        } catch (RuntimeException e) {
            System.out.println("future failed: " + e.getMessage());
        }
    });
}
