package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The netrc parser against Python's {@code netrc} module: each case's file was parsed by Python
 * 3.13 and 3.11 (the same answers) and the hosts, macros and {@code authenticators("x")} kept as
 * {@code json.dumps} printed them, or the {@code NetrcParseError}'s {@code str()}; and how a
 * trusting session finds its netrc file (aiohttp 3.8.4's {@code netrc_from_env}).
 */
class NetrcTest {
    private static Netrc parse(String text) {
        try {
            return Netrc.parse(text, "f");
        } catch (NetrcParseException e) {
            throw new AssertionError("Python parses this file; we raised " + e.getMessage(), e);
        }
    }

    private static String error(String text) {
        return assertThrows(NetrcParseException.class, () -> Netrc.parse(text, "f")).getMessage();
    }

    /** A string as Python's json.dumps writes it (ASCII cases). */
    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String entry(Netrc.Entry e) {
        return e == null ? "null" : "[" + json(e.login()) + ", " + json(e.account()) + ", " + json(e.password()) + "]";
    }

    private static String hosts(Netrc n) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        n.hosts().forEach((k, v) -> j.add(json(k) + ": " + entry(v)));
        return j.toString();
    }

    private static String macros(Netrc n) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, List<String>> m : n.macros().entrySet()) {
            StringJoiner lines = new StringJoiner(", ", "[", "]");
            m.getValue().forEach(l -> lines.add(json(l)));
            j.add(json(m.getKey()) + ": " + lines);
        }
        return j.toString();
    }

    // ---- the parser, against Python's netrc module ----------------------------------------------------

    @Test
    void aMachineEntryGivesItsLoginAndPassword() {
        Netrc n = parse("machine host.example login alice password s3cret\n");
        assertEquals("{\"host.example\": [\"alice\", \"\", \"s3cret\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void anEntryMayGiveAnAccountOnItsOwnLines() {
        Netrc n = parse("machine h\n\tlogin bob\n\taccount acct\n\tpassword pw\n");
        assertEquals("{\"h\": [\"bob\", \"acct\", \"pw\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void userIsAnotherNameForLogin() {
        Netrc n = parse("machine h user carol password pw\n");
        assertEquals("{\"h\": [\"carol\", \"\", \"pw\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void theDefaultEntryAnswersForAnUnnamedHost() {
        Netrc n = parse("machine a login x password y\ndefault login anon password guest\n");
        assertEquals("{\"a\": [\"x\", \"\", \"y\"], \"default\": [\"anon\", \"\", \"guest\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("[\"anon\", \"\", \"guest\"]", entry(n.authenticators("x")));
    }

    @Test
    void aQuotedTokenKeepsItsSpacesAndAnEscapedQuote() {
        Netrc n = parse("machine h login \"al ice\" password \"p w\\\"q\"\n");
        assertEquals("{\"h\": [\"al ice\", \"\", \"p w\\\"q\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aBackslashTakesTheNextCharacterAsItIs() {
        Netrc n = parse("machine h login a\\ b password c\\\\d\n");
        assertEquals("{\"h\": [\"a b\", \"\", \"c\\\\d\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aLaterEntryForTheSameMachineReplacesTheEarlierOne() {
        Netrc n = parse("machine h login one password 1\nmachine h login two password 2\n");
        assertEquals("{\"h\": [\"two\", \"\", \"2\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aHashAloneStartsACommentToTheEndOfTheLine() {
        Netrc n = parse("# a comment here\nmachine h login a password b # trailing words here\nmachine i login c password d\n");
        assertEquals("{\"h\": [\"a\", \"\", \"b\"], \"i\": [\"c\", \"\", \"d\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aHashInsideAValueIsPartOfIt() {
        Netrc n = parse("machine h login a password #notacomment\n");
        assertEquals("{\"h\": [\"a\", \"\", \"#notacomment\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aMacroRunsToTheNextEmptyLine() {
        Netrc n = parse("machine h login a password b\nmacdef init\ncd /pub\nbin\n\nmachine i login c password d\n");
        assertEquals("{\"h\": [\"a\", \"\", \"b\"], \"i\": [\"c\", \"\", \"d\"]}", hosts(n));
        assertEquals("{\"init\": [\"cd /pub\\n\", \"bin\\n\"]}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aMacroWithoutItsEmptyLineIsAnError() {
        assertEquals("Macro definition missing null line terminator. (f, line 2)", error("macdef init\ncd /pub\n"));
    }

    @Test
    void anUnknownWordInAnEntryIsABadFollowerToken() {
        assertEquals("bad follower token 'bogus' (f, line 3)", error("machine h login a password b\nbogus\n"));
    }

    @Test
    void anUnknownKeywordAfterALoginIsABadFollowerToken() {
        assertEquals("bad follower token 'frobnicate' (f, line 1)", error("machine h login a frobnicate b\n"));
    }

    @Test
    void aMachineWithoutANameIsAnError() {
        assertEquals("missing 'machine' name (f, line 2)", error("machine\n"));
    }

    @Test
    void anEmptyQuotedTokenEndsTheFile() {
        Netrc n = parse("machine h login a password b\n\"\" machine i login c password d\n");
        assertEquals("{\"h\": [\"a\", \"\", \"b\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void crlfLineEndsReadAsNewlines() {
        Netrc n = parse("machine h login a password b\r\nmacdef m\r\nx\r\n\r\nmachine i login c\r\n");
        assertEquals("{\"h\": [\"a\", \"\", \"b\"], \"i\": [\"c\", \"\", \"\"]}", hosts(n));
        assertEquals("{\"m\": [\"x\\n\"]}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void anEntryWithoutAPasswordHasAnEmptyOne() {
        Netrc n = parse("machine h login a\n");
        assertEquals("{\"h\": [\"a\", \"\", \"\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void aHashOnALineAfterABlankLineDoesNotHideTheRestOfThatLine() {
        assertEquals("bad toplevel token 'words' (f, line 2)", error("\n# words after a blank line\n"));
    }

    @Test
    void aHashWordAtTheTopLevelHidesOnlyItself() {
        assertEquals("bad toplevel token 'words' (f, line 2)", error("#comment words\n"));
    }

    @Test
    void aKeywordAfterLoginIsTheLoginsValue() {
        Netrc n = parse("machine h login machine password default\n");
        assertEquals("{\"h\": [\"machine\", \"\", \"default\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void anUnclosedQuoteRunsToTheEndOfTheFile() {
        Netrc n = parse("machine h login \"abc");
        assertEquals("{\"h\": [\"abc\", \"\", \"\"]}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void anEmptyFileHasNoEntries() {
        Netrc n = parse("");
        assertEquals("{}", hosts(n));
        assertEquals("{}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    @Test
    void anUnknownWordAtTheTopLevelIsABadToplevelToken() {
        assertEquals("bad toplevel token 'bogus' (f, line 1)", error("bogus machine h\n"));
    }

    @Test
    void aMacroMayEndTheFile() {
        Netrc n = parse("macdef m\nline\n\n");
        assertEquals("{}", hosts(n));
        assertEquals("{\"m\": [\"line\\n\"]}", macros(n));
        assertEquals("null", entry(n.authenticators("x")));
    }

    // ---- finding the file (aiohttp's netrc_from_env) -------------------------------------------------

    private static final String ENTRY = "machine proxy.example login u password p\n";

    @Test
    void netrcNamesTheFileToRead(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("my-netrc"), ENTRY);
        Netrc n = Netrc.fromEnvironment(Map.of("NETRC", f.toString(), "HOME", dir.resolve("elsewhere").toString()));
        assertEquals("[\"u\", \"\", \"p\"]", entry(n.authenticators("proxy.example")));
    }

    @Test
    void withoutNetrcTheDotNetrcInHomeIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".netrc"), ENTRY);
        Netrc n = Netrc.fromEnvironment(Map.of("HOME", dir.toString()));
        assertEquals("[\"u\", \"\", \"p\"]", entry(n.authenticators("proxy.example")));
    }

    @Test
    void aMissingFileGivesNoNetrc(@TempDir Path dir) {
        assertNull(Netrc.fromEnvironment(Map.of("HOME", dir.toString())));
        assertNull(Netrc.fromEnvironment(Map.of("NETRC", dir.resolve("absent").toString())));
    }

    @Test
    void anEnvironmentWithoutNetrcOrHomeGivesNoNetrc() {
        assertNull(Netrc.fromEnvironment(Map.of("HTTP_PROXY", "http://proxy.example:3128")));
    }

    @Test
    void aMalformedFileIsIgnored(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad"), "machine proxy.example login u frobnicate p\n");
        assertNull(Netrc.fromEnvironment(Map.of("NETRC", f.toString())));
    }

    @Test
    void anEntrysToStringHidesThePassword() {
        assertEquals("Entry[login=u, account=, password=***]", parse(ENTRY).authenticators("proxy.example").toString());
    }
}
