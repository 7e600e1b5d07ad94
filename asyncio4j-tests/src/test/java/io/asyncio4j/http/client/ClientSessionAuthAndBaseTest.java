package io.asyncio4j.http.client;

import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static io.asyncio4j.http.client.TestServer.ok;
import static io.asyncio4j.http.client.TestServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session-wide auth, base URL and raise-for-status (aiohttp's ClientSession(auth=, base_url=, raise_for_status=)). */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ClientSessionAuthAndBaseTest {
    private static ClientSession session(ClientSessionOptions o) {
        return new ClientSession(o);
    }

    @Test
    void basicAuthEncodesLoginAndPasswordAsAiohttpDoes() {
        // aiohttp: BasicAuth("user", "pass").encode() == 'Basic dXNlcjpwYXNz'
        assertEquals("Basic dXNlcjpwYXNz", BasicAuth.of("user", "pass").encode());
        // latin1 by default: é is one byte (0xE9); BasicAuth("é", "").encode() == 'Basic 6To='
        assertEquals("Basic 6To=", BasicAuth.of("é", "").encode());
        assertEquals("Basic w6k6", new BasicAuth("é", "", StandardCharsets.UTF_8).encode());
    }

    @Test
    void aLoginWithAColonOrNullPartsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("a:b", "p"));
        assertTrue(e.getMessage().contains("RFC 7617"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of(null, "p"));
        assertThrows(IllegalArgumentException.class, () -> BasicAuth.of("a", null));
    }

    @Test
    void basicAuthsStringHidesThePassword() {
        String s = BasicAuth.of("user", "hunter2").toString();
        assertTrue(s.contains("user"), s);
        assertFalse(s.contains("hunter2"), s);
    }

    @Test
    void theSessionsAuthIsSentWithEachRequest() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession s = session(ClientSessionOptions.defaults().withAuth(BasicAuth.of("user", "pass")))) {
            s.get(server.url("/a")).release();
            s.get(server.url("/b")).release();
            assertEquals("Basic dXNlcjpwYXNz", server.requests.get(0).header("Authorization"));
            assertEquals("Basic dXNlcjpwYXNz", server.requests.get(1).header("Authorization"));
        }
    }

    @Test
    void credentialsInTheUrlTakePrecedenceOverTheSessions() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession s = session(ClientSessionOptions.defaults().withAuth(BasicAuth.of("user", "pass")))) {
            s.get("http://other:secret@127.0.0.1:" + server.port() + "/").release();
            assertEquals("Basic b3RoZXI6c2VjcmV0", server.requests.get(0).header("Authorization"));
        }
    }

    @Test
    void theSessionsAuthFollowsASameOriginRedirectButNotAnotherOrigin() throws Exception {
        try (TestServer other = TestServer.answering(r -> ok("other"));
             TestServer server = TestServer.answering(r -> r.target().equals("/same")
                     ? response(302, "Found", "", "Location: " + other.url("/"))
                     : response(302, "Found", "", "Location: /same"));
             ClientSession s = session(ClientSessionOptions.defaults().withAuth(BasicAuth.of("user", "pass")));
             ClientResponse resp = s.get(server.url("/start"))) {
            assertEquals("other", resp.text());
            assertEquals("Basic dXNlcjpwYXNz", server.requests.get(1).header("Authorization"), "same origin: sent");
            assertNull(other.requests.get(0).header("Authorization"), "another origin: not sent");
        }
    }

    @Test
    void anAuthorizationFieldOnARequestOfASessionWithAuthIsRefused() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession s = session(ClientSessionOptions.defaults().withAuth(BasicAuth.of("user", "pass")))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get(server.url("/"),
                    RequestOptions.defaults().withHeader("Authorization", "Bearer t")));
            assertTrue(e.getMessage().contains("use one of them"), e.getMessage());
            assertTrue(server.requests.isEmpty());
        }
    }

    @Test
    void aPathIsJoinedToTheBaseUrlAndAnAbsoluteUrlGoesWhereItSays() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(r.target()));
             TestServer other = TestServer.answering(r -> ok("other " + r.target()));
             ClientSession s = session(ClientSessionOptions.defaults().withBaseUrl("http://127.0.0.1:" + server.port() + "/"))) {
            try (ClientResponse r = s.get("/users?id=1")) {
                assertEquals("/users?id=1", r.text());
            }
            try (ClientResponse r = s.get(other.url("/x"))) {
                assertEquals("other /x", r.text());
            }
        }
    }

    @Test
    void aRelativeUrlNotStartingWithASlashIsRefusedWithABaseUrl() throws Exception {
        try (ClientSession s = session(ClientSessionOptions.defaults().withBaseUrl("http://127.0.0.1:1"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get("users"));
            assertTrue(e.getMessage().contains("starting with /"), e.getMessage());
        }
    }

    @Test
    void aBaseUrlMustBeAnOrigin() {
        for (String bad : new String[] {"http://h/path", "http://h/?q=1", "ftp://h", "/relative", "http://u:p@h",
                "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> ClientSessionOptions.defaults().withBaseUrl(bad), bad);
        }
        assertEquals("https://h:8443", ClientSessionOptions.defaults().withBaseUrl("https://h:8443/").baseUrl());
    }

    @Test
    void raiseForStatusTurnsAnErrorStatusIntoAnExceptionAndReleasesTheResponse() throws Exception {
        try (TestServer server = TestServer.answering(r -> r.target().equals("/bad")
                     ? response(404, "Not Found", "nope") : ok("fine"));
             ClientSession s = session(ClientSessionOptions.defaults().withRaiseForStatus(true))) {
            ClientResponseException e = assertThrows(ClientResponseException.class, () -> s.get(server.url("/bad")));
            assertEquals(404, e.status());
            try (ClientResponse r = s.get(server.url("/good"))) {
                assertEquals("fine", r.text());
            }
            assertEquals(2, server.connections(), "the 404's connection, its body unread, was closed (aiohttp's release())");
        }
    }

    @Test
    void withoutRaiseForStatusAnErrorStatusIsAResponse() throws Exception {
        try (TestServer server = TestServer.answering(r -> response(500, "Internal Server Error", "boom"));
             ClientSession s = session(ClientSessionOptions.defaults());
             ClientResponse r = s.get(server.url("/"))) {
            assertEquals(500, r.status());
            assertEquals("boom", r.text());
        }
    }

    @Test
    void aRequestsRaiseForStatusRaisesInASessionThatDoesNot() throws Exception {
        // aiohttp 3.8.4: ClientSession().get(url, raise_for_status=True) raises ClientResponseError(404)
        try (TestServer server = TestServer.answering(r -> response(404, "Not Found", "nope"));
             ClientSession s = session(ClientSessionOptions.defaults())) {
            ClientResponseException e = assertThrows(ClientResponseException.class,
                    () -> s.get(server.url("/"), RequestOptions.defaults().withRaiseForStatus(true)));
            assertEquals(404, e.status());
        }
    }

    @Test
    void aRequestsRaiseForStatusFalseReturnsTheErrorInASessionThatRaises() throws Exception {
        // aiohttp 3.8.4: ClientSession(raise_for_status=True).get(url, raise_for_status=False) returns the 404
        try (TestServer server = TestServer.answering(r -> response(404, "Not Found", "nope"));
             ClientSession s = session(ClientSessionOptions.defaults().withRaiseForStatus(true));
             ClientResponse r = s.get(server.url("/"), RequestOptions.defaults().withRaiseForStatus(false))) {
            assertEquals(404, r.status());
            assertEquals("nope", r.text());
        }
    }

    @Test
    void aRequestLeavesRaiseForStatusAndMaxRedirectsToTheSessionUntilItGivesThem() {
        RequestOptions o = RequestOptions.defaults();
        assertNull(o.raiseForStatus());
        assertNull(o.maxRedirects());
        assertEquals(Boolean.TRUE, o.withRaiseForStatus(true).raiseForStatus());
        assertEquals(3, o.withMaxRedirects(3).maxRedirects());
    }

    @Test
    void aRequestsOwnAuthGoesOverTheSessions() throws Exception {
        try (TestServer server = TestServer.answering(r -> ok(""));
             ClientSession s = session(ClientSessionOptions.defaults().withAuth(BasicAuth.of("user", "pass")))) {
            s.get(server.url("/"), RequestOptions.defaults().withAuth(BasicAuth.of("other", "secret"))).release();
            assertEquals("Basic b3RoZXI6c2VjcmV0", server.requests.get(0).header("Authorization"));
        }
    }

    @Test
    void aRequestsAuthIsNotSentToAnotherOriginARedirectLeadsTo() throws Exception {
        try (TestServer other = TestServer.answering(r -> ok("other"));
             TestServer server = TestServer.answering(r -> response(302, "Found", "", "Location: " + other.url("/")));
             ClientSession s = session(ClientSessionOptions.defaults());
             ClientResponse resp = s.get(server.url("/"), RequestOptions.defaults().withAuth(BasicAuth.of("u", "p")))) {
            assertEquals("other", resp.text());
            assertEquals("Basic dTpw", server.requests.get(0).header("Authorization"));
            assertNull(other.requests.get(0).header("Authorization"));
        }
    }

    @Test
    void aRequestsAuthWithCredentialsInTheUrlOrAnAuthorizationFieldIsRefused() throws Exception {
        try (ClientSession s = session(ClientSessionOptions.defaults())) {
            IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> s.get("http://a:b@127.0.0.1:1/",
                    RequestOptions.defaults().withAuth(BasicAuth.of("u", "p"))));
            assertTrue(url.getMessage().contains("credentials"), url.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.get("http://127.0.0.1:1/",
                    RequestOptions.defaults().withAuth(BasicAuth.of("u", "p")).withHeader("Authorization", "Bearer t")));
        }
    }
}
