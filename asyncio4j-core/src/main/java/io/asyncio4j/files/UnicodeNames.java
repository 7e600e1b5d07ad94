package io.asyncio4j.files;

/**
 * The Unicode name of a code point as CPython 3.13's {@code unicodedata.name} gives it (Unicode
 * 15.1), for {@link TextErrors#NAME_REPLACE}. It starts from {@link Character#getName} (JDK 25:
 * Unicode 16.0) and corrects where the two differ, as found by comparing all 1,114,112 code
 * points with CPython 3.13:
 * <ul>
 * <li>controls, surrogates, private-use and unassigned code points have no name in Python (the
 * JDK names controls by their Unicode 1.0 names and the others by their block);</li>
 * <li>CJK unified ideographs are {@code CJK UNIFIED IDEOGRAPH-4E00} (JDK: {@code CJK UNIFIED
 * IDEOGRAPHS 4E00}), and Hangul syllables are named from their jamo, {@code HANGUL SYLLABLE GA}
 * (JDK: {@code HANGUL SYLLABLES AC00});</li>
 * <li>{@link #PYTHON_UNNAMED}: characters new in Unicode 16.0, and those Python names by no
 * algorithm (Tangut ideographs, Khitan, Egyptian hieroglyph extensions).</li>
 * </ul>
 * Stateless.
 * <p>
 * asyncio: {@code unicodedata.name(ch, None)} (CPython 3.13)
 */
final class UnicodeNames {
    /**
     * Inclusive ranges where the JDK has a name and CPython 3.13 has none (gaps of code points
     * neither names are merged in). Made by comparing {@code Character.getName} with
     * {@code unicodedata.name} over every code point.
     */
    private static final int[] PYTHON_UNNAMED = {
        0x897, 0x897, 0x1B4E, 0x1B4F, 0x1B7F, 0x1B7F, 0x1C89, 0x1C8A, 0x2427, 0x2429, 0x31E4, 0x31E5,
        0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC, 0x105C0, 0x105F3, 0x10D40, 0x10D8F, 0x10EC2, 0x10EFC,
        0x11380, 0x113E2, 0x116D0, 0x116E3, 0x11BC0, 0x11BF9, 0x11F5A, 0x11F5A, 0x13460, 0x143FA,
        0x16100, 0x16139, 0x16D40, 0x16D79, 0x17000, 0x187F7, 0x18CFF, 0x18D08, 0x1CC00, 0x1CEB3,
        0x1E5D0, 0x1E5FF, 0x1F8B2, 0x1F8C1, 0x1FA89, 0x1FA8F, 0x1FABE, 0x1FABE, 0x1FAC6, 0x1FAC6,
        0x1FADC, 0x1FADF, 0x1FAE9, 0x1FAE9, 0x1FBCB, 0x1FBEF,
    };

    private static final int HANGUL_FIRST = 0xAC00;
    private static final int HANGUL_LAST = 0xD7A3;
    private static final String[] JAMO_L = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J",
        "JJ", "C", "K", "T", "P", "H"};
    private static final String[] JAMO_V = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
        "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
    private static final String[] JAMO_T = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
        "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

    private UnicodeNames() {
    }

    /** The name of {@code cp}, or null where CPython 3.13 has none. */
    static String name(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED) {
            return null;
        }
        if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST) {
            int s = cp - HANGUL_FIRST;
            return "HANGUL SYLLABLE " + JAMO_L[s / 588] + JAMO_V[(s % 588) / 28] + JAMO_T[s % 28];
        }
        if (unnamedInPython(cp)) {
            return null;
        }
        String name = Character.getName(cp);
        if (name != null && name.startsWith("CJK UNIFIED IDEOGRAPHS")) {
            return "CJK UNIFIED IDEOGRAPH-" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        }
        return name;
    }

    private static boolean unnamedInPython(int cp) {
        if (cp < PYTHON_UNNAMED[0]) {
            return false;
        }
        for (int i = 0; i < PYTHON_UNNAMED.length; i += 2) {
            if (cp < PYTHON_UNNAMED[i]) {
                return false;
            }
            if (cp <= PYTHON_UNNAMED[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
