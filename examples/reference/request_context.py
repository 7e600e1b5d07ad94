# Context variables in an asyncio program: a request id set once per request is seen by
# everything the request does (its subtasks, its callbacks, its thread work), and by nothing else.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user")


def log(msg):
    print(f"[{request_id.get()}] {msg}")


def blocking_lookup(name):
    # runs in a worker thread, in a copy of the request's context
    return f"{name.upper()} (looked up for {request_id.get()})"


async def fetch_part(part):
    log(f"fetching {part}")
    await asyncio.sleep(0)
    return f"{part}-data"


async def handle(rid, name):
    request_id.set(rid)
    user.set(name.upper())
    log(f"user is {user.get()}")
    async with asyncio.TaskGroup() as tg:
        parts = [tg.create_task(fetch_part(p)) for p in ("a", "b")]
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(lambda: (log("callback sees the request"), done.set_result(None)))
    await done
    log(f"done: {[p.result() for p in parts]}")
    return rid


async def lookup(rid, name):
    request_id.set(rid)
    log(f"user is {await asyncio.to_thread(blocking_lookup, name)}")


async def main():
    log("main starts")
    results = await asyncio.gather(handle("req-1", "ada"), handle("req-2", "bob"))
    log(f"main got {results}; user set? {user.get('no')}")
    await asyncio.create_task(lookup("req-3", "cy"))
    ctx = contextvars.copy_context()
    ctx.run(request_id.set, "batch")
    await asyncio.create_task(fetch_part("c"), context=ctx)
    log(f"ctx holds {ctx[request_id]}")
    token = request_id.set("temporary")
    log("inside the token")
    request_id.reset(token)
    log("after reset")


asyncio.run(main())
