/**
 * Context variables: values that follow the flow of control through tasks and callbacks, as
 * Python's {@code contextvars} module gives asyncio programs (a request id for logging, the
 * current user, a deadline).
 * <p>
 * Each task runs in its own {@link io.asyncio4j.contextvars.Context}, a copy of the context it
 * was created in (or one given to {@code createTask}); a callback runs in a copy of the context
 * it was scheduled from; {@code toThread} runs its function in a copy. Setting a
 * {@link io.asyncio4j.contextvars.ContextVar} changes only the current context, so a child task
 * never changes its parent's values and a task's values never leak into another's.
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * REQUEST_ID.set("r-42");
 * createTask(() -> log(REQUEST_ID.get()));   // "r-42", whatever the parent sets later
 * }</pre>
 * asyncio: the {@code contextvars} module, as asyncio uses it
 */
package io.asyncio4j.contextvars;
