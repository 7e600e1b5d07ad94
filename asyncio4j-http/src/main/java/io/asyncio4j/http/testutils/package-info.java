/**
 * Test utilities for applications served with asyncio4j-http, as aiohttp's {@code test_utils}: a
 * {@link io.asyncio4j.http.testutils.TestServer} serves an application on 127.0.0.1 and a port
 * the system picks, a {@link io.asyncio4j.http.testutils.RawTestServer} serves one handler for
 * every request, a {@link io.asyncio4j.http.testutils.TestClient} sends requests to either by
 * path, and {@link io.asyncio4j.http.testutils.TestUtils#makeMockedRequest} makes a request to
 * call a handler with, without a socket. Framework-neutral: use them from JUnit, TestNG or a
 * {@code main}, in a task of the loop that serves (asyncio4j-testing's JUnit extension runs a
 * test method as one).
 * <p>
 * Named {@code testutils}, like aiohttp's module, and not {@code test}: a package called
 * {@code test} reads as test sources, and its classes named {@code Test...} would look like test
 * classes to the build's conventions (aiohttp sets {@code __test__ = False} on them for pytest's).
 * <p>
 * aiohttp: {@code aiohttp.test_utils}
 */
package io.asyncio4j.http.testutils;
