package io.asyncio4j.internal.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code repr(str)} as Python 3.13 prints it; each expected text is Python's output for the same string. */
class PythonReprTest {

    @Test
    void plainTextIsSingleQuoted() {
        assertEquals("'abc'", PythonRepr.ofString("abc"));
    }

    @Test
    void aSingleQuoteWithoutADoubleOneSwitchesToDoubleQuotes() {
        // repr("Don't") -> "Don't"; repr('a\'b"c') -> 'a\'b"c'
        assertEquals("\"Don't\"", PythonRepr.ofString("Don't"));
        assertEquals("'a\\'b\"c'", PythonRepr.ofString("a'b\"c"));
    }

    @Test
    void controlCharactersAndTheBackslashAreEscaped() {
        // repr('\t\n\r\x00\x7f\\') -> '\t\n\r\x00\x7f\\'
        assertEquals("'\\t\\n\\r\\x00\\x7f\\\\'", PythonRepr.ofString("\t\n\r\u0000\u007f\\"));
    }

    @Test
    void nonPrintableUnicodeIsEscapedAndPrintableUnicodeKept() {
        // repr('a\x80b\xa0c\u200bd\U000e0001e\u00e9\U0001f600') -> 'a\x80b\xa0c\u200bd\U000e0001eé😀'
        assertEquals("'a\\x80b\\xa0c\\u200bd\\U000e0001eé😀'",
                PythonRepr.ofString("a\u0080b\u00a0c\u200bd\uDB40\uDC01e\u00e9\uD83D\uDE00"));
    }
}
