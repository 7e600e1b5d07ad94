/**
 * The asyncio4j testing kit: a virtual clock for event loops and a JUnit 5 extension that runs
 * each test method as the main task of a loop on that clock.
 */
module io.asyncio4j.testing {
    requires transitive io.asyncio4j;
    requires transitive org.junit.jupiter.api;

    exports io.asyncio4j.testing;
}
