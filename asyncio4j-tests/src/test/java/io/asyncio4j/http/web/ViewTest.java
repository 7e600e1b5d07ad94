package io.asyncio4j.http.web;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.http.web.Web.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class-based views (aiohttp's web.View, web.view, router.add_view). The 405 answers and their
 * Allow fields are aiohttp 3.8.4's for the same views (checked with it), but for HEAD, which a
 * view without head() answers with get() here and with 405 in aiohttp.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class ViewTest {
    /** GET, POST and DELETE on one item. */
    static final class ItemView extends View {
        ItemView(Request request) {
            super(request);
        }

        @Override
        public Response get() {
            return Response.text("item " + request().matchInfo("id"));
        }

        @Override
        public Response post() throws Exception {
            return Response.text("posted " + request().text() + " to " + request().matchInfo("id"));
        }

        @Override
        public Response delete() {
            return new Response(204);
        }
    }

    /** GET and its own HEAD. */
    static final class WithHead extends View {
        WithHead(Request request) {
            super(request);
        }

        @Override
        public Response get() {
            return Response.text("the body");
        }

        @Override
        public Response head() {
            return new Response(200).header("X-Head", "own");
        }
    }

    /** POST only. */
    static final class PostOnly extends View {
        PostOnly(Request request) {
            super(request);
        }

        @Override
        public Response post() {
            return Response.text("posted");
        }
    }

    @Test
    void eachMethodGoesToTheViewsMethodOfThatName() throws Exception {
        try (Served s = Served.routes(view("/items/{id}", ItemView::new))) {
            assertEquals("item 7", s.get("/items/7").text());
            assertEquals("posted hello to 7", s.request(RawHttp.withBody("POST", "/items/7", "", "hello")).text());
            assertEquals(204, s.request("DELETE /items/7 HTTP/1.1\r\nHost: test\r\n\r\n").status());
        }
    }

    @Test
    void eachRequestGetsANewViewHoldingIt() throws Exception {
        List<View> views = new ArrayList<>();
        try (Served s = Served.routes(view("/items/{id}", request -> {
            ItemView v = new ItemView(request);
            views.add(v);
            return v;
        }))) {
            s.get("/items/1");
            s.get("/items/2");
        }
        assertEquals(2, views.size());
        assertNotSame(views.get(0), views.get(1));
        assertEquals("/items/1", views.get(0).request().path());
        assertEquals("/items/2", views.get(1).request().path());
    }

    @Test
    void aMethodTheViewDoesNotOverrideIs405WithAllowListingThoseItDoes() throws Exception {
        try (Served s = Served.routes(view("/items/{id}", ItemView::new))) {
            Reply r = s.request("PUT /items/7 HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("DELETE,GET,HEAD,POST", r.header("Allow"), "aiohttp's DELETE,GET,POST, and HEAD: get() answers it");
            assertEquals("405: Method Not Allowed", r.text());
        }
    }

    @Test
    void aMethodOutsideTheSevenAViewCanAnswerIs405Too() throws Exception {
        try (Served s = Served.routes(view("/items/{id}", ItemView::new))) {
            Reply r = s.request("TRACE /items/7 HTTP/1.1\r\nHost: test\r\n\r\n");
            assertEquals(405, r.status());
            assertEquals("DELETE,GET,HEAD,POST", r.header("Allow"));
        }
    }

    @Test
    void headIsAnsweredByGetWhenTheViewHasNoHead() throws Exception {
        // aiohttp 3.8.4 answers 405 (Allow: GET) here; we answer HEAD wherever GET is, as our GET routes do
        try (Served s = Served.routes(view("/items/{id}", ItemView::new)); RawHttp c = s.connect()) {
            Reply r = c.send("HEAD /items/7 HTTP/1.1\r\nHost: test\r\n\r\n").readHead();
            assertEquals(200, r.status());
            assertEquals("6", r.header("Content-Length"), "the length of GET's body (\"item 7\"), not sent");
            assertEquals("item 7", c.exchange(RawHttp.get("/items/7")).text(), "no body was sent before this answer");
        }
    }

    @Test
    void aViewsOwnHeadAnswersHead() throws Exception {
        try (Served s = Served.routes(view("/h", WithHead::new)); RawHttp c = s.connect()) {
            Reply r = c.send("HEAD /h HTTP/1.1\r\nHost: test\r\n\r\n").readHead();
            assertEquals(200, r.status());
            assertEquals("own", r.header("X-Head"));
        }
    }

    @Test
    void aViewWithoutGetAnswersHeadWith405() throws Exception {
        try (Served s = Served.routes(view("/p", PostOnly::new)); RawHttp c = s.connect()) {
            Reply r = c.send("HEAD /p HTTP/1.1\r\nHost: test\r\n\r\n").readHead();
            assertEquals(405, r.status());
            assertEquals("POST", r.header("Allow"));
        }
    }

    @Test
    void aViewMayAnswer405ItselfWithTheSameAllowField() throws Exception {
        class Sometimes extends View {
            Sometimes(Request request) {
                super(request);
            }

            @Override
            public Response get() {
                if (request().query("ok") == null) {
                    throw methodNotAllowed();
                }
                return Response.text("ok");
            }
        }
        try (Served s = Served.routes(view("/s", Sometimes::new))) {
            Reply r = s.get("/s");
            assertEquals(405, r.status());
            assertEquals("GET,HEAD", r.header("Allow"));
            assertEquals("ok", s.get("/s?ok=1").text());
        }
    }

    @Test
    void routerAddViewRegistersAViewForEveryMethod() throws Exception {
        Application app = new Application();
        Route route = app.router().addView("/items/{id}", ItemView::new);
        assertEquals("*", route.method());
        try (Served s = Served.start(app)) {
            assertEquals("item 3", s.get("/items/3").text());
        }
    }

    @Test
    void aFactoryReturningAViewOfAnotherRequestAnswers500NamingTheBrokenContract(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        View[] first = new View[1];
        try (Served s = Served.routes(view("/v", request -> {
            if (first[0] == null) {
                first[0] = new ItemView(request);
            }
            return first[0]; // a cached view: wrong from the second request on
        }))) {
            assertEquals(200, s.get("/v").status());
            assertEquals(500, s.get("/v").status());
        }
        assertEquals(1, errors.size());
        String message = errors.get(0).exception().getMessage();
        assertTrue(message.startsWith("Web.view(): the view factory returned <ItemView GET /v >, a view of another "
                + "request; make a new View of the request it is given"), message);
    }

    @Test
    void aFactoryReturningNullAnswers500NamingTheBrokenContract(EventLoop loop) throws Exception {
        List<ExceptionContext> errors = Served.captureErrors(loop);
        try (Served s = Served.routes(view("/v", request -> null))) {
            assertEquals(500, s.get("/v").status());
        }
        assertEquals(1, errors.size());
        assertEquals("Web.view(): the view factory returned null; make a new View of the request it is given, such as "
                + "ItemView::new", errors.get(0).exception().getMessage());
    }

    @Test
    void aNullFactoryOrRequestIsRefused() {
        IllegalArgumentException noFactory = assertThrows(IllegalArgumentException.class, () -> view("/v", null));
        assertEquals("Web.view(): the view factory is null; give the view's constructor, such as ItemView::new",
                noFactory.getMessage());
        IllegalArgumentException noRequest = assertThrows(IllegalArgumentException.class, () -> new ItemView(null));
        assertEquals("View(): the request is null; pass on the Request the view's constructor was given",
                noRequest.getMessage());
    }
}
