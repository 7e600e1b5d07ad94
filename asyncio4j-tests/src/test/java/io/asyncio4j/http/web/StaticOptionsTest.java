package io.asyncio4j.http.web;

import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.asyncio4j.http.web.Web.staticFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * aiohttp's {@code web.static(..., show_index=, follow_symlinks=, append_version=)}. The tree, and
 * what aiohttp 3.8.4 answered for it (/tmp probe, 2026-11-23):
 * <pre>
 * www/a.txt "hello\n", www/sub/c.txt "x\n", www/b/ (empty), www/in.txt -> a.txt,
 * www/out.txt -> ../outside/secret.txt, www/outdir -> ../outside, www/"&lt;b&gt;&amp;.txt", www/"Z sp.txt"
 *
 * add_static('/s', 'www', show_index=True)
 *   /s, /s/      200 text/html; charset=utf-8, "Index of /." listing every entry sorted, dirs with '/'
 *   /s/sub/      200 "Index of /sub" with &lt;li&gt;&lt;a href="/s/sub/c.txt"&gt;c.txt&lt;/a&gt;&lt;/li&gt;
 *   /s/in.txt    200 (a link pointing in)      /s/out.txt, /s/outdir/secret.txt   404
 *   /s//etc/passwd, /s/%2Fetc/passwd   403     /s/sub%2F..%2Fa.txt 200
 * add_static('/n', 'www')                      /n/, /n/sub   403
 * add_static('/f', 'www', follow_symlinks=True)
 *   /f/out.txt, /f/outdir/secret.txt 200       /f/sub/..%2F..%2Foutside/secret.txt 404
 *   /f/outdir (index of a linked directory outside)   500 (ValueError in _directory_as_html)
 * add_static('/v', 'www', append_version=True, name='v')
 *   url_for(filename='a.txt')  /v/a.txt?v=WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM%3D
 *   url_for(filename='/sub/c.txt') /v/sub/c.txt?v=...   url_for('nope.txt'), ('out.txt'), ('sub') no ?v=
 *   add_static('/s', ...).url_for(filename='a.txt', append_version=True) /s/a.txt?v=...
 * </pre>
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class StaticOptionsTest {
    @TempDir
    Path dir;
    Path www;

    @BeforeEach
    void tree() throws Exception {
        www = Files.createDirectories(dir.resolve("www"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(www.resolve("a.txt"), "hello\n");
        Files.createDirectories(www.resolve("sub"));
        Files.writeString(www.resolve("sub/c.txt"), "x\n");
        Files.createDirectories(www.resolve("b"));
        Files.writeString(outside.resolve("secret.txt"), "sec\n");
        Files.createSymbolicLink(www.resolve("in.txt"), Path.of("a.txt"));
        Files.createSymbolicLink(www.resolve("out.txt"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(www.resolve("outdir"), Path.of("../outside"));
        Files.writeString(www.resolve("<b>&.txt"), "<x>\n");
        Files.writeString(www.resolve("Z sp.txt"), "z\n");
    }

    private Served serve(String prefix, StaticOptions options) throws Exception {
        return Served.routes(staticFiles(prefix, www, options).named("files"));
    }

    private static final String ROOT_INDEX = """
            <html>
            <head>
            <title>Index of /.</title>
            </head>
            <body>
            <h1>Index of /.</h1>
            <ul>
            <li><a href="/s/&lt;b&gt;&amp;.txt">&lt;b&gt;&amp;.txt</a></li>
            <li><a href="/s/Z sp.txt">Z sp.txt</a></li>
            <li><a href="/s/a.txt">a.txt</a></li>
            <li><a href="/s/b">b/</a></li>
            <li><a href="/s/in.txt">in.txt</a></li>
            <li><a href="/s/out.txt">out.txt</a></li>
            <li><a href="/s/outdir">outdir/</a></li>
            <li><a href="/s/sub">sub/</a></li>
            </ul>
            </body>
            </html>""";

    @Test
    void withShowIndexTheDirectoryAnswersWithAiohttpsListing() throws Exception {
        // aiohttp 3.8.4 writes the names raw ("<b>&.txt"); they are escaped here, as aiohttp 3.9.4 on does
        try (Served s = serve("/s", StaticOptions.defaults().withShowIndex(true))) {
            Reply r = s.get("/s/");
            assertEquals(200, r.status());
            assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
            assertEquals(ROOT_INDEX, r.text());
        }
    }

    @Test
    void aSubdirectorysIndexLinksItsEntriesFromThePrefix() throws Exception {
        try (Served s = serve("/s", StaticOptions.defaults().withShowIndex(true))) {
            String expected = "<html>\n<head>\n<title>Index of /sub</title>\n</head>\n<body>\n<h1>Index of /sub</h1>\n"
                    + "<ul>\n<li><a href=\"/s/sub/c.txt\">c.txt</a></li>\n</ul>\n</body>\n</html>";
            assertEquals(expected, s.get("/s/sub").text());
            assertEquals(expected, s.get("/s/sub/").text());
        }
    }

    @Test
    void anEmptyDirectorysIndexHasAnEmptyList() throws Exception {
        try (Served s = serve("/s", StaticOptions.defaults().withShowIndex(true))) {
            assertEquals("<html>\n<head>\n<title>Index of /b</title>\n</head>\n<body>\n<h1>Index of /b</h1>\n"
                    + "<ul>\n\n</ul>\n</body>\n</html>", s.get("/s/b").text());
        }
    }

    @Test
    void inASubApplicationTheIndexLinksCarryItsPrefix() throws Exception {
        // aiohttp: add_subapp prefixes the StaticResource's own prefix, which the links are made of
        Application sub = new Application().addRoutes(staticFiles("/s", www.resolve("sub"),
                StaticOptions.defaults().withShowIndex(true)));
        try (Served s = Served.start(new Application().addSubapp("/api", sub))) {
            String page = s.get("/api/s/").text();
            assertEquals(true, page.contains("<li><a href=\"/api/s/c.txt\">c.txt</a></li>"), page);
            assertEquals("x\n", s.get("/api/s/c.txt").text());
        }
    }

    @Test
    void thePrefixWithoutItsSlashIsTheDirectoryToo() throws Exception {
        // aiohttp 3.8.4, add_static('/static', d, show_index=True), raw socket client:
        //   GET /static  -> 200, "<html>\n<head>\n<title>Index of /.</title>..." (as GET /static/)
        // (StaticResource.resolve: "if not path.startswith(self._prefix2) and path != self._prefix")
        try (Served s = serve("/s", StaticOptions.defaults().withShowIndex(true))) {
            Reply r = s.get("/s");
            assertEquals(200, r.status());
            assertEquals(ROOT_INDEX, r.text());
            assertEquals(404, s.get("/sx").status(), "a longer name is no prefix");
        }
        try (Served s = serve("/n", StaticOptions.defaults())) {
            assertEquals(403, s.get("/n").status());
        }
    }

    @Test
    void withoutShowIndexADirectoryAndThePrefixItselfAnswer403() throws Exception {
        try (Served s = serve("/n", StaticOptions.defaults())) {
            assertEquals(403, s.get("/n/").status());
            assertEquals(403, s.get("/n/sub").status());
        }
    }

    @Test
    void anAbsoluteNameAnswers403() throws Exception {
        try (Served s = serve("/s", StaticOptions.defaults())) {
            assertEquals(403, s.get("/s//etc/passwd").status());
        }
    }

    @Test
    void byDefaultALinkPointingInIsServedAndOnePointingOutAnswers404() throws Exception {
        try (Served s = serve("/s", StaticOptions.defaults())) {
            assertEquals("hello\n", s.get("/s/in.txt").text());
            assertEquals(404, s.get("/s/out.txt").status());
            assertEquals(404, s.get("/s/outdir/secret.txt").status());
        }
    }

    @Test
    void withFollowSymlinksALinkPointingOutIsServed() throws Exception {
        try (Served s = serve("/f", StaticOptions.defaults().withFollowSymlinks(true))) {
            assertEquals("sec\n", s.get("/f/out.txt").text());
            assertEquals("sec\n", s.get("/f/outdir/secret.txt").text());
        }
    }

    @Test
    void withFollowSymlinksAPathClimbingOutIsStill404() throws Exception {
        try (Served s = serve("/f", StaticOptions.defaults().withFollowSymlinks(true))) {
            assertEquals(404, s.get("/f/sub/..%2F..%2Foutside/secret.txt").status());
            assertEquals(404, s.get("/f/../outside/secret.txt").status());
        }
    }

    @Test
    void withFollowSymlinksALinkedDirectoryOutsideIsListedByThePathAskedFor() throws Exception {
        // aiohttp 3.8.4 answers 500 here (relative_to fails on the resolved path)
        Files.writeString(dir.resolve("outside/more.txt"), "m");
        try (Served s = serve("/f", StaticOptions.defaults().withFollowSymlinks(true).withShowIndex(true))) {
            Reply r = s.get("/f/outdir");
            assertEquals(200, r.status());
            assertEquals("<html>\n<head>\n<title>Index of /outdir</title>\n</head>\n<body>\n<h1>Index of /outdir</h1>\n"
                    + "<ul>\n<li><a href=\"/f/outdir/more.txt\">more.txt</a></li>\n"
                    + "<li><a href=\"/f/outdir/secret.txt\">secret.txt</a></li>\n</ul>\n</body>\n</html>", r.text());
        }
    }

    @Test
    void withAppendVersionUrlForAddsTheFilesHash() throws Exception {
        try (Served s = serve("/v", StaticOptions.defaults().withAppendVersion(true))) {
            Router router = s.app.router();
            assertEquals("/v/a.txt?v=WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM%3D", router.urlFor("files", "filename", "a.txt"));
            assertEquals("/v/sub/c.txt?v=c8s4WKaHqElMozIwUwFigvPa051Cz2LKTnndoqrH2aw%3D",
                    router.urlFor("files", "filename", "/sub/c.txt"));
        }
    }

    @Test
    void withAppendVersionAMissingFileALinkOutOrADirectoryGetsNoVersion() throws Exception {
        try (Served s = serve("/v", StaticOptions.defaults().withAppendVersion(true))) {
            Router router = s.app.router();
            assertEquals("/v/nope.txt", router.urlFor("files", "filename", "nope.txt"));
            assertEquals("/v/out.txt", router.urlFor("files", "filename", "out.txt"));
            assertEquals("/v/sub", router.urlFor("files", "filename", "sub"));
            assertEquals("/v/a%20b.txt", router.urlFor("files", "filename", "a b.txt"));
        }
    }

    @Test
    void aCallMayAskForTheVersionOrLeaveItOutWhateverTheRoutesDefault() throws Exception {
        try (Served s = serve("/s", StaticOptions.defaults())) {
            Router router = s.app.router();
            assertEquals("/s/a.txt", router.urlFor("files", "filename", "a.txt"));
            assertEquals("/s/a.txt?v=WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM%3D",
                    router.urlFor("files", java.util.Map.of("filename", "a.txt"), true));
            assertEquals("/s/a.txt", router.urlFor("files", java.util.Map.of("filename", "a.txt"), false));
        }
    }

    @Test
    void askingForTheVersionOfANonStaticRouteIsRefused() {
        Application app = new Application().addRoutes(Web.get("/x", r -> Response.text("x")).named("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.router().urlFor("x", java.util.Map.of(), true));
        assertEquals(true, e.getMessage().contains("does not serve static files"), e.getMessage());
    }
}
