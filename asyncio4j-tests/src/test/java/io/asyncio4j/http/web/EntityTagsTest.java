package io.asyncio4j.http.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EntityTags.matches: If-Match / If-None-Match / If-Range lists (RFC 9110 §8.8.3, §13.1). */
class EntityTagsTest {
    @Test
    void aStarMatchesAnyTag() {
        assertTrue(EntityTags.matches("*", "abc", true));
        assertTrue(EntityTags.matches(" * ", "abc", false));
    }

    @Test
    void aQuotedTagMatchesItsOpaquePart() {
        assertTrue(EntityTags.matches("\"abc\"", "abc", true));
        assertFalse(EntityTags.matches("\"abcd\"", "abc", true));
        assertFalse(EntityTags.matches("\"ab\"", "abc", true));
    }

    @Test
    void anyTagOfAListMatches() {
        assertTrue(EntityTags.matches("\"x\", \"y\",\"abc\"", "abc", true));
        assertFalse(EntityTags.matches("\"x\", \"y\"", "abc", true));
    }

    @Test
    void aWeakTagMatchesOnlyUnderWeakComparison() {
        assertFalse(EntityTags.matches("W/\"abc\"", "abc", true));
        assertTrue(EntityTags.matches("W/\"abc\"", "abc", false));
    }

    @Test
    void anUnreadableListMatchesNothing() {
        assertFalse(EntityTags.matches("abc", "abc", false));
        assertFalse(EntityTags.matches("\"abc", "abc", false));
        assertFalse(EntityTags.matches("\"x\" abc \"abc\"", "abc", false));
    }
}
