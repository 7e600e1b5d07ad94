package io.asyncio4j.http.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.asyncio4j.http.codec.HttpTesting.assertIllegal;
import static io.asyncio4j.http.codec.WsDeflateParams.ABSENT;
import static io.asyncio4j.http.codec.WsDeflateParams.NO_VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * WsDeflateParams: permessage-deflate's negotiation (RFC 7692 §5, §7.1) — the client's offer,
 * the server's choice among offers and its answer, the client's check of the answer — against
 * the RFC's rules, aiohttp's offers ({@code ws_ext_gen}), and this side's one limit (a 15-bit
 * window for its own compressor).
 */
class WsDeflateParamsTest {
    private static final String PMD = "permessage-deflate";

    private static WsDeflateParams accept(String... fieldValues) {
        return WsDeflateParams.accept(List.of(fieldValues));
    }

    /** The server's answer field to these offer fields, or null when it declines them all. */
    private static String answer(String... fieldValues) {
        WsDeflateParams p = accept(fieldValues);
        return p == null ? null : p.headerValue();
    }

    private static WsDeflateParams response(int offered, String... fieldValues) {
        return WsDeflateParams.fromResponse(List.of(fieldValues), offered);
    }

    // ---- the client's offer ------------------------------------------------------------------------

    @Test
    void aFifteenBitOfferIsTheBareExtension() {
        assertEquals("permessage-deflate", WsDeflateParams.offer(15));
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 14})
    void aSmallerOfferAsksTheServerForThatWindowAndNeverOffersToLimitTheClients(int bits) {
        assertEquals("permessage-deflate; server_max_window_bits=" + bits, WsDeflateParams.offer(bits));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 8, 16})
    void otherOfferBitsAreRefused(int bits) {
        assertIllegal("compress is " + bits, () -> WsDeflateParams.offer(bits));
    }

    // ---- the server's choice and answer ------------------------------------------------------------

    @Test
    void theBareOfferIsAcceptedWithTheBareAnswer() {
        assertEquals(new WsDeflateParams(false, false, ABSENT, ABSENT), accept(PMD));
        assertEquals(PMD, answer(PMD));
    }

    @Test
    void aiohttpsOfferIsAcceptedAndTheClientsWindowLeftAlone() {
        // ws_connect(compress=15): "permessage-deflate; client_max_window_bits"
        assertEquals(PMD, answer("permessage-deflate; client_max_window_bits"));
        assertEquals(PMD, answer("permessage-deflate; client_max_window_bits=10"), "the Inflater reads any window");
        assertEquals(PMD, answer("permessage-deflate; client_max_window_bits=8"));
    }

    @Test
    void theNoContextTakeoverParametersAreAgreedAndRepeated() {
        assertEquals("permessage-deflate; server_no_context_takeover", answer("permessage-deflate; server_no_context_takeover"));
        assertEquals("permessage-deflate; client_no_context_takeover", answer("permessage-deflate; client_no_context_takeover"));
        WsDeflateParams both = accept("permessage-deflate; client_no_context_takeover; server_no_context_takeover");
        assertEquals(new WsDeflateParams(true, true, ABSENT, ABSENT), both);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover", both.headerValue());
    }

    @Test
    void aFifteenBitServerWindowIsAcceptedByRepeatingIt() {
        assertEquals("permessage-deflate; server_max_window_bits=15", answer("permessage-deflate; server_max_window_bits=15"));
        assertEquals("permessage-deflate; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=\"15\""), "a quoted value");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 14})
    void anOfferLimitingTheServersWindowBelowFifteenIsDeclinedForTheJdksDeflaterCannot(int bits) {
        // aiohttp's ws_connect(compress=10) offers this; aiohttp's server then compresses with wbits=10
        assertNull(answer("permessage-deflate; client_max_window_bits; server_max_window_bits=" + bits));
    }

    @Test
    void theFirstOfferThatCanBeHonouredIsTaken() {
        assertEquals(PMD, answer("permessage-deflate; server_max_window_bits=10, permessage-deflate"));
        assertEquals("permessage-deflate; server_no_context_takeover",
                answer("permessage-deflate; server_no_context_takeover, permessage-deflate"), "the first, not the simplest");
        assertEquals(PMD, answer("x-webkit-deflate-frame", "permessage-deflate"), "over several fields; others skipped");
        assertEquals(PMD, answer("foo; bar=\"a, b; c\", permessage-deflate"), "a comma inside quotes splits nothing");
        assertEquals(PMD, answer("permessage-deflate; foo, permessage-deflate"), "an unknown parameter declines only its offer");
    }

    @Test
    void namesAreMatchedWithoutCaseAndSpacesAroundDelimitersAreAllowed() {
        assertEquals("permessage-deflate; server_no_context_takeover",
                answer("PerMessage-Deflate ;Server_No_Context_Takeover ,"));
        assertEquals("permessage-deflate; server_max_window_bits=15", answer("permessage-deflate;server_max_window_bits = 15"));
    }

    @Test
    void noOfferNoExtension() {
        assertNull(WsDeflateParams.accept(List.of()));
        assertNull(answer(""));
        assertNull(answer(" , "));
        assertNull(answer("x-webkit-deflate-frame"));
        assertNull(answer("x-permessage-deflate"), "aiohttp's regular expression finds the name inside another");
        assertNull(answer("permessage-deflate-x"));
    }

    /** Offers RFC 7692 §7 has a server decline: each alone, so the answer is none. */
    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; foo",                                                  // not a parameter of an offer
        "permessage-deflate; foo=1",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover", // repeated
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
        "permessage-deflate; server_no_context_takeover=1",                          // a value where none goes
        "permessage-deflate; client_no_context_takeover=true",
        "permessage-deflate; server_max_window_bits",                                // a value is needed
        "permessage-deflate; server_max_window_bits=7",                              // 8 to 15
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=015",                            // no leading zeroes
        "permessage-deflate; server_max_window_bits=0xf",
        "permessage-deflate; server_max_window_bits=-15",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=abc",
        "permessage-deflate;",                                                       // malformed
        "permessage-deflate; =15",
        "permessage-deflate; server_max_window_bits=",
        "permessage-deflate server_no_context_takeover",
    })
    void aBadOfferIsDeclined(String offer) {
        assertNull(answer(offer), offer);
        assertEquals(PMD, answer(offer + ", permessage-deflate"), "the next offer is still read: " + offer);
    }

    @Test
    void anUnterminatedQuotedStringDeclinesItsOfferAndWhatFollows() {
        assertNull(answer("permessage-deflate; server_max_window_bits=\"15, permessage-deflate"));
        assertEquals("permessage-deflate; server_max_window_bits=15",
                answer("permessage-deflate; server_max_window_bits=\"15\", permessage-deflate"));
    }

    // ---- the client's check of the answer ----------------------------------------------------------

    @Test
    void noAnswerFieldMeansTheServerDeclined() {
        assertNull(WsDeflateParams.fromResponse(List.of(), 15));
        assertNull(response(15, " "));
        assertNull(WsDeflateParams.fromResponse(List.of(), 0));
    }

    @Test
    void theAnswersParametersAreTheAgreedOnes() {
        assertEquals(new WsDeflateParams(false, false, ABSENT, ABSENT), response(15, PMD));
        assertEquals(new WsDeflateParams(true, true, ABSENT, ABSENT),
                response(15, "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                "the server may add either unasked (RFC 7692 §7.1.1)");
        assertEquals(new WsDeflateParams(false, false, 8, ABSENT), response(15, "permessage-deflate; server_max_window_bits=8"),
                "a server may limit its own window unasked (§7.1.2.1); the Inflater reads it");
        assertEquals(new WsDeflateParams(false, false, 10, ABSENT), response(10, "permessage-deflate; server_max_window_bits=10"),
                "aiohttp's server answers ws_connect(compress=10) so");
        assertEquals(new WsDeflateParams(false, false, 9, ABSENT), response(10, "permessage-deflate; server_max_window_bits=9"));
        assertEquals(new WsDeflateParams(false, false, ABSENT, ABSENT), response(10, PMD),
                "a server that ignores the limit asked for compresses with 15 bits, which this side reads");
        assertEquals(new WsDeflateParams(false, false, ABSENT, 15), response(15, "permessage-deflate; client_max_window_bits=15"),
                "a 15-bit limit on the client's window is what the client does anyway");
        assertEquals(new WsDeflateParams(true, false, ABSENT, ABSENT), response(15, "Permessage-Deflate; Server_No_Context_Takeover"));
    }

    @Test
    void anAnswerWithoutAnOfferFailsTheConnection() {
        assertIllegal("the client offered no extension", () -> response(0, PMD));
    }

    /** Answers a client must fail the connection on (RFC 6455 §9.1, RFC 7692 §5), and what the problem says. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "15 | x-webkit-deflate-frame                                         | the extension \"x-webkit-deflate-frame\", which the client did not offer",
        "15 | permessage-deflate, permessage-deflate                         | more than the one permessage-deflate",
        "15 | permessage-deflate; foo                                        | the parameter foo is not one of permessage-deflate's",
        "15 | permessage-deflate; server_no_context_takeover; server_no_context_takeover | appears twice",
        "15 | permessage-deflate; client_no_context_takeover=1               | client_no_context_takeover takes no value",
        "15 | permessage-deflate; server_max_window_bits                     | server_max_window_bits needs a value from 8 to 15",
        "15 | permessage-deflate; server_max_window_bits=16                  | server_max_window_bits needs a value from 8 to 15",
        "15 | permessage-deflate; server_max_window_bits=09                  | server_max_window_bits needs a value from 8 to 15",
        "10 | permessage-deflate; server_max_window_bits=11                  | server_max_window_bits=11 is larger than the 10 the client offered",
        "15 | permessage-deflate; client_max_window_bits=10                  | the server limits the client's window to 10 bits",
        "15 | permessage-deflate; client_max_window_bits                     | client_max_window_bits needs a value from 8 to 15",
        "15 | permessage-deflate;                                            | is malformed",
    })
    void aBadAnswerFailsTheConnectionWithItsProblem(int offered, String answer, String problem) {
        assertIllegal(problem, () -> response(offered, answer));
    }

    // ---- the record ------------------------------------------------------------------------------

    @Test
    void headerValueWritesEachParameterPresent() {
        assertEquals("permessage-deflate; client_max_window_bits", new WsDeflateParams(false, false, ABSENT, NO_VALUE).headerValue());
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                + "server_max_window_bits=10; client_max_window_bits=9", new WsDeflateParams(true, true, 10, 9).headerValue());
    }

    @Test
    void noContextTakeoverIsAskedPerSide() {
        WsDeflateParams p = new WsDeflateParams(true, false, ABSENT, ABSENT);
        assertEquals(true, p.noContextTakeover(true));
        assertEquals(false, p.noContextTakeover(false));
    }

    @Test
    void windowValuesAreChecked() {
        assertIllegal("serverMaxWindowBits is 7", () -> new WsDeflateParams(false, false, 7, ABSENT));
        assertIllegal("serverMaxWindowBits is -1", () -> new WsDeflateParams(false, false, NO_VALUE, ABSENT));
        assertIllegal("clientMaxWindowBits is 16", () -> new WsDeflateParams(false, false, ABSENT, 16));
    }
}
