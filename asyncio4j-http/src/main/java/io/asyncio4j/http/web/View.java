package io.asyncio4j.http.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A class-based handler: one method per HTTP method, on a new instance per request that holds
 * the request. Subclass it, override the methods it answers, and register its constructor with
 * {@link Web#view} or {@link Router#addView}:
 * <pre>{@code
 * final class ItemView extends View {
 *     ItemView(Request request) { super(request); }
 *     @Override public Response get() { return Response.text("item " + request().matchInfo("id")); }
 *     @Override public Response delete() { return new Response(204); }
 * }
 * app.addRoutes(Web.view("/items/{id}", ItemView::new));
 * }</pre>
 * A method it does not override answers 405 Method Not Allowed with an {@code Allow} field listing
 * those it does (sorted, comma-separated, as aiohttp's); so does a method outside the seven here.
 * HEAD, when {@link #head()} is not overridden, is answered by {@link #get()} (the server sends
 * the head alone), as a GET route answers HEAD — aiohttp's View answers 405 there; the
 * {@code Allow} field then lists HEAD with GET.
 * <p>
 * Threading: the task serving the request; an instance serves one request.
 * <p>
 * aiohttp: {@code web.View}
 */
public abstract class View {
    /** The methods a subclass may answer, as {@code Allow} names them. */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** Per subclass, the methods it overrides: found by reflection once, as aiohttp's {@code hasattr}. */
    private static final ClassValue<Implemented> IMPLEMENTED = new ClassValue<>() {
        @Override
        protected Implemented computeValue(Class<?> type) {
            TreeSet<String> methods = new TreeSet<>();
            for (String m : METHODS) {
                try {
                    if (type.getMethod(m.toLowerCase(java.util.Locale.ROOT)).getDeclaringClass() != View.class) {
                        methods.add(m);
                    }
                } catch (NoSuchMethodException e) {
                    throw new AssertionError("View declares " + m.toLowerCase(java.util.Locale.ROOT) + "()", e);
                }
            }
            boolean ownHead = methods.contains("HEAD");
            if (methods.contains("GET")) {
                methods.add("HEAD"); // answered by get()
            }
            return new Implemented(ownHead, Set.copyOf(methods));
        }
    };

    private record Implemented(boolean head, Set<String> allowed) {
    }

    private final Request request;

    /**
     * A view of {@code request}; a subclass's constructor passes it on. aiohttp: {@code View(request)}
     *
     * @throws IllegalArgumentException for a null request
     */
    protected View(Request request) {
        if (request == null) {
            throw new IllegalArgumentException("View(): the request is null; pass on the Request the view's "
                    + "constructor was given");
        }
        this.request = request;
    }

    /** The request this view answers. aiohttp: {@code self.request} */
    public final Request request() {
        return request;
    }

    /** Answers GET (and HEAD, unless {@link #head()} is overridden); may suspend. Default: 405. aiohttp: {@code async def get(self)} */
    public Response get() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers HEAD; may suspend. Default: {@link #get()}'s answer, or 405 if that is not overridden. aiohttp: {@code async def head(self)} */
    public Response head() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers POST; may suspend. Default: 405. aiohttp: {@code async def post(self)} */
    public Response post() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers PUT; may suspend. Default: 405. aiohttp: {@code async def put(self)} */
    public Response put() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers PATCH; may suspend. Default: 405. aiohttp: {@code async def patch(self)} */
    public Response patch() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers DELETE; may suspend. Default: 405. aiohttp: {@code async def delete(self)} */
    public Response delete() throws Exception {
        throw methodNotAllowed();
    }

    /** Answers OPTIONS; may suspend. Default: 405. aiohttp: {@code async def options(self)} */
    public Response options() throws Exception {
        throw methodNotAllowed();
    }

    /**
     * 405 with the {@code Allow} field naming the methods this view's class answers.
     * aiohttp: {@code View._raise_allowed_methods()}
     */
    protected final HttpMethodNotAllowed methodNotAllowed() {
        return new HttpMethodNotAllowed(request.method(), IMPLEMENTED.get(getClass()).allowed());
    }

    /** Calls the method for the request's method (case-sensitive, as HTTP's). aiohttp: {@code await view} */
    final Response dispatch() throws Exception {
        return switch (request.method()) {
            case "GET" -> get();
            case "HEAD" -> IMPLEMENTED.get(getClass()).head() ? head() : get();
            case "POST" -> post();
            case "PUT" -> put();
            case "PATCH" -> patch();
            case "DELETE" -> delete();
            case "OPTIONS" -> options();
            default -> throw methodNotAllowed();
        };
    }

    /** {@code <ItemView GET /items/1 >}: the class and its request. aiohttp: none */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + request.method() + " " + request.path() + " >";
    }
}
