package io.asyncio4j.http.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** ByteRange.select: a Range field (RFC 9110 §14) resolved against a file's size. */
class ByteRangeTest {
    @Test
    void noFieldSelectsTheWholeFile() {
        assertNull(ByteRange.select(null, 10));
    }

    @Test
    void firstAndLastSelectTheBytesBetweenThemInclusive() {
        assertEquals(new ByteRange(2, 4), ByteRange.select("bytes=2-5", 10));
        assertEquals(new ByteRange(0, 1), ByteRange.select("bytes=0-0", 10));
    }

    @Test
    void theUnitIsCaseInsensitiveAndSpacesAroundTheSpecAreAllowed() {
        assertEquals(new ByteRange(2, 4), ByteRange.select(" Bytes= 2-5 ", 10));
    }

    @Test
    void aMissingLastRunsToTheEnd() {
        assertEquals(new ByteRange(7, 3), ByteRange.select("bytes=7-", 10));
    }

    @Test
    void aLastPastTheEndIsCutToTheLastByte() {
        assertEquals(new ByteRange(8, 2), ByteRange.select("bytes=8-1000", 10));
    }

    @Test
    void aSuffixSelectsTheLastBytesUpToTheWholeFile() {
        assertEquals(new ByteRange(6, 4), ByteRange.select("bytes=-4", 10));
        assertEquals(new ByteRange(0, 10), ByteRange.select("bytes=-99", 10));
    }

    @Test
    void aFirstAtOrPastTheEndOrAnEmptySuffixIsUnsatisfiable() {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select("bytes=10-", 10));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select("bytes=10-20", 10));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select("bytes=-0", 10));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select("bytes=0-", 0));
    }

    @Test
    void malformedOrUnsupportedFieldsAreIgnored() {
        for (String f : new String[] {"bytes=", "bytes=-", "bytes=a-b", "bytes=5-2", "bytes=1-2,4-5", "items=0-1",
                "bytes 0-1", "bytes=+1-2", "bytes=1-2-3", "bytes=99999999999999999999-"}) {
            assertNull(ByteRange.select(f, 10), f);
        }
    }

    @Test
    void theContentRangeNamesFirstLastAndSize() {
        assertEquals("bytes 2-5/10", new ByteRange(2, 4).contentRange(10));
    }
}
