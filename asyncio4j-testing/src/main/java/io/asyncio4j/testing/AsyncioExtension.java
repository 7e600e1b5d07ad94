package io.asyncio4j.testing;

import io.asyncio4j.EventLoop;
import io.asyncio4j.LoopClock;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs each test method as the main task of a fresh event loop on a {@link VirtualClock}
 * (or the system clock with {@link RealClock}), and fails the test if it leaves tasks pending
 * or an exception nobody retrieved.
 * <pre>{@code
 * @ExtendWith(AsyncioExtension.class)
 * class SleepTest {
 *     @Test
 *     void anHourPassesInstantly(VirtualClock clock) {
 *         Asyncio.sleep(3600);
 *         assertEquals(3600.0, clock.seconds());
 *     }
 * }
 * }</pre>
 * Test methods ({@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest}) may take an
 * {@link EventLoop} and a {@link VirtualClock} parameter. After the
 * method returns, the loop is closed the way {@code Asyncio.run} closes it.
 * <p>
 * asyncio: {@code unittest.IsolatedAsyncioTestCase}
 */
public final class AsyncioExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor,
        ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AsyncioExtension.class);

    /** The loop and clock of one test. */
    private record Fixture(EventLoop loop, LoopClock clock, Runner runner) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean real = context.getTestMethod().map(m -> m.isAnnotationPresent(RealClock.class)).orElse(false)
                || context.getTestClass().map(c -> c.isAnnotationPresent(RealClock.class)).orElse(false);
        AutojumpThreshold threshold = context.getTestMethod().map(m -> m.getAnnotation(AutojumpThreshold.class))
                .orElseGet(() -> context.getTestClass().map(c -> c.getAnnotation(AutojumpThreshold.class)).orElse(null));
        if (real && threshold != null) {
            throw new IllegalStateException("AsyncioExtension: @RealClock and @AutojumpThreshold together; the "
                    + "threshold is a virtual clock's, drop one of them");
        }
        if (threshold != null && threshold.value() <= 0) {
            throw new IllegalStateException("AsyncioExtension: @AutojumpThreshold(" + threshold.value()
                    + "): give more than 0 ms, or drop it for a clock that jumps at once");
        }
        LoopClock clock = real ? LoopClock.system()
                : threshold != null ? new VirtualClock(Duration.ofMillis(threshold.value())) : new VirtualClock();
        Fixture f = new Fixture(null, clock, null);
        context.getStore(NS).put(Fixture.class, f);
    }

    private static Fixture fixture(ExtensionContext context) {
        return context.getStore(NS).get(Fixture.class, Fixture.class);
    }

    /** Creates the loop lazily on the thread that will run the test (it becomes the loop's owner). */
    private static Fixture materialize(ExtensionContext context) {
        Fixture f = fixture(context);
        if (f.loop == null) {
            LoopClock clock = f.clock;
            EventLoop[] holder = new EventLoop[1];
            Runner runner = new Runner(null, () -> {
                if (holder[0] == null) {
                    holder[0] = new EventLoop(clock);
                }
                return holder[0];
            });
            EventLoop loop = runner.getLoop();
            f = new Fixture(loop, clock, runner);
            context.getStore(NS).put(Fixture.class, f);
        }
        return f;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Fixture f = materialize(context);
        try {
            f.runner.run(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                throw t instanceof Exception e ? e : new WrappedError(t);
            }
            checkNothingLeft(f.loop);
            return null;
            });
        } catch (Throwable e) {
            throw e instanceof WrappedError w ? w.getCause() : e;
        }
    }

    /** {@code @ParameterizedTest} and {@code @RepeatedTest} methods run as the main task too. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        interceptTestMethod(invocation, invocationContext, context);
    }

    /** Carries an Error (AssertionFailedError is one) through Coroutine.call's throws clause. */
    private static final class WrappedError extends Exception {
        private static final long serialVersionUID = 1L;

        WrappedError(Throwable t) {
            super(t);
        }
    }

    private static void checkNothingLeft(EventLoop loop) {
        Task<?> me = Task.current();
        Set<Task<?>> all = loop.allTasks();
        List<String> pending = new ArrayList<>();
        for (Task<?> t : all) {
            if (t != me) {
                pending.add(t.toString());
            }
        }
        if (!pending.isEmpty()) {
            throw new AssertionError("the test left " + pending.size() + " task(s) pending: " + pending
                    + "; await or cancel-and-await every task it starts");
        }
        List<Throwable> unretrieved = loop.unretrievedExceptions();
        if (!unretrieved.isEmpty()) {
            AssertionError e = new AssertionError("the test left " + unretrieved.size()
                    + " exception(s) nobody retrieved (a failed task or future nobody awaited): " + unretrieved);
            unretrieved.forEach(e::addSuppressed);
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture f = fixture(context);
        if (f != null && f.runner != null) {
            f.runner.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> t = pc.getParameter().getType();
        return t == EventLoop.class || t == VirtualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> t = pc.getParameter().getType();
        Fixture f = materialize(ec);
        if (t == EventLoop.class) {
            return f.loop;
        }
        if (f.clock instanceof VirtualClock vc) {
            return vc;
        }
        throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                "VirtualClock parameter: this test runs on the real clock (@RealClock); drop the parameter");
    }
}
