package io.asyncio4j;

import io.asyncio4j.internal.Engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The suite runs once per engine; each run must really get the engine it is meant to test. */
class EngineTest {

    @Test
    void theRunUsesTheEngineItExpects() {
        String expected = System.getProperty("asyncio4j.expectEngine", "loom");
        assertEquals(expected, Engine.get().name());
    }
}
