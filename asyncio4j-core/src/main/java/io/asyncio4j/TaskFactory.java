package io.asyncio4j;

/**
 * How a loop makes its tasks: {@link EventLoop#createTask} (and everything that creates tasks
 * through it: {@code Asyncio.createTask}, {@code gather} over coroutines,
 * {@link TaskGroup#createTask}, ...) hands the coroutine to the loop's factory when one is set
 * with {@link EventLoop#setTaskFactory}.
 * <p>
 * A factory returns a task of the loop it is given, made with {@link Task#newTask} (started
 * through the ready queue) or {@link Task#newEagerTask} (first step run at once), usually after
 * doing its own work: counting, naming or logging tasks. It must pass {@code name} on (a factory
 * that drops it leaves the task named {@code Task-N}). It runs on the loop thread, inside
 * {@code createTask}; an exception it throws propagates from {@code createTask}.
 * <pre>{@code
 * TaskFactory counting = new TaskFactory() {
 *     public <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name) {
 *         created++;
 *         return Task.newTask(loop, coro, name);   // or Asyncio.eagerTaskFactory().createTask(...)
 *     }
 * };
 * loop.setTaskFactory(counting);
 * }</pre>
 * The method is generic, so a factory is a class (or an anonymous class), not a lambda.
 * <p>
 * Differences from asyncio: the name reaches the factory, so an eager task has its name during
 * its first step (Python 3.14's behaviour; 3.13 renames the task after the factory returns,
 * gh-128308, and names an unnamed one {@code "None"}). There is no
 * {@code create_eager_task_factory(custom_task_constructor)}: {@link Task} is final, and a
 * factory that does its own work and then calls {@link Task#newEagerTask} covers its uses.
 * <p>
 * asyncio: the {@code factory(loop, coro, **kwargs)} callable of {@code loop.set_task_factory}
 */
public interface TaskFactory {

    /**
     * Makes the task that runs {@code coro} on {@code loop}; never returns null.
     * asyncio: {@code factory(loop, coro, name=name)}
     *
     * @param loop the loop whose {@code createTask} was called; the task must belong to it
     * @param coro the coroutine, never null
     * @param name the name given to {@code createTask}, or null for {@code Task-N}
     */
    <T> Task<T> createTask(EventLoop loop, Coroutine<T> coro, String name);
}
