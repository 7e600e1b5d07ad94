# WebSocket echo server on aiohttp.web (the counterpart of bench/WsEchoServer.java): every text
# message back as text, binary as binary. --uvloop runs it on uvloop.
#   /usr/bin/python3 bench/ws_echo_aiohttp.py --port 25020 [--uvloop]
import argparse
import asyncio

import aiohttp
from aiohttp import web


async def echo(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == aiohttp.WSMsgType.TEXT:
            await ws.send_str(msg.data)
        elif msg.type == aiohttp.WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    return ws


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=25020)
    p.add_argument("--uvloop", action="store_true")
    a = p.parse_args()
    if a.uvloop:
        import uvloop
        uvloop.install()
    app = web.Application()
    app.add_routes([web.get("/ws", echo)])
    web.run_app(app, host="127.0.0.1", port=a.port, access_log=None, print=lambda *x: None)


main()
