package io.asyncio4j.http.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.client.ContentTypeException;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.jsonResponse;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON on both sides, as aiohttp's: request.json(), web.json_response(data), resp.json(),
 * session.post(json=), ws.send_json / receive_json / msg.json() (through Jackson).
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class JsonTest {
    record Point(int x, int y) {
    }

    private static String jsonPost(String body) {
        return RawHttp.withBody("POST", "/j", "Content-Type: application/json\r\n", body);
    }

    @Test
    void aRequestsJsonBodyIsItsTree() throws Exception {
        assertEquals("2|b|true", askText(r -> {
            JsonNode n = r.json();
            return Response.text(n.get("a").size() + "|" + n.get("a").get(1).asText() + "|" + n.get("ok").asBoolean());
        }, jsonPost("{\"a\": [1, \"b\"], \"ok\": true}")));
    }

    @Test
    void aRequestsJsonBodyBindsToARecord() throws Exception {
        assertEquals("Point[x=2, y=3]", askText(r -> Response.text(r.json(Point.class).toString()),
                jsonPost("{\"x\": 2, \"y\": 3}")));
    }

    @Test
    void anEmptyBodyIsNoJsonAndABadRequest() throws Exception {
        // aiohttp: json.loads("") fails (a 500 there; the client sent it, so 400 here)
        Reply r = ask(req -> Response.text(String.valueOf(req.json())), jsonPost(""));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("Malformed JSON body: the body is empty"), r.text());
    }

    @Test
    void aBodyThatIsNotJsonAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(String.valueOf(req.json())), jsonPost("{not json"));
        assertEquals(400, r.status());
        assertTrue(r.text().startsWith("Malformed JSON body"), r.text());
    }

    @Test
    void jsonIsWrittenByteForByteAsAiohttpSendsIt() throws Exception {
        // aiohttp: web.json_response({"a": [1, 2], "b": "é", "c": None, "d": 1.5, "e": "😀"})
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", "\u00e9");
        m.put("c", null);
        m.put("d", 1.5);
        m.put("e", new String(Character.toChars(0x1F600)));
        Reply r = ask(req -> jsonResponse(m), RawHttp.get("/x"));
        assertEquals("{\"a\": [1, 2], \"b\": \"\\u00e9\", \"c\": null, \"d\": 1.5, \"e\": \"\\ud83d\\ude00\"}",
                r.text());
        assertEquals(String.valueOf(r.text().length()), r.header("Content-Length"));
    }

    @Test
    void jsonResponseSerializesMapsListsAndRecordsAsApplicationJson() throws Exception {
        Reply r = ask(req -> jsonResponse(Map.of("points", List.of(new Point(1, 2))), 201), RawHttp.get("/x"));
        assertEquals(201, r.status());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals("{\"points\": [{\"x\": 1, \"y\": 2}]}", r.text(), "as Python's json.dumps writes it");
    }

    @Test
    void theClientPostsJsonAndReadsTheAnswersJson() throws Exception {
        try (Served s = Served.routes(post("/sum", r -> {
            Point p = r.json(Point.class);
            return jsonResponse(Map.of("sum", p.x() + p.y(), "type", r.contentType()));
        }));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/sum",
                     RequestOptions.defaults().withJson(new Point(2, 3)))) {
            JsonNode n = resp.json();
            assertEquals(5, n.get("sum").asInt());
            assertEquals("application/json", n.get("type").asText());
        }
    }

    @Test
    void theClientBindsAJsonAnswerToARecord() throws Exception {
        try (Served s = Served.routes(get("/p", r -> jsonResponse(new Point(7, 8))));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/p")) {
            assertEquals(new Point(7, 8), resp.json(Point.class));
        }
    }

    @Test
    void jsonOfANonJsonAnswerIsAContentTypeExceptionAsInAiohttp() throws Exception {
        try (Served s = Served.routes(get("/h", r -> Response.text("<p>hi</p>", "text/html")));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/h")) {
            ContentTypeException e = assertThrows(ContentTypeException.class, resp::json);
            // aiohttp 3.8.4: 0, message='Attempt to decode JSON with unexpected mimetype: text/html; charset=utf-8',
            // url=URL('http://127.0.0.1:PORT/h') (its status 0 is one it leaves unset; ours is the response's)
            assertTrue(e.getMessage().startsWith("200, message='Attempt to decode JSON with unexpected mimetype: "
                    + "text/html; charset=utf-8', url=URL('http://127.0.0.1:" + s.port() + "/h')"), e.getMessage());
            assertEquals(ClientResponse.State.RELEASED, resp.state());
        }
    }

    @Test
    void jsonWithoutTheContentTypeCheckParsesWhateverCame() throws Exception {
        try (Served s = Served.routes(get("/t", r -> Response.text("[1, 2]")));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/t")) {
            assertEquals(2, resp.json(false).size());
        }
    }

    @Test
    void aWebSocketSendsAndReceivesJson() throws Exception {
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            for (WsMessage msg : ws) {
                JsonNode n = msg.json();
                ws.sendJson(Map.of("doubled", n.get("x").asInt() * 2));
            }
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            ws.sendJson(new Point(21, 0));
            assertEquals(42, ws.receiveJson().get("doubled").asInt());
        }
    }

    @Test
    void receiveJsonOfTextThatIsNotJsonFails() throws Exception {
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            ws.sendStr("not json");
            ws.receive(); // until the client closes
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            assertThrows(IOException.class, ws::receiveJson);
        }
    }

    @Test
    void aMessagesJsonIsRefusedForAControlMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WsMessage.ping(new byte[0]).json());
        assertTrue(e.getMessage().contains("not a TEXT or BINARY"), e.getMessage());
        assertNull(WsMessage.ping(new byte[0]).exception());
    }
}
