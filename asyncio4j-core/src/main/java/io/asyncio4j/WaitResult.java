package io.asyncio4j;

import java.util.Set;

/**
 * The two sets {@link Asyncio#wait} returns: the futures done and those still pending, each in
 * the order they were passed.
 * <p>
 * asyncio: the {@code (done, pending)} tuple of {@code asyncio.wait}
 *
 * @param done the futures that are done
 * @param pending the futures that are not
 * @param <T> the result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
