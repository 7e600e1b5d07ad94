package io.asyncio4j.contextvars;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** contextvars.Context: copying, running in it, reading it as a mapping (CPython test_context). */
@ExtendWith(AsyncioExtension.class)
class ContextTest {

    @Test
    void aNewContextIsEmpty() {
        Context ctx = new Context();
        assertEquals(0, ctx.size());
        assertFalse(ctx.iterator().hasNext());
    }

    @Test
    void copyContextHasTheCurrentValues() {
        ContextVar<String> v = new ContextVar<>("v");
        v.set("x");
        Context ctx = Context.copyContext();
        assertEquals("x", ctx.get(v));
        assertTrue(ctx.containsKey(v));
        assertEquals(1, ctx.size());
    }

    @Test
    void aCopyDoesNotSeeLaterSets() {
        ContextVar<String> v = new ContextVar<>("v");
        v.set("before");
        Context ctx = Context.copyContext();
        v.set("after");
        assertEquals("before", ctx.get(v));
    }

    @Test
    void setsInsideRunStayInTheContextRun() {
        ContextVar<String> v = new ContextVar<>("v", "d");
        Context ctx = new Context();
        String seen = ctx.run(() -> {
            v.set("inside");
            return v.get();
        });
        assertEquals("inside", seen);
        assertEquals("inside", ctx.get(v));
        assertEquals("d", v.get());
    }

    @Test
    void runRestoresTheCallersContextWhenTheFunctionThrows() {
        ContextVar<String> v = new ContextVar<>("v", "d");
        Context ctx = new Context();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> {
            v.set("inside");
            throw boom;
        }));
        assertEquals(boom, e);
        assertEquals("d", v.get());
        assertEquals("inside", ctx.get(v));
    }

    @Test
    void aContextCannotBeEnteredTwice() {
        Context ctx = new Context();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ctx.run(() -> ctx.run(() -> 1)));
        assertTrue(e.getMessage().contains("cannot enter context"), e.getMessage());
    }

    @Test
    void theCurrentContextCannotBeEnteredAgain() {
        Context current = io.asyncio4j.Task.current().getContext();
        assertThrows(IllegalStateException.class, () -> current.run(() -> 1));
    }

    @Test
    void aRunMaySuspendAndTheContextStaysItsTasks() {
        ContextVar<String> v = new ContextVar<>("v", "d");
        Context ctx = new Context();
        List<String> seen = new ArrayList<>();
        io.asyncio4j.Task<Void> other = io.asyncio4j.Asyncio.createTask(() -> {
            sleep(0.5);
            seen.add("other " + v.get());
        });
        ctx.run(() -> {
            v.set("inside");
            sleep(1);
            seen.add("run " + v.get());
        });
        other.await();
        assertEquals(List.of("other d", "run inside"), seen);
    }

    @Test
    void getRequiredThrowsForAnUnsetVar() {
        ContextVar<String> v = new ContextVar<>("v");
        assertThrows(NoSuchElementException.class, () -> new Context().getRequired(v));
        assertNull(new Context().get(v));
        assertEquals("no", new Context().get(v, "no"));
    }

    @Test
    void theMappingListsVarsInTheOrderFirstSet() {
        ContextVar<Integer> a = new ContextVar<>("a");
        ContextVar<Integer> b = new ContextVar<>("b");
        Context ctx = new Context();
        ctx.run(() -> {
            b.set(2);
            a.set(1);
            b.set(3);
        });
        List<String> names = new ArrayList<>();
        for (ContextVar<?> var : ctx) {
            names.add(var.name());
        }
        assertEquals(List.of("b", "a"), names);
        assertEquals(Map.of(a, 1, b, 3), ctx.asMap());
        assertEquals("<Context {b=3, a=1}>", ctx.toString());
    }

    @Test
    void theSnapshotMapCannotBeChanged() {
        ContextVar<Integer> a = new ContextVar<>("a");
        a.set(1);
        assertThrows(UnsupportedOperationException.class, () -> Context.copyContext().asMap().clear());
    }

    @Test
    void copyIsADistinctContextWithTheSameValues() {
        ContextVar<Integer> a = new ContextVar<>("a");
        Context ctx = new Context();
        ctx.run(() -> a.set(1));
        Context copy = ctx.copy();
        assertNotSame(ctx, copy);
        copy.run(() -> a.set(2));
        assertEquals(1, ctx.get(a));
        assertEquals(2, copy.get(a));
    }

    @Test
    void resettingTheLastVarLeavesAnEmptyContext() {
        ContextVar<Integer> a = new ContextVar<>("a");
        Context ctx = new Context();
        ctx.run(() -> a.reset(a.set(1)));
        assertEquals(0, ctx.size());
    }
}
