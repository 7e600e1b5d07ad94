package io.asyncio4j.http.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.staticFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named routes and URL building (aiohttp's name= and app.router[name].url_for(**parts)). */
class NamedRoutesTest {
    private static final Handler OK = r -> Response.text("ok");

    @Test
    void aNamedRouteIsFoundByItsName() {
        Application app = new Application().addRoutes(get("/users/{id}", OK).named("user"));
        assertEquals("/users/{id}", app.router().named("user").path());
        assertEquals("<Route GET /users/{id} name=user>", app.router().named("user").toString());
    }

    @Test
    void urlForSetsTheVariables() {
        Application app = new Application().addRoutes(get("/users/{id}/posts/{post:\\d+}", OK).named("post"));
        assertEquals("/users/42/posts/7", app.router().urlFor("post", "id", "42", "post", "7"));
        assertEquals("/users/42/posts/7", app.router().urlFor("post", Map.of("id", "42", "post", "7")));
    }

    @Test
    void partsArePercentEncodedAsAPathKeepingSlashes() {
        Application app = new Application().addRoutes(get("/files/{name}", OK).named("file"),
                staticFiles("/static", Path.of(".")).named("static"));
        // aiohttp: app.router["file"].url_for(name="a b/é?#%") -> /files/a%20b/%C3%A9%3F%23%25
        assertEquals("/files/a%20b/%C3%A9%3F%23%25", app.router().urlFor("file", "name", "a b/é?#%"));
        assertEquals("/static/css/site.css", app.router().urlFor("static", "filename", "css/site.css"));
    }

    @Test
    void aLiteralRoutesUrlIsItsPath() {
        Application app = new Application().addRoutes(get("/about", OK).named("about"));
        assertEquals("/about", app.router().urlFor("about"));
    }

    @Test
    void aSubapplicationsRoutesGetItsPrefixes() {
        Application v1 = new Application().addRoutes(get("/users/{id}", OK).named("user"));
        Application api = new Application().addSubapp("/v1", v1);
        new Application().addSubapp("/api/", api);
        assertEquals("/api/v1/users/5", v1.router().urlFor("user", "id", "5"));
    }

    @Test
    void anUnknownNameAMissingPartOrAnExtraPartIsRefused() {
        Application app = new Application().addRoutes(get("/users/{id}", OK).named("user"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> app.router().urlFor("nope"));
        assertTrue(unknown.getMessage().contains("no route is named nope"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> app.router().urlFor("user"));
        assertTrue(missing.getMessage().contains("needs the part id"), missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> app.router().urlFor("user", "id", "1", "x", "2"));
        assertTrue(extra.getMessage().contains("has no variable [x]"), extra.getMessage());
        assertThrows(IllegalArgumentException.class, () -> app.router().urlFor("user", "id"));
    }

    @Test
    void twoRoutesCannotShareAName() {
        Application app = new Application().addRoutes(get("/a", OK).named("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.addRoutes(get("/b", OK).named("x")));
        assertTrue(e.getMessage().contains("already taken"), e.getMessage());
    }

    @Test
    void aNameOfOtherCharactersIsRefused() {
        for (String bad : new String[] {"", "1st", "a b", "a/b", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> get("/a", OK).named(bad), bad);
        }
        assertEquals("api:user-list.v2_x", get("/a", OK).named("api:user-list.v2_x").name());
    }
}
