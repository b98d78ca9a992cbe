package io.panelx.live;

import io.undertow.server.HandlerWrapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import java.util.regex.Pattern;

/**
 * The short way in for the request a connect storm is made of: a plain {@code GET} of a TS stream
 * ({@code /live/USER/PASS/ID.ts} or the bare {@code /USER/PASS/ID}) on HTTP/1, well formed, with no
 * query and no body. It is served by {@link LiveRoute} as an Undertow handler ahead of the servlet
 * chain, whose request objects, security handlers, filters and CDI request context cost more than
 * the route itself when thousands of players connect at once; nothing on this route needs them.
 * Every other request, HEAD and HLS included, goes the servlet way as before: same checks, same
 * answers (registered through META-INF/services/io.undertow.servlet.ServletExtension).
 */
public class StreamDoor implements ServletExtension {

    /** A path segment without escapes: anything else (percent, brackets) takes the servlet way. */
    private static final String SEGMENT = "[A-Za-z0-9._~!$&'()*+,;=:@-]+";

    private static final Pattern LIVE =
            Pattern.compile("/live/" + SEGMENT + "/" + SEGMENT + "/[0-9]{1,18}\\.ts");

    private static final Pattern BARE =
            Pattern.compile("/" + SEGMENT + "/" + SEGMENT + "/[0-9]{1,18}(\\.ts)?");

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        ClassLoader loader = deployment.getClassLoader();
        HandlerWrapper door = next -> new Door(next, loader);
        deployment.addInitialHandlerChainWrapper(door);
    }

    /** The path after the route prefix when the request is one this door serves, else null. */
    static String streamPath(String method, String uri, String query, boolean plainHttp1) {
        if (!plainHttp1 || !"GET".equals(method) || !query.isEmpty()) {
            return null;
        }
        if (LIVE.matcher(uri).matches()) {
            return uri.substring("/live".length());
        }
        if (BARE.matcher(uri).matches() && !BareStreamFilter.RESERVED.matcher(uri).matches()) {
            return uri;
        }
        return null;
    }

    private static final class Door implements HttpHandler {
        private final HttpHandler next;
        private final ClassLoader loader;
        private volatile LiveRoute route;

        Door(HttpHandler next, ClassLoader loader) {
            this.next = next;
            this.loader = loader;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            String path =
                    streamPath(
                            // exact: HttpString compares case-insensitively, and "get" is not GET
                            exchange.getRequestMethod().toString(),
                            exchange.getRequestURI(),
                            exchange.getQueryString(),
                            exchange.getConnection() instanceof HttpServerConnection
                                    && exchange.getRequestContentLength() <= 0
                                    && !exchange.getRequestHeaders()
                                            .contains(Headers.TRANSFER_ENCODING));
            if (path == null) {
                next.handleRequest(exchange);
                return;
            }
            if (exchange.isInIoThread()) {
                exchange.dispatch(this); // authentication may reach the database
                return;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader); // as the servlet chain would set it
            try {
                route().serveStream(path, exchange);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        private LiveRoute route() {
            LiveRoute r = route;
            if (r == null) {
                route = r = CDI.current().select(LiveRoute.class).get();
            }
            return r;
        }
    }
}
