package io.panelx.login;

import io.panelx.http.ClientAbort;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the form login ({@code POST /j_security_check}) under {@link AdminLogin}'s per-address
 * throttle. Elytron's FORM mechanism answers that request before any servlet filter runs, so the
 * gate is an Undertow handler in front of the deployment's security handlers (an outer handler,
 * which runs on the worker thread with the servlet request in place) (registered through
 * META-INF/services/io.undertow.servlet.ServletExtension).
 */
public class FormLoginGate implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(Gate::new);
    }

    private static final class Gate implements HttpHandler {
        private final HttpHandler next;

        Gate(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            if (!exchange.getRequestMethod().equalToString("POST")
                    || !exchange.getRequestPath().endsWith("/j_security_check")) {
                next.handleRequest(exchange);
                return;
            }
            var servlet = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
            if (servlet == null) {
                next.handleRequest(exchange);
                return;
            }
            var request = (HttpServletRequest) servlet.getServletRequest();
            var response = (HttpServletResponse) servlet.getServletResponse();
            try {
                request.getParameter("j_username"); // Elytron reads the same parsed form
            } catch (RuntimeException e) {
                if (ClientAbort.caused(e)) {
                    exchange.setStatusCode(400);
                    exchange.endExchange(); // the client hung up sending its form: no ERROR
                    return;
                }
                throw e;
            }
            AdminLogin login = CDI.current().select(AdminLogin.class).get();
            if (!login.formAttempt(request, response)) {
                return;
            }
            next.handleRequest(exchange);
            var security = exchange.getSecurityContext();
            login.formDone(request, security != null && security.getAuthenticatedAccount() != null);
        }
    }
}
