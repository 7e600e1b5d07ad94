// WebSocket echo server on asyncio4j-http (the counterpart of bench/ws_echo_aiohttp.py): every
// text message back as text, binary as binary.
//   ./aio java bench/WsEchoServer.java --port 25021
import io.asyncio4j.http.WsMessage;
import io.asyncio4j.http.WsMsgType;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;

Response echo(Request request) throws Exception {
    var ws = new WebSocketResponse();
    ws.prepare(request);
    for (WsMessage msg : ws) {
        if (msg.type() == WsMsgType.TEXT) {
            ws.sendStr(msg.text());
        } else if (msg.type() == WsMsgType.BINARY) {
            ws.sendBytes(msg.bytes());
        }
    }
    return ws;
}

void main(String[] args) {
    int port = 25021;
    for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
            case "--port" -> port = Integer.parseInt(args[++i]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
    }
    Application app = new Application();
    app.addRoutes(Web.get("/ws", this::echo));
    Web.runApp(app, "127.0.0.1", port);
}
