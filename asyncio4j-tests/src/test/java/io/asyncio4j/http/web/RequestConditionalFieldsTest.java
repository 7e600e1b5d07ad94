package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static io.asyncio4j.http.testutils.TestUtils.makeMockedRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code Request.ifModifiedSince()}, {@code ifUnmodifiedSince()}, {@code ifRange()}: aiohttp's
 * {@code request.if_modified_since} and friends. aiohttp 3.8.4 (make_mocked_request):
 * <pre>
 * If-Modified-Since: Wed, 21 Oct 2015 07:28:00 GMT    2015-10-21 07:28:00+00:00
 * If-Modified-Since: Wednesday, 21-Oct-15 07:28:00 GMT 2015-10-21 07:28:00+00:00
 * If-Modified-Since: Wed Oct 21 07:28:00 2015          2015-10-21 07:28:00+00:00
 * If-Unmodified-Since: garbage                         None
 * If-Range: "etag"                                     None
 * If-Range: Wed, 21 Oct 2015 07:28:00 GMT              timestamp 1445412480.0
 * (no field)                                           None, None, None
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
class RequestConditionalFieldsTest {
    private static final Instant T = Instant.ofEpochSecond(1445412480L);

    private static Request with(String name, String value) {
        return makeMockedRequest("GET", "/", Headers.of(name, value));
    }

    @Test
    void ifModifiedSinceReadsAnImfFixdate() {
        assertEquals(T, with("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT").ifModifiedSince());
    }

    @Test
    void ifModifiedSinceReadsTheObsoleteRfc850AndAsctimeForms() {
        assertEquals(T, with("If-Modified-Since", "Wednesday, 21-Oct-15 07:28:00 GMT").ifModifiedSince());
        assertEquals(T, with("If-Modified-Since", "Wed Oct 21 07:28:00 2015").ifModifiedSince());
    }

    @Test
    void aFieldThatIsNotADateIsNull() {
        assertNull(with("If-Unmodified-Since", "garbage").ifUnmodifiedSince());
        assertNull(with("If-Range", "\"etag\"").ifRange());
    }

    @Test
    void ifRangeAndIfUnmodifiedSinceReadTheirOwnFields() {
        assertEquals(T, with("If-Range", "Wed, 21 Oct 2015 07:28:00 GMT").ifRange());
        assertEquals(T, with("If-Unmodified-Since", "Wed, 21 Oct 2015 07:28:00 GMT").ifUnmodifiedSince());
        assertNull(with("If-Range", "Wed, 21 Oct 2015 07:28:00 GMT").ifModifiedSince());
    }

    @Test
    void absentFieldsAreNull() {
        Request r = makeMockedRequest("GET", "/", new Headers());
        assertNull(r.ifModifiedSince());
        assertNull(r.ifUnmodifiedSince());
        assertNull(r.ifRange());
    }
}
