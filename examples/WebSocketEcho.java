// A WebSocket server and its client in one program: echo, binary, subprotocols, a server-initiated
// close with an application code, a client-initiated close, a failed handshake. The port of
// reference/websocket_echo.py (aiohttp); WebSocketEchoExampleTest compares the two outputs.
// Run it with:  ./aio run examples/WebSocketEcho.java
import io.asyncio4j.http.WebSocketOptions;
import io.asyncio4j.http.WsCloseCode;
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.client.ClientSession;
import io.asyncio4j.http.client.ClientWebSocketResponse;
import io.asyncio4j.http.client.WsServerHandshakeException;
import io.asyncio4j.http.web.AppRunner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.TcpSite;
import io.asyncio4j.http.web.WebSocketResponse;

import java.util.Arrays;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.http.web.Web.get;

Response echo(Request request) throws Exception {
    var ws = new WebSocketResponse(WebSocketOptions.defaults().withProtocols("chat.v2", "chat.v1"));
    ws.prepare(request);
    System.out.println("server: opened, protocol " + py(ws.protocol()));
    for (WsMessage msg : ws) {
        if (msg.type() == WsMsgType.TEXT) {
            if (msg.text().equals("close")) {
                ws.close(4000, "bye");
            } else {
                ws.sendStr("echo: " + msg.text());
            }
        } else if (msg.type() == WsMsgType.BINARY) {
            byte[] b = msg.bytes();
            byte[] reversed = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                reversed[i] = b[b.length - 1 - i];
            }
            ws.sendBytes(reversed);
        }
    }
    System.out.println("server: closed with " + ws.closeCode());
    return ws;
}

void main() {
    run(() -> {
        Application app = new Application();
        app.addRoutes(get("/ws", this::echo));
        try (AppRunner runner = new AppRunner(app)) {
            runner.setup();
            TcpSite site = new TcpSite(runner, "127.0.0.1", 0);
            site.start();
            String url = "ws://127.0.0.1:" + site.port() + "/ws";
            try (ClientSession session = new ClientSession()) {
                try (ClientWebSocketResponse ws = session.wsConnect(url,
                        WebSocketOptions.defaults().withProtocols("chat.v1", "chat.v2"))) {
                    System.out.println("client: protocol " + py(ws.protocol()));
                    ws.sendStr("hello");
                    System.out.println("client: " + ws.receiveStr());
                    ws.sendStr("héllo wörld ✓");
                    System.out.println("client: " + ws.receiveStr());
                    ws.sendBytes(new byte[] {1, 2, 3});
                    System.out.println("client: " + Arrays.toString(ws.receiveBytes()));
                    ws.ping("are you there".getBytes());
                    ws.sendStr("close");
                    WsMessage msg = ws.receive();
                    System.out.println("client: " + msg.type() + " " + msg.closeCode() + " " + msg.extra());
                    System.out.println("client: closed " + pyBool(ws.isClosed()) + " code " + ws.closeCode());
                    sleep(0.05);
                }
                try (ClientWebSocketResponse ws = session.wsConnect(url)) {
                    System.out.println("client: protocol " + py(ws.protocol()));
                    ws.sendStr("one");
                    System.out.println("client: " + ws.receiveStr());
                    System.out.println("client: close returns " + pyBool(ws.close(WsCloseCode.OK, "")));
                    System.out.println("client: closed " + pyBool(ws.isClosed()) + " code " + ws.closeCode());
                    sleep(0.05);
                }
                try {
                    session.wsConnect("http://127.0.0.1:" + site.port() + "/missing");
                } catch (WsServerHandshakeException e) {
                    System.out.println("client: handshake failed: " + e.status() + " " + e.problem());
                }
            }
        }
    });
}

/** Python's spelling of a boolean, so the output matches the reference's line for line. */
static String pyBool(boolean b) {
    return b ? "True" : "False";
}

/** Python's spelling of null. */
static Object py(Object o) {
    return o == null ? "None" : o;
}
