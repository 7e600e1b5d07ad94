package io.asyncio4j.http.codec;

import io.asyncio4j.http.Headers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static io.asyncio4j.http.codec.HttpTesting.assertIllegal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headers: a case-insensitive ordered multimap that refuses what would break a head, as multidict's CIMultiDict. */
class HeadersTest {

    /** The fields as "Name: value" strings, in order. */
    private static List<String> fields(Headers h) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : h) {
            out.add(e.getKey() + ": " + e.getValue());
        }
        return out;
    }

    // ---- lookups ------------------------------------------------------------------------------

    @Test
    void lookupsIgnoreTheCaseOfTheName() {
        Headers h = Headers.of("Content-Type", "text/plain");
        assertEquals("text/plain", h.get("content-type"));
        assertEquals("text/plain", h.get("CONTENT-TYPE"));
        assertTrue(h.contains("cOnTeNt-TyPe"));
    }

    @Test
    void namesKeepTheCaseTheyWereGiven() {
        Headers h = Headers.of("x-LOWER-upper", "1");
        assertEquals("x-LOWER-upper", h.name(0));
        assertEquals(List.of("x-LOWER-upper: 1"), fields(h));
    }

    @Test
    void getGivesTheFirstValueOfARepeatedName() {
        Headers h = Headers.of("Accept", "a", "accept", "b");
        assertEquals("a", h.get("ACCEPT"));
    }

    @Test
    void getAllGivesEveryValueOfTheNameInOrder() {
        Headers h = Headers.of("Set-Cookie", "a=1", "X", "y", "set-cookie", "b=2");
        assertEquals(List.of("a=1", "b=2"), h.getAll("Set-Cookie"));
    }

    @Test
    void aMissingNameHasNoValue() {
        Headers h = Headers.of("A", "1");
        assertNull(h.get("B"));
        assertEquals("fallback", h.get("B", "fallback"));
        assertEquals(List.of(), h.getAll("B"));
        assertFalse(h.contains("B"));
    }

    @Test
    void theFallbackIsNotUsedForAPresentName() {
        assertEquals("1", Headers.of("A", "1").get("a", "fallback"));
    }

    @Test
    void sizeCountsARepeatedNameEachTime() {
        Headers h = Headers.of("A", "1", "a", "2");
        assertEquals(2, h.size());
        assertFalse(h.isEmpty());
        assertTrue(new Headers().isEmpty());
    }

    // ---- changes ------------------------------------------------------------------------------

    @Test
    void addKeepsTheFieldsOfTheSameName() {
        Headers h = new Headers().add("Via", "a").add("via", "b");
        assertEquals(List.of("Via: a", "via: b"), fields(h));
    }

    @Test
    void setReplacesEveryFieldOfTheNameWithOneWhereTheFirstWas() {
        Headers h = Headers.of("A", "1", "X", "2", "a", "3");
        h.set("A", "9");
        assertEquals(List.of("A: 9", "X: 2"), fields(h));
    }

    @Test
    void setWritesTheNameAsGivenAsMultidictDoes() {
        Headers h = Headers.of("content-type", "text/plain", "X", "1");
        h.set("Content-Type", "text/html");
        assertEquals(List.of("Content-Type: text/html", "X: 1"), fields(h));
    }

    @Test
    void setAppendsAnAbsentName() {
        Headers h = Headers.of("A", "1").set("B", "2");
        assertEquals(List.of("A: 1", "B: 2"), fields(h));
    }

    @Test
    void removeDropsEveryFieldOfTheNameAndSaysThereWasOne() {
        Headers h = Headers.of("A", "1", "X", "2", "a", "3");
        assertTrue(h.remove("a"));
        assertEquals(List.of("X: 2"), fields(h));
    }

    @Test
    void removeOfAnAbsentNameSaysThereWasNone() {
        Headers h = Headers.of("A", "1");
        assertFalse(h.remove("B"));
        assertEquals(1, h.size());
    }

    @Test
    void aCopyDoesNotChangeWithTheOriginal() {
        Headers original = Headers.of("A", "1");
        Headers copy = new Headers(original);
        original.add("B", "2");
        copy.set("A", "3");
        assertEquals(List.of("A: 1", "B: 2"), fields(original));
        assertEquals(List.of("A: 3"), fields(copy));
    }

    // ---- of, iteration, equality --------------------------------------------------------------

    @Test
    void ofWithAnOddNumberOfStringsIsRefused() {
        assertIllegal("in pairs; got 3 strings", () -> Headers.of("A", "1", "B"));
    }

    @Test
    void iterationYieldsTheFieldsInTheOrderTheyWereAdded() {
        Headers h = Headers.of("B", "1", "A", "2", "b", "3");
        assertEquals(List.of("B: 1", "A: 2", "b: 3"), fields(h));
    }

    @Test
    void anIteratorPastTheLastFieldThrowsNoSuchElement() {
        Iterator<Map.Entry<String, String>> it = Headers.of("A", "1").iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void headersWithTheSameFieldsInTheSameOrderAreEqual() {
        assertEquals(Headers.of("A", "1", "B", "2"), Headers.of("A", "1", "B", "2"));
        assertEquals(Headers.of("A", "1", "B", "2").hashCode(), Headers.of("A", "1", "B", "2").hashCode());
    }

    @Test
    void headersInAnotherOrderAreNotEqual() {
        assertNotEquals(Headers.of("A", "1", "B", "2"), Headers.of("B", "2", "A", "1"));
    }

    @Test
    void toStringListsTheFieldsAsMultidictPrintsThem() {
        assertEquals("<Headers(A: 1, b: 2)>", Headers.of("A", "1", "b", "2").toString());
    }

    // ---- validation ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Bad Name", "Bad:Name", "Bad\tName", "Bad\r\nName", "Bad\"Name", "B\u00e4d"})
    void aNameThatIsNotATokenIsRefused(String name) {
        assertIllegal("a name is letters, digits and !#$%&'*+-.^_`|~ only", () -> new Headers().add(name, "v"));
    }

    @Test
    void aNameMayUseEveryTokenSymbol() {
        Headers h = Headers.of("!#$%&'*+-.^_`|~09azAZ", "v");
        assertEquals("v", h.get("!#$%&'*+-.^_`|~09AZaz"));
    }

    @Test
    void anEmptyNameIsRefused() {
        assertIllegal("non-empty token; got \"\"", () -> new Headers().add("", "v"));
    }

    @Test
    void aNullNameIsRefused() {
        assertIllegal("non-empty token; got null", () -> new Headers().add(null, "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nInjected: yes", "a\rb", "a\nb", "a\u0000b"})
    void aValueThatWouldEndTheFieldEarlyIsRefusedAsHeaderInjection(String value) {
        assertIllegal("(header injection)", () -> new Headers().add("X", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "a\u001bb", "a\u007fb"})
    void aValueWithAnotherControlCharacterIsRefused(String value) {
        assertIllegal("may hold tabs but no other control character", () -> new Headers().add("X", value));
    }

    @Test
    void aValueWithATabIsKept() {
        assertEquals("a\tb", Headers.of("X", "a\tb").get("X"));
    }

    @Test
    void aValueAboveLatin1IsRefusedWithTheWayOut() {
        assertIllegal("outside ISO-8859-1; encode it first", () -> new Headers().add("X", "caf\u20ac"));
    }

    @Test
    void aValueInLatin1IsKept() {
        assertEquals("caf\u00e9 \u00ff", Headers.of("X", "caf\u00e9 \u00ff").get("X"));
    }

    @Test
    void aNullValueIsRefused() {
        assertIllegal("the value of X is null", () -> new Headers().add("X", null));
    }

    @Test
    void setChecksTheFieldAsAddDoes() {
        Headers h = Headers.of("X", "1");
        assertIllegal("(header injection)", () -> h.set("X", "a\nb"));
        assertIllegal("a name is letters", () -> h.set("X Y", "1"));
        assertEquals("1", h.get("X"));
    }

    @Test
    void onlyAsciiTokenCharactersAreTokenCharacters() {
        assertTrue(Headers.isTokenChar('a'));
        assertFalse(Headers.isTokenChar(' '));
        assertFalse(Headers.isTokenChar(0xE9));
        assertFalse(Headers.isTokenChar((byte) 0xE9)); // a byte above 0x7F, sign-extended
    }
}
