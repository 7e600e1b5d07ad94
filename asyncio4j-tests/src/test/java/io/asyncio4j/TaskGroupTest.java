package io.asyncio4j;

import io.asyncio4j.testing.AsyncioExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.taskGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio.TaskGroup (CPython test_taskgroups). */
@ExtendWith(AsyncioExtension.class)
class TaskGroupTest {

    static Set<Class<?>> types(ExceptionGroupException eg) {
        Set<Class<?>> s = new HashSet<>();
        for (Throwable t : eg.exceptions()) {
            s.add(t.getClass());
        }
        return s;
    }

    static Coroutine<Integer> after(double seconds, int value) {
        return () -> {
            sleep(seconds);
            return value;
        };
    }

    static Coroutine<Void> crashAfter(double seconds) {
        return () -> {
            sleep(seconds);
            throw new ArithmeticException("/ by zero after " + seconds);
        };
    }

    @Test
    void theBlockReturnsOnlyWhenEveryTaskIsDone(EventLoop loop) {
        List<Task<Integer>> ts = new ArrayList<>();
        taskGroup(g -> {
            ts.add(g.createTask(after(0.1, 42)));
            ts.add(g.createTask(after(0.2, 11)));
        });
        assertEquals(42, ts.get(0).result());
        assertEquals(11, ts.get(1).result());
        assertEquals(0.2, loop.time(), 1e-9);
    }

    @Test
    void theBlockValueIsReturned() {
        String r = TaskGroup.run(g -> {
            g.createTask(after(0.1, 1));
            return "value";
        });
        assertEquals("value", r);
    }

    @Test
    void tasksCanBeAddedWhileTheBlockRuns() {
        List<Task<Integer>> ts = new ArrayList<>();
        taskGroup(g -> {
            ts.add(g.createTask(after(0.1, 42)));
            sleep(0.15);
            ts.add(g.createTask(after(0.2, 11)));
        });
        assertEquals(42, ts.get(0).result());
        assertEquals(11, ts.get(1).result());
    }

    @Test
    void cancellingOneTaskExplicitlyLeavesTheOthersAlone() {
        List<Task<Integer>> ts = new ArrayList<>();
        taskGroup(g -> {
            ts.add(g.createTask(after(1, 42)));
            sleep(0.15);
            ts.get(0).cancel();
            ts.add(g.createTask(after(0.2, 11)));
        });
        assertTrue(ts.get(0).isCancelled());
        assertEquals(11, ts.get(1).result());
    }

