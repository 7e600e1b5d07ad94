# Reference for examples/WebSocketEcho.java: run with aiohttp 3.8.4 (/usr/bin/python3 here);
# its output is websocket_echo.out, which WebSocketEchoExampleTest compares the port with.
# A WebSocket server and its client in one program (aiohttp): echo, binary, subprotocols,
# a server-initiated close with an application code, a client-initiated close, a failed handshake.
import asyncio
import aiohttp
from aiohttp import web


async def echo(request):
    ws = web.WebSocketResponse(protocols=("chat.v2", "chat.v1"))
    await ws.prepare(request)
    print("server: opened, protocol", ws.ws_protocol)
    async for msg in ws:
        if msg.type == aiohttp.WSMsgType.TEXT:
            if msg.data == "close":
                await ws.close(code=4000, message=b"bye")
            else:
                await ws.send_str("echo: " + msg.data)
        elif msg.type == aiohttp.WSMsgType.BINARY:
            await ws.send_bytes(bytes(reversed(msg.data)))
    print("server: closed with", ws.close_code)
    return ws


async def main():
    app = web.Application()
    app.add_routes([web.get("/ws", echo)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    url = f"ws://127.0.0.1:{port}/ws"
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url, protocols=("chat.v1", "chat.v2")) as ws:
            print("client: protocol", ws.protocol)
            await ws.send_str("hello")
            print("client:", await ws.receive_str())
            await ws.send_str("héllo wörld ✓")
            print("client:", await ws.receive_str())
            await ws.send_bytes(b"\x01\x02\x03")
            print("client:", list(await ws.receive_bytes()))
            await ws.ping(b"are you there")
            await ws.send_str("close")
            msg = await ws.receive()
            print("client:", msg.type.name, msg.data, msg.extra)
            print("client: closed", ws.closed, "code", ws.close_code)
            await asyncio.sleep(0.05)
        async with session.ws_connect(url) as ws:
            print("client: protocol", ws.protocol)
            await ws.send_str("one")
            print("client:", await ws.receive_str())
            print("client: close returns", await ws.close())
            print("client: closed", ws.closed, "code", ws.close_code)
            await asyncio.sleep(0.05)
        try:
            await session.ws_connect(f"http://127.0.0.1:{port}/missing")
        except aiohttp.WSServerHandshakeError as e:
            print("client: handshake failed:", e.status, e.message)
    await runner.cleanup()


asyncio.run(main())
