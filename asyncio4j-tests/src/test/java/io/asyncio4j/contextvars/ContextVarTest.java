package io.asyncio4j.contextvars;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** contextvars.ContextVar and Token, after CPython's test_context.ContextTest (3.13). */
@ExtendWith(AsyncioExtension.class)
class ContextVarTest {

    @Test
    void aVarWithoutDefaultOrValueThrowsOnGet() {
        ContextVar<String> w = new ContextVar<>("w");
        NoSuchElementException e = assertThrows(NoSuchElementException.class, w::get);
        assertTrue(e.getMessage().contains("<ContextVar name='w'>"), e.getMessage());
    }

    @Test
    void getFallsBackToTheVarsDefault() {
        assertEquals("d", new ContextVar<>("v", "d").get());
    }

    @Test
    void aNullDefaultIsADefault() {
        assertNull(new ContextVar<String>("v", null).get());
    }

    @Test
    void getWithAFallbackPrefersTheFallbackOverTheVarsDefault() {
        ContextVar<String> v = new ContextVar<>("v", "d");
        assertEquals("f", v.get("f")); // as CPython: ContextVar('v', default='d').get('f') == 'f'
        v.set("x");
        assertEquals("x", v.get("f"));
    }

    @Test
    void setMakesTheValueVisibleToGet() {
        ContextVar<Integer> v = new ContextVar<>("v");
        v.set(1);
        assertEquals(1, v.get());
        v.set(2);
        assertEquals(2, v.get());
    }

    @Test
    void theTokenRemembersTheVarAndAMissingOldValue() {
        ContextVar<Integer> w = new ContextVar<>("w");
        Token<Integer> t = w.set(1);
        assertSame(w, t.var());
        assertSame(Token.MISSING, t.oldValue());
        Token<Integer> t2 = w.set(2);
        assertEquals(1, t2.oldValue());
    }

    @Test
    void resetRestoresThePreviousValue() {
        ContextVar<String> v = new ContextVar<>("v");
        v.set("a");
        Token<String> t = v.set("b");
        v.reset(t);
        assertEquals("a", v.get());
    }

    @Test
    void resetOfTheFirstSetRemovesTheValue() {
        ContextVar<String> w = new ContextVar<>("w");
        Token<String> t = w.set("a");
        w.reset(t);
        assertEquals("none", w.get("none"));
        assertFalse(Context.copyContext().containsKey(w));
    }

    @Test
    void aTokenResetsOnlyOnce() {
        ContextVar<String> w = new ContextVar<>("w");
        Token<String> t = w.set("a");
        w.reset(t);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.reset(t));
        assertTrue(e.getMessage().contains("has already been used once"), e.getMessage());
        assertTrue(t.isUsed());
        assertTrue(t.toString().startsWith("<Token used var=<ContextVar name='w'>"), t.toString());
    }

    @Test
    void aTokenOfAnotherVarIsRejected() {
        ContextVar<String> a = new ContextVar<>("a");
        ContextVar<String> b = new ContextVar<>("b");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Token<String> foreign = (Token) b.set("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.reset(foreign));
        assertTrue(e.getMessage().contains("different ContextVar"), e.getMessage());
    }

    @Test
    void aTokenFromAnotherContextIsRejected() {
        ContextVar<String> v = new ContextVar<>("v");
        Token<String> t = v.set("x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Context.copyContext().run(() -> v.reset(t)));
        assertTrue(e.getMessage().contains("was created in a different Context"), e.getMessage());
        assertEquals("x", v.get());
    }

    @Test
    void closingATokenResetsItsVar() {
        ContextVar<String> v = new ContextVar<>("v", "d");
        try (Token<String> t = v.set("inside")) {
            assertEquals("inside", v.get());
        }
        assertEquals("d", v.get());
    }

    @Test
    void twoVarsWithTheSameNameAreDistinct() {
        ContextVar<String> a = new ContextVar<>("same");
        ContextVar<String> b = new ContextVar<>("same");
        a.set("a");
        assertEquals("b-default", b.get("b-default"));
    }

    @Test
    void theNameIsRequired() {
        assertThrows(NullPointerException.class, () -> new ContextVar<String>(null));
    }

    @Test
    void toStringShowsTheNameAndTheDefault() {
        assertEquals("<ContextVar name='v' default='d'>", new ContextVar<>("v", "d").toString());
        assertEquals("<ContextVar name='n' default=3>", new ContextVar<>("n", 3).toString());
        assertEquals("<ContextVar name='w'>", new ContextVar<String>("w").toString());
    }

    @Test
    void aPlainThreadStartsWithAnEmptyContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v", "d");
        v.set("task");
        String[] seen = new String[2];
        Thread t = Thread.ofPlatform().start(() -> {
            seen[0] = v.get();
            v.set("thread");
            seen[1] = v.get();
        });
        t.join();
        assertEquals("d", seen[0]);
        assertEquals("thread", seen[1]);
        assertEquals("task", v.get());
    }
}
