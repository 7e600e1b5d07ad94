package io.asyncio4j.http.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BasicAuth.decode (aiohttp's {@code BasicAuth.decode(auth_header, encoding="latin1")}) and
 * BasicAuth.fromUrl ({@code BasicAuth.from_url(URL(...))}). Every expected value or message is
 * aiohttp 3.8.4's for the same input, but where noted.
 */
class BasicAuthDecodeTest {

    private static String refused(String header) {
        return assertThrows(IllegalArgumentException.class, () -> BasicAuth.decode(header), header).getMessage();
    }

    @Test
    void aBasicFieldDecodesToItsLoginAndPasswordAsLatin1() {
        assertEquals(BasicAuth.of("user", "pass"), BasicAuth.decode("Basic dXNlcjpwYXNz"));
        assertEquals(BasicAuth.of("é", ""), BasicAuth.decode("Basic 6To="), "one byte, 0xE9");
        assertEquals(BasicAuth.of("Ã©", ""), BasicAuth.decode("Basic w6k6"), "UTF-8 bytes read as latin1");
    }

    @Test
    void theSchemeIsMatchedWhateverItsCase() {
        assertEquals("user", BasicAuth.decode("basic dXNlcjpwYXNz").login());
        assertEquals("user", BasicAuth.decode("BASIC dXNlcjpwYXNz").login());
    }

    @Test
    void thePasswordRunsFromTheFirstColonAndEitherPartMayBeEmpty() {
        assertEquals(BasicAuth.of("user", "pass:extra"), BasicAuth.decode("Basic dXNlcjpwYXNzOmV4dHJh"));
        assertEquals(BasicAuth.of("", "pass"), BasicAuth.decode("Basic OnBhc3M="));
        assertEquals(BasicAuth.of("user", ""), BasicAuth.decode("Basic dXNlcjo="));
    }

    @Test
    void anotherEncodingReadsTheBytesAsIt() {
        BasicAuth a = BasicAuth.decode("Basic w6k6", StandardCharsets.UTF_8);
        assertEquals(new BasicAuth("é", "", StandardCharsets.UTF_8), a);
    }

    @Test
    void bytesThatAreNotTheEncodingAreRefused() {
        // aiohttp 3.8.4 lets Python's UnicodeDecodeError (a ValueError) through
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasicAuth.decode("Basic 6To=", StandardCharsets.UTF_8));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aFieldWithoutASpaceCouldNotBeParsed() {
        for (String h : new String[] {"Basic", "", "Basic\tdXNlcjpwYXNz"}) {
            assertTrue(refused(h).contains("Could not parse authorization header."), h);
        }
    }

    @Test
    void anotherSchemeIsAnUnknownAuthorizationMethodNamingIt() {
        assertTrue(refused("Bearer abc").contains("Unknown authorization method Bearer"), refused("Bearer abc"));
    }

    @Test
    void credentialsThatAreNotStrictBase64AreInvalidBase64() {
        // aiohttp: base64.b64decode(..., validate=True) raising binascii.Error
        for (String h : new String[] {"Basic  dXNlcjpwYXNz", "Basic dXNlcjpwYXNz ", "Basic dXNlcg", "Basic dXNl cjpwYXNz",
                "Basic !!!!", "Basic YQ==YQ==", "Basic =YQ==", "Basic YQ=a=", "Basic Y"}) {
            assertTrue(refused(h).contains("Invalid base64 encoding."), h);
        }
    }

    @Test
    void nonAsciiCredentialsAreInvalidBase64() {
        // aiohttp 3.8.4 raises UnicodeEncodeError ('ascii' codec can't encode...), also a ValueError
        assertTrue(refused("Basic é").contains("Invalid base64 encoding."));
    }

    @Test
    void paddingAfterAWholeQuantumIsIgnoredAsPythonDoes() {
        assertEquals(BasicAuth.of("user", "pass"), BasicAuth.decode("Basic dXNlcjpwYXNz="));
        assertEquals(BasicAuth.of("user", "pass"), BasicAuth.decode("Basic dXNlcjpwYXNz===="));
    }

    @Test
    void credentialsWithoutAColonAreInvalid() {
        assertTrue(refused("Basic dXNlcg==").contains("Invalid credentials."));
        assertTrue(refused("Basic ").contains("Invalid credentials."), "nothing decodes to no colon");
    }

    @Test
    void theMessageNeverShowsTheCredentials() {
        String m = refused("Basic c2VjcmV0!");
        assertFalse(m.contains("c2VjcmV0"), m);
    }

    @Test
    void aNullFieldIsRefused() {
        assertTrue(refused(null).contains("null"));
    }

    @Test
    void decodeUndoesEncode() {
        BasicAuth a = BasicAuth.of("Aladdin", "open sesame");
        assertEquals(a, BasicAuth.decode(a.encode()));
    }

    @Test
    void fromUrlTakesTheLoginAndPasswordPercentDecoded() {
        assertEquals(BasicAuth.of("user", "pass"), BasicAuth.fromUrl("http://user:pass@host/"));
        assertEquals(BasicAuth.of("café", "p@ss"), BasicAuth.fromUrl("http://caf%C3%A9:p%40ss@host/"));
        assertEquals(BasicAuth.of("a+b", "p+q"), BasicAuth.fromUrl("http://a%2Bb:p+q@host/"), "+ is no space here");
    }

    @Test
    void fromUrlWithoutAPasswordGivesAnEmptyOne() {
        assertEquals(BasicAuth.of("user", ""), BasicAuth.fromUrl("http://user@host/"));
    }

    @Test
    void fromUrlWithoutALoginGivesNull() {
        assertNull(BasicAuth.fromUrl("http://host/"));
        assertNull(BasicAuth.fromUrl("http://:pass@host/"), "yarl: an empty user is none");
        assertNull(BasicAuth.fromUrl("http://@host/"));
    }

    @Test
    void fromUrlRefusesAnEncodedColonInTheLogin() {
        // aiohttp: ValueError('A ":" is not allowed in login (RFC 1945#section-11.1)')
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasicAuth.fromUrl("http://us%3Aer:p%40ss@host/"));
        assertTrue(e.getMessage().contains("\":\" is not allowed in the login"), e.getMessage());
    }
}