    @Test
    void aFailingTaskCancelsItsSiblingsAndTheBlockAndRaisesAGroup() {
        boolean[] siblingCancelled = {false};
        boolean[] bodyCancelled = {false};
        int[] num = {0};
        Task<?>[] sibling = new Task<?>[1];
        Task<Void> runner = createTask(() -> {
            taskGroup(g -> {
                g.createTask(crashAfter(0.1));
                g.createTask(crashAfter(0.1));
                sibling[0] = g.createTask(() -> {
                    try {
                        sleep(5);
                    } catch (CancelledError e) {
                        siblingCancelled[0] = true;
                        throw e;
                    }
                    num[0] += 1;
                });
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    bodyCancelled[0] = true;
                    throw e;
                }
            });
            num[0] += 10;
        });
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, runner::await);
        assertEquals(Set.of(ArithmeticException.class), types(eg));
        assertEquals(2, eg.exceptions().size());
        assertEquals(0, num[0]);
        assertTrue(siblingCancelled[0]);
        assertTrue(bodyCancelled[0]);
        assertTrue(sibling[0].isCancelled());
        assertFalse(runner.isCancelled());
    }

    @Test
    void aTaskFailingAfterTheBlockEndedCancelsItsSiblingsAndRaisesAGroup(EventLoop loop) {
        // CPython test_taskgroup_04: the block is done, the group waits for its tasks
        boolean[] siblingCancelled = {false};
        int[] num = {0};
        Task<Void> runner = createTask(() -> {
            taskGroup(g -> {
                g.createTask(crashAfter(0.1));
                g.createTask(() -> {
                    try {
                        sleep(1);
                    } catch (CancelledError e) {
                        siblingCancelled[0] = true;
                        throw e;
                    }
                    num[0] += 1;
                });
            });
            num[0] += 10;
        });
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, runner::await);
        assertEquals(Set.of(ArithmeticException.class), types(eg));
        assertEquals(0, num[0]);
        assertTrue(siblingCancelled[0]);
        assertEquals(0.1, loop.time(), 1e-9);
        assertEquals(0, runner.cancelling());
    }

    @Test
    void theParentTaskIsNotLeftCancelledAfterAChildFailed() {
        assertThrows(ExceptionGroupException.class, () -> taskGroup(g -> {
            g.createTask(crashAfter(0));
        }));
        assertEquals(0, currentTask().cancelling());
    }

    @Test
    void cancellingTheParentCancelsEveryTaskAndPropagatesCancelledError() {
        int[] num = {0};
        Task<Void> r = createTask(() -> taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(() -> {
                    try {
                        sleep(5);
                    } catch (CancelledError e) {
                        num[0]++;
                        throw e;
                    }
                });
            }
            try {
                sleep(10);
            } catch (CancelledError e) {
                num[0] += 10;
                throw e;
            }
        }));
        sleep(0.1);
        assertFalse(r.isDone());
        r.cancel();
        assertThrows(CancelledError.class, r::await);
        assertEquals(15, num[0]);
        assertTrue(r.isCancelled());
    }

    @Test
    void cancellingTheParentWhileItWaitsAtTheEndOfTheBlockCancelsTheTasks() {
        int[] num = {0};
        Task<Void> r = createTask(() -> taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(() -> {
                    try {
                        sleep(5);
                    } catch (CancelledError e) {
                        num[0]++;
                        throw e;
                    }
                });
            }
        }));
        sleep(0.1);
        r.cancel();
        assertThrows(CancelledError.class, r::await);
        assertEquals(5, num[0]);
    }

    @Test
    void tasksFailingInTheirCleanupAfterTheParentWasCancelledRaiseAGroup() {
        Task<Void> r = createTask(() -> taskGroup(g -> {
            for (int i = 0; i < 5; i++) {
                g.createTask(() -> {
                    try {
                        sleep(10);
                    } finally {
                        throw new ArithmeticException("cleanup");
                    }
                });
            }
            sleep(10);
        }));
        sleep(0.1);
        r.cancel();
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, r::await);
        assertEquals(Set.of(ArithmeticException.class), types(eg));
        assertEquals(5, eg.exceptions().size());
    }

    @Test
    void anExceptionOfTheBlockCancelsTheTasksAndJoinsTheGroup() {
        List<Task<Integer>> ts = new ArrayList<>();
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup((TaskGroup g) -> {
            ts.add(g.createTask(after(1, 42)));
            ts.add(g.createTask(after(2, 11)));
            sleep(0.1);
            throw new ArithmeticException("body");
        }));
        assertEquals(Set.of(ArithmeticException.class), types(eg));
        assertTrue(ts.get(0).isCancelled());
        assertTrue(ts.get(1).isCancelled());
    }

    @Test
    void anExceptionOfTheBlockBeforeAnySuspensionCancelsTasksThatNeverStarted() {
        List<String> out = new ArrayList<>();
        List<Task<Void>> ts = new ArrayList<>();
        assertThrows(ExceptionGroupException.class, () -> taskGroup((TaskGroup g) -> {
            ts.add(g.createTask(() -> {
                out.add("started");
            }));
            throw new ArithmeticException("body");
        }));
        assertTrue(ts.get(0).isCancelled());
        assertEquals(List.of(), out);
    }

    @Test
    void theGroupErrorsAndTheBlockErrorAreRaisedTogether() {
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup((TaskGroup g) -> {
            g.createTask(crashAfter(0.1));
            try {
                sleep(10);
            } finally {
                throw new IllegalStateException("from the block");
            }
        }));
        assertEquals(Set.of(ArithmeticException.class, IllegalStateException.class), types(eg));
        // the task's error first, then the block's, as asyncio orders them
        assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
        assertInstanceOf(IllegalStateException.class, eg.exceptions().get(1));
    }

    @Test
    void anErrorRaisedInsteadOfTheParentCancellationIsGrouped() {
        // CPython test_taskgroup_18
        Task<Void> r = createTask(() -> taskGroup(g -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                throw new IllegalStateException("instead of the cancellation");
            }
        }));
        sleep(0.1);
        r.cancel();
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, r::await);
        assertEquals(Set.of(IllegalStateException.class), types(eg));
    }

    @Test
    void aTaskErrorDuringTheParentsSlowCancellationIsStillRaisedAsAGroup() {
        // CPython test_taskgroup_15
        Task<Void> r = createTask(() -> taskGroup(g -> {
            g.createTask(crashAfter(0.3));
            try {
                sleep(10);
            } catch (CancelledError e) {
                sleep(0.5);
                throw e;
            }
        }));
        sleep(0.1);
        r.cancel();
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, r::await);
        assertEquals(Set.of(ArithmeticException.class), types(eg));
    }

    @Test
    void nestedGroupsNestTheirExceptionGroups() {
        // CPython test_taskgroup_14
        Task<Void> r = createTask(() -> taskGroup(g1 -> {
            g1.createTask(crashAfter(10));
            taskGroup(g2 -> {
                g2.createTask(crashAfter(0.1));
            });
        }));
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, r::await);
        assertEquals(Set.of(ExceptionGroupException.class), types(eg));
        assertEquals(Set.of(ArithmeticException.class), types((ExceptionGroupException) eg.exceptions().get(0)));
    }

    @Test
    void anOuterTaskFailingFirstCancelsTheInnerGroup() {
        // CPython test_taskgroup_13
        Task<Void> r = createTask(() -> taskGroup(g1 -> {
            g1.createTask(crashAfter(0.1));
            taskGroup(g2 -> {
                g2.createTask(crashAfter(10));
            });
        }));
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, r::await);
        assertEquals(Set.of(ArithmeticException.class), types(eg));
    }

    @Test
    void theParentCancellingLevelIsPreservedAcrossNestedFailingGroups() {
        // CPython test_nested_groups_both_cancelled
        int[] inside = {-1};
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup(outer -> {
            try {
                taskGroup(inner -> {
                    inner.createTask(() -> {
                        sleep(0);
                        throw new IllegalStateException("inner");
                    });
                    outer.createTask(() -> {
                        sleep(0);
                        throw new IllegalArgumentException("outer");
                    });
                });
                throw new AssertionError("the inner group should have raised");
            } catch (ExceptionGroupException e) {
                assertEquals(Set.of(IllegalStateException.class), types(e));
            }
            inside[0] = currentTask().cancelling();
        }));
        assertEquals(Set.of(IllegalArgumentException.class), types(eg));
        assertEquals(1, inside[0]);
        assertEquals(0, currentTask().cancelling());
    }

    @Test
    void aChildErrorAndAForeignCancelBothReachTheParent() {
        // CPython test_error_and_cancel
        Future<Void> started = currentTask().getLoop().createFuture();
        int[] cancellingAfterGroup = {-1};
        Task<Void> t = createTask(() -> {
            try {
                taskGroup((TaskGroup g) -> {
                    g.createTask(() -> {
                        started.setResult(null);
                        sleep(0);
                        throw new IllegalStateException();
                    });
                    sleep(1);
                    throw new AssertionError("sleep in group should have been cancelled");
                });
            } catch (ExceptionGroupException e) {
                cancellingAfterGroup[0] = currentTask().cancelling();
            }
            sleep(1);
            throw new AssertionError("sleep after group should have been cancelled");
        });
        started.await();
        assertEquals(0, t.cancelling());
        t.cancel();
        assertEquals(1, t.cancelling());
        assertThrows(CancelledError.class, t::await);
        assertTrue(t.isCancelled());
        assertEquals(1, cancellingAfterGroup[0]);
    }

    @Test
    void tasksCanBeAddedByTasksOfTheGroupWhileItExits() {
        List<String> out = new ArrayList<>();
        taskGroup(g -> {
            g.createTask(() -> {
                sleep(0.1);
                g.createTask(() -> {
                    sleep(0.1);
                    out.add("grandchild");
                });
            });
        });
        assertEquals(List.of("grandchild"), out);
    }

    @Test
    void noTaskCanBeAddedOnceTheGroupIsShuttingDown() {
        List<String> out = new ArrayList<>();
        assertThrows(ExceptionGroupException.class, () -> taskGroup(g -> {
            g.createTask(crashAfter(0.001));
            g.createTask(() -> {
                try {
                    sleep(1);
                } catch (CancelledError e) {
                    IllegalStateException ise = assertThrows(IllegalStateException.class,
                            () -> g.createTask(() -> { }));
                    out.add(ise.getMessage());
                    throw e;
                }
            });
        }));
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("shutting down"), out.get(0));
    }

    @Test
    void noTaskCanBeAddedOnceTheGroupIsFinished() {
        TaskGroup[] kept = new TaskGroup[1];
        taskGroup(g -> {
            kept[0] = g;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept[0].createTask(() -> { }));
        assertTrue(e.getMessage().contains("is finished"), e.getMessage());
        assertEquals(TaskGroup.State.CLOSED, kept[0].state());
    }

    @Test
    void aGroupOutsideATaskIsRefused() throws Exception {
        Throwable[] got = new Throwable[1];
        Thread th = Thread.ofPlatform().start(() -> {
            try {
                TaskGroup.run(g -> {
                });
            } catch (Throwable e) {
                got[0] = e;
            }
        });
        th.join();
        assertInstanceOf(IllegalStateException.class, got[0]);
    }

    @Test
    void namedTasksKeepTheirName() {
        taskGroup(g -> {
            Task<Integer> t = g.createTask(after(0, 1), "yolo");
            assertEquals("yolo", t.getName());
        });
    }

    @Test
    void aGroupWithNoTasksIsFine() {
        assertEquals("empty", TaskGroup.run(g -> "empty"));
    }

    @Test
    void aTaskAddingTasksUntilAnotherFailsStopsCleanly() {
        // CPython test_taskgroup_25 (hydra and hercules)
        int[] hydras = {0};
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup(g -> {
            Coroutine.VoidCoroutine[] hydra = new Coroutine.VoidCoroutine[1];
            hydra[0] = () -> {
                hydras[0]++;
                sleep(0.01);
                g.createTask(hydra[0]);
                g.createTask(hydra[0]);
            };
            g.createTask(hydra[0]);
            g.createTask(() -> {
                while (hydras[0] < 10) {
                    sleep(0.015);
                }
                throw new ArithmeticException("hercules");
            });
        }));
        assertEquals(Set.of(ArithmeticException.class), types(eg));
        assertTrue(hydras[0] >= 10);
    }

    @Test
    void toStringShowsTasksAndState() {
        taskGroup(g -> {
            g.createTask(after(1, 1));
            assertEquals("<TaskGroup tasks=1 entered>", g.toString());
            assertEquals(TaskGroup.State.OPEN, g.state());
        });
    }

    @Test
    void exceptionGroupSplitSeparatesTheMatchesFromTheRestKeepingTheNesting() {
        // CPython: ExceptionGroup('jobs', [ValueError a, KeyError b, ExceptionGroup('inner', [ValueError c, OSError d])])
        //   .split(ValueError) == (jobs[a, inner[c]], jobs[b, inner[d]])
        ExceptionGroupException inner = new ExceptionGroupException("inner",
                List.of(new IllegalArgumentException("c"), new java.io.UncheckedIOException(new java.io.IOException("d"))));
        ExceptionGroupException eg = new ExceptionGroupException("jobs",
                List.of(new IllegalArgumentException("a"), new IllegalStateException("b"), inner));
        ExceptionGroupException.Split s = eg.split(IllegalArgumentException.class);
        assertEquals("[a, [c]]", shape(s.matched()));
        assertEquals("[b, [java.io.IOException: d]]", shape(s.rest()));
        assertTrue(s.matched().getMessage().startsWith("jobs"), s.matched().getMessage());
        ExceptionGroupException.Split none = eg.split(ArithmeticException.class);
        assertNull(none.matched());
        assertSame(eg, none.rest());
        assertSame(eg, eg.split(ExceptionGroupException.class).matched(), "a group that matches goes whole");
    }

    private static String shape(ExceptionGroupException g) {
        return g.exceptions().stream().map(t -> t instanceof ExceptionGroupException n ? shape(n) : t.getMessage())
                .toList().toString();
    }

    @Test
    void exceptionGroupSubgroupSelectsByType() {
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup(g -> {
            g.createTask(() -> {
                throw new IllegalStateException("a");
            });
            g.createTask(() -> {
                throw new IllegalArgumentException("b");
            });
        }));
        assertTrue(eg.contains(IllegalArgumentException.class));
        ExceptionGroupException sub = eg.subgroup(IllegalStateException.class);
        assertEquals(1, sub.exceptions().size());
        assertEquals("a", sub.exceptions().get(0).getMessage());
        assertEquals(null, eg.subgroup(ArithmeticException.class));
        assertTrue(eg.getMessage().startsWith("unhandled errors in a TaskGroup"), eg.getMessage());
        assertSame(eg.exceptions().get(0), eg.getSuppressed()[0]);
    }

    @Test
    void aKeyboardInterruptFromTheBlockIsRaisedAsItIsAfterTheTasksAreDone() {
        // CPython test_taskgroup_20
        List<Task<Void>> ts = new ArrayList<>();
        assertThrows(KeyboardInterruptException.class, () -> taskGroup((TaskGroup g) -> {
            ts.add(g.createTask(crashAfter(0.1)));
            try {
                sleep(10);
            } finally {
                throw new KeyboardInterruptException();
            }
        }));
        assertTrue(ts.get(0).isDone());
    }

    @Test
    void aKeyboardInterruptFromATaskIsRaisedAsIt() {
        assertThrows(KeyboardInterruptException.class, () -> taskGroup(g -> {
            g.createTask(() -> {
                sleep(0.1);
                throw new KeyboardInterruptException();
            });
            g.createTask(crashAfter(0.1));
        }));
    }

    @Test
    void anOtherErrorFromTheBlockIsGroupedWithTheTaskErrors() {
        // CPython test_taskgroup_20a: a BaseException that is not KeyboardInterrupt is grouped
        ExceptionGroupException eg = assertThrows(ExceptionGroupException.class, () -> taskGroup((TaskGroup g) -> {
            g.createTask(crashAfter(0.1));
            try {
                sleep(10);
            } finally {
                throw new AssertionError("an Error");
            }
        }));
        assertEquals(Set.of(ArithmeticException.class, AssertionError.class), types(eg));
    }
}
