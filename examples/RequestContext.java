// Context variables in an asyncio program: a request id set once per request is seen by
// everything the request does (its subtasks, its callbacks, its thread work), and by nothing else.
// The port of reference/request_context.py; RequestContextExampleTest compares the two outputs.
// Run it with:  ./aio run examples/RequestContext.java
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.contextvars.Context;
import io.asyncio4j.contextvars.ContextVar;
import io.asyncio4j.contextvars.Token;

import java.util.List;

import static io.asyncio4j.Asyncio.*;

static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
static final ContextVar<String> USER = new ContextVar<>("user");

static void log(String msg) {
    System.out.println("[" + REQUEST_ID.get() + "] " + msg);
}

static String blockingLookup(String name) {
    // runs in a worker thread, in a copy of the request's context
    return name.toUpperCase() + " (looked up for " + REQUEST_ID.get() + ")";
}

static String fetchPart(String part) {
    log("fetching " + part);
    sleep(0);
    return part + "-data";
}

String handle(String rid, String name) {
    REQUEST_ID.set(rid);
    USER.set(name.toUpperCase());
    log("user is " + USER.get());
    List<Task<String>> parts = taskGroup(tg -> {
        return List.of(tg.createTask(() -> fetchPart("a")), tg.createTask(() -> fetchPart("b")));
    });
    EventLoop loop = getRunningLoop();
    Future<Void> done = loop.createFuture();
    loop.callSoon(() -> {
        log("callback sees the request");
        done.setResult(null);
    });
    done.await();
    log("done: " + py(parts.stream().map(Task::result).toList()));
    return rid;
}

void lookup(String rid, String name) {
    REQUEST_ID.set(rid);
    log("user is " + toThread(() -> blockingLookup(name)));
}

static String py(List<String> items) {
    return items.stream().map(s -> "'" + s + "'").toList().toString();
}

void main() {
    run(() -> {
        log("main starts");
        List<String> results = gather(() -> handle("req-1", "ada"), () -> handle("req-2", "bob"));
        log("main got " + py(results) + "; user set? " + USER.get("no"));
        createTask(() -> lookup("req-3", "cy")).await();
        Context ctx = Context.copyContext();
        ctx.run(() -> REQUEST_ID.set("batch"));
        createTask(() -> fetchPart("c"), null, ctx).await();
        log("ctx holds " + ctx.getRequired(REQUEST_ID));
        Token<String> token = REQUEST_ID.set("temporary");
        log("inside the token");
        REQUEST_ID.reset(token);
        log("after reset");
    });
}
