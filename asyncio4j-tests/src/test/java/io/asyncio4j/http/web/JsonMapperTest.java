package io.asyncio4j.http.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.client.ClientPayloadException;
import io.asyncio4j.http.client.ClientResponse;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientSessionOptions;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.client.RequestOptions;
import io.asyncio4j.http.web.RawHttp.Reply;
import io.asyncio4j.testing.AsyncioExtension;
import io.asyncio4j.testing.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.http.web.Served.ask;
import static io.asyncio4j.http.web.Served.askText;
import static io.asyncio4j.http.web.Web.get;
import static io.asyncio4j.http.web.Web.jsonResponse;
import static io.asyncio4j.http.web.Web.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's Jackson mapper where aiohttp takes {@code dumps=}/{@code loads=}/{@code json_serialize=}:
 * web.json_response(data, dumps=), request.json(loads=), ClientSession(json_serialize=),
 * resp.json(loads=), ws.send_json(data, dumps=), ws.receive_json(loads=). Each test shows the
 * mapper changes the bytes on the wire (or what is accepted from it).
 * <p>
 * aiohttp 3.8.4 ({@code /usr/bin/python3}), with {@code compact = lambda v: json.dumps(v, separators=(",", ":"))}:
 * a {@code ClientSession(json_serialize=compact)} posting {@code json={"a": [1, 2]}} sends
 * {@code application/json} and {@code {"a":[1,2]}}; {@code web.json_response({"a": [1, 2]},
 * status=201, dumps=compact)} answers 201 {@code application/json; charset=utf-8} {@code {"a":[1,2]}};
 * {@code send_json({"a": 1}, dumps=compact)} sends {@code {"a":1}} on either side; a value
 * json.dumps cannot write raises TypeError from {@code session.post} before anything is sent.
 */
@ExtendWith(AsyncioExtension.class)
@RealClock
class JsonMapperTest {
    record Event(String eventName, LocalDate onDay) {
    }

    /** Writes a LocalDate as "YYYY-MM-DD", which the default mapper refuses to write at all. */
    static final class DaySerializer extends StdSerializer<LocalDate> {
        DaySerializer() {
            super(LocalDate.class);
        }

