package io.asyncio4j.http.internal;

import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.RequestHead;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;

import java.lang.invoke.MethodHandles;
import java.util.Map;

/**
 * The web package's constructors that other packages of this module need and its users must not
 * see: a {@link Request} made without a connection, for {@code testutils.TestUtils.makeMockedRequest}.
 * Request registers the implementation from its static initialiser (the JDK's SharedSecrets
 * pattern): Java has no module-private access, and this package is not exported.
 * <p>
 * Threading: {@link #set} runs once, in Request's class initialisation, which happens-before
 * any {@link #get} that initialised the class; the field is volatile for the callers that did not.
 * <p>
 * asyncio: none (Python has no access control to work around)
 */
public final class WebAccess {
    /** What the web package lets this module do with requests. */
    public interface Requests {
        /**
         * A request of {@code app} with {@code head}, whose body {@code body} reads, as routed to
         * {@code matchInfo} (no route, no connection, no peer address).
         */
        Request detached(Application app, RequestHead head, BodyReader body, BodyFraming framing,
                         Map<String, String> matchInfo);
    }

    private static volatile Requests requests;

    private WebAccess() {
    }

    /** Called once, by Request's static initialiser. */
    public static void set(Requests r) {
        requests = r;
    }

    /** The web package's request factory, initialising Request first if it has not been. */
    public static Requests requests() {
        Requests r = requests;
        if (r == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Request.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("WebAccess: cannot initialise Request from " + WebAccess.class, e);
            }
            r = requests;
        }
        return r;
    }
}
