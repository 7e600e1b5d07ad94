package io.asyncio4j.http.web;

import java.util.function.Function;

/**
 * The handler of a {@link View} route: makes a view for each request and calls its method.
 * Immutable; any thread (the factory is the user's).
 * <p>
 * aiohttp: the {@code View} class as a route's handler ({@code await View(request)})
 */
record ViewHandler(Function<? super Request, ? extends View> factory) implements Handler {
    ViewHandler {
        if (factory == null) {
            throw new IllegalArgumentException("Web.view(): the view factory is null; give the view's constructor, "
                    + "such as ItemView::new");
        }
    }

    @Override
    public Response handle(Request request) throws Exception {
        View view = factory.apply(request);
        if (view == null || view.request() != request) {
            throw new IllegalStateException("Web.view(): the view factory " + (view == null ? "returned null"
                    : "returned " + view + ", a view of another request") + "; make a new View of the request it is "
                    + "given, such as ItemView::new");
        }
        return view.dispatch();
    }
}