        @Override
        public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads "YYYY-MM-DD"; anything else is Jackson's InvalidFormatException, as a bad value should be. */
    static final class DayDeserializer extends StdDeserializer<LocalDate> {
        DayDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String s = p.getValueAsString();
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctx.handleWeirdStringValue(LocalDate.class, s, "not YYYY-MM-DD");
            }
        }
    }

    /** snake_case names, dates as "YYYY-MM-DD", Jackson's compact spacing. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("days")
                    .addSerializer(LocalDate.class, new DaySerializer())
                    .addDeserializer(LocalDate.class, new DayDeserializer()));

    /** Reads what the default refuses: single-quoted strings. */
    static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    static final Event LAUNCH = new Event("launch", LocalDate.of(2024, 5, 1));
    static final String LAUNCH_JSON = "{\"event_name\":\"launch\",\"on_day\":\"2024-05-01\"}";

    private static String jsonPost(String body) {
        return RawHttp.withBody("POST", "/j", "Content-Type: application/json\r\n", body);
    }

    /** Serves a handler that answers "Content-Type|body" for what it was posted. */
    private static Served echo() throws Exception {
        return Served.routes(post("/e", r -> Response.text(r.headers().get("Content-Type") + "|" + r.text())));
    }

    // ---- server: web.json_response(dumps=), request.json(loads=) ---------------------------------

    @Test
    void jsonResponseWithAMapperSendsWhatTheMapperWrites() throws Exception {
        Reply r = ask(req -> jsonResponse(LAUNCH, MAPPER), RawHttp.get("/x"));
        assertEquals(LAUNCH_JSON, r.text());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void jsonResponseWithAMapperAndAStatusAnswersWithThatStatus() throws Exception {
        Reply r = ask(req -> jsonResponse(Map.of("a", List.of(1, 2)), 201, MAPPER), RawHttp.get("/x"));
        assertEquals(201, r.status());
        assertEquals("{\"a\":[1,2]}", r.text(), "the mapper's compact spacing, as dumps=compact in aiohttp");
    }

    @Test
    void theDefaultJsonResponseStaysPythonFormatted() throws Exception {
        Reply r = ask(req -> jsonResponse(Map.of("a", List.of(1, 2)), 201), RawHttp.get("/x"));
        assertEquals("{\"a\": [1, 2]}", r.text());
    }

    @Test
    void theDefaultMapperRefusesADateAndTheMessageSaysToGiveAMapper() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jsonResponse(LAUNCH));
        assertTrue(e.getMessage().contains("pass that mapper"), e.getMessage());
    }

    @Test
    void aMapperThatCannotWriteAValueIsAnIllegalArgumentException() {
        Object unwritable = new Object(); // no properties: Jackson's FAIL_ON_EMPTY_BEANS
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jsonResponse(unwritable, MAPPER));
        assertTrue(e.getMessage().startsWith("JSON: the given ObjectMapper cannot serialize a java.lang.Object"),
                e.getMessage());
    }

    @Test
    void aNullMapperIsRefusedRatherThanTakenForTheDefault() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> jsonResponse(LAUNCH, null));
        assertTrue(e.getMessage().startsWith("Web.jsonResponse(): the ObjectMapper is null"), e.getMessage());
    }

    @Test
    void requestJsonWithAMapperBindsWithItsNamesAndModules() throws Exception {
        assertEquals(LAUNCH.toString(), askText(r -> Response.text(r.json(Event.class, MAPPER).toString()),
                jsonPost(LAUNCH_JSON)));
    }

    @Test
    void requestJsonWithAMapperReadsTheTreeWithItsFeatures() throws Exception {
        assertEquals("b", askText(r -> Response.text(r.json(LENIENT).get("a").asText()), jsonPost("{'a': 'b'}")));
    }

    @Test
    void aBodyTheMapperCannotBindAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(req.json(Event.class, MAPPER).toString()),
                jsonPost("{\"event_name\":\"x\",\"on_day\":\"May 1st\"}"));
        assertEquals(400, r.status());
        assertTrue(r.text().startsWith("Malformed JSON body for Event"), r.text());
    }

    @Test
    void aBodyTheMapperCannotReadAnswers400() throws Exception {
        Reply r = ask(req -> Response.text(String.valueOf(req.json(LENIENT))), jsonPost("{not json"));
        assertEquals(400, r.status());
        assertTrue(r.text().startsWith("Malformed JSON body"), r.text());
    }

    @Test
    void anEmptyBodyAnswers400WithAMapperToo() throws Exception {
        Reply r = ask(req -> Response.text(String.valueOf(req.json(LENIENT))), jsonPost(""));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("the body is empty"), r.text());
    }

    // ---- client: ClientSession(json_serialize=), resp.json(loads=) -------------------------------

    @Test
    void aSessionsJsonSerializeWritesTheJsonBodiesOfItsRequests() throws Exception {
        try (Served s = echo();
             ClientSession session = new ClientSession(ClientSessionOptions.defaults().withJsonSerialize(MAPPER));
             ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/e",
                     RequestOptions.defaults().withJson(LAUNCH))) {
            assertEquals("application/json|" + LAUNCH_JSON, resp.text());
        }
    }

    @Test
    void aSessionWithoutJsonSerializeWritesJsonBodiesAsPython() throws Exception {
        try (Served s = echo();
             ClientSession session = new ClientSession();
             ClientResponse resp = session.post("http://127.0.0.1:" + s.port() + "/e",
                     RequestOptions.defaults().withJson(Map.of("a", List.of(1, 2))))) {
            assertEquals("application/json|{\"a\": [1, 2]}", resp.text());
        }
    }

    @Test
    void aJsonBodyTheSerializerCannotWriteFailsTheRequestBeforeAnythingIsSent() throws Exception {
        List<String> seen = new ArrayList<>();
        try (Served s = Served.routes(post("/e", r -> {
            seen.add(r.text());
            return Response.text("");
        }));
             ClientSession session = new ClientSession()) {
            RequestOptions o = RequestOptions.defaults().withJson(LAUNCH); // kept as given: not written yet
            assertThrows(IllegalArgumentException.class, () -> session.post("http://127.0.0.1:" + s.port() + "/e", o));
            assertEquals(List.of(), seen);
        }
    }

    @Test
    void aJsonRequestOptionsBodyIsTheDefaultSerializersBytes() {
        RequestOptions o = RequestOptions.defaults().withJson(Map.of("a", 1));
        assertArrayEquals("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), o.body());
        assertEquals("application/json", o.contentType());
        assertEquals("<RequestOptions headers=0 body=json allowRedirects=true>", o.toString());
    }

    @Test
    void aBodyGivenAfterJsonReplacesIt() {
        RequestOptions o = RequestOptions.defaults().withJson(Map.of("a", 1)).withBody("x");
        assertEquals("x", new String(o.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theResponsesJsonWithAMapperBindsWithIt() throws Exception {
        try (Served s = Served.routes(get("/p", r -> Response.json(LAUNCH_JSON)));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/p")) {
            assertEquals(LAUNCH, resp.json(Event.class, MAPPER));
        }
    }

    @Test
    void theResponsesJsonWithAMapperReadsTheTreeWithItsFeatures() throws Exception {
        try (Served s = Served.routes(get("/p", r -> Response.json("{'a': 'b'}")));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/p")) {
            assertEquals("b", resp.json(LENIENT).get("a").asText());
        }
    }

    @Test
    void aResponseTheMapperCannotBindIsAClientPayloadException() throws Exception {
        try (Served s = Served.routes(get("/p", r -> Response.json("{\"on_day\":\"May 1st\"}")));
             ClientSession session = new ClientSession();
             ClientResponse resp = session.get("http://127.0.0.1:" + s.port() + "/p")) {
            ClientPayloadException e = assertThrows(ClientPayloadException.class,
                    () -> resp.json(Event.class, MAPPER));
            assertTrue(e.getMessage().contains("is not JSON of a Event"), e.getMessage());
        }
    }

    // ---- WebSockets: send_json(dumps=), receive_json(loads=) -------------------------------------

    @Test
    void aServerWebSocketSendsJsonWithAMapper() throws Exception {
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            ws.sendJson(LAUNCH, MAPPER);
            ws.receive(); // until the client closes
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            assertEquals(LAUNCH_JSON, ws.receiveStr());
        }
    }

    @Test
    void aClientWebSocketSendsJsonWithAMapper() throws Exception {
        List<String> got = new ArrayList<>();
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            got.add(ws.receiveStr());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            ws.sendJson(LAUNCH, MAPPER);
            ws.receive(); // the server's close, once it has the message
        }
        assertEquals(List.of(LAUNCH_JSON), got);
    }

    @Test
    void aServerWebSocketReceivesJsonWithAMapper() throws Exception {
        List<String> got = new ArrayList<>();
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            got.add(ws.receiveJson(LENIENT).get("a").asText());
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            ws.sendStr("{'a': 'b'}");
            ws.receive();
        }
        assertEquals(List.of("b"), got);
    }

    @Test
    void aClientWebSocketReceivesJsonWithAMapper() throws Exception {
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            ws.sendStr("{'a': 'b'}");
            ws.receive();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            JsonNode n = ws.receiveJson(LENIENT);
            assertEquals("b", n.get("a").asText());
        }
    }

    @Test
    void aWebSocketMessageTheMapperCannotReadFails() throws Exception {
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            ws.sendStr("{not json");
            ws.receive();
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            assertThrows(IOException.class, () -> ws.receiveJson(LENIENT));
        }
    }

    @Test
    void aWebSocketValueTheMapperCannotWriteIsRefusedBeforeSending() throws Exception {
        List<WsMessage> got = new ArrayList<>();
        Handler h = req -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(req);
            for (WsMessage m : ws) {
                got.add(m);
            }
            return ws;
        };
        try (Served s = Served.routes(get("/ws", h));
             ClientSession session = new ClientSession();
             ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + s.port() + "/ws")) {
            assertThrows(IllegalArgumentException.class, () -> ws.sendJson(new Object(), MAPPER));
            ws.sendStr("after");
        }
        assertEquals(1, got.size());
        assertEquals("after", got.get(0).text());
    }
}
