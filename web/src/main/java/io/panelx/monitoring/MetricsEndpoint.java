package io.panelx.monitoring;

import io.panelx.admin.InvalidInput;
import io.panelx.archive.Archives;
import io.panelx.line.CidrList;
import io.panelx.login.AdminLogin;
import io.panelx.stats.LiveStats;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: the live figures for Prometheus. Allowed to the networks in {@code
 * panelx.metrics-allowed} (a CIDR list; empty lets nobody in by address) and to admins, by session
 * or HTTP Basic ({@link AdminLogin}). It guards itself instead of sitting behind web.xml's FORM
 * constraint, so that a scraper with Basic credentials gets a 401 challenge rather than a redirect
 * to the login page.
 */
@WebServlet("/metrics")
public class MetricsEndpoint extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());

    static final String ALLOWED_PROPERTY = "panelx.metrics-allowed";

    @Inject LiveStats stats;
    @Inject AdminLogin login;
    @Inject Archives archives;

    /** The parsed allow-list and its text: re-parsed only when the system property changes. */
    private volatile AllowList allowList = new AllowList("", CidrList.parse(""));

    private record AllowList(String text, CidrList networks) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!allowedNetworks().contains(request.getRemoteAddr())) {
            var result = login.authenticate(request);
            if (result.kind() == AdminLogin.Kind.THROTTLED) {
                response.setHeader("Retry-After", Long.toString(result.waitSeconds()));
                response.setContentType("text/plain; charset=utf-8");
                response.setStatus(429);
                response.getWriter()
                        .write(
                                "too many failed logins from your address; try again in "
                                        + result.waitSeconds()
                                        + " s\n");
                return;
            }
            if (result.kind() != AdminLogin.Kind.ADMIN) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"PanelX\", charset=\"UTF-8\"");
                response.setContentType("text/plain; charset=utf-8");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.getWriter().write("admin credentials or an allowed network required\n");
                return;
            }
        }
        byte[] body =
                (PrometheusText.render(stats.clusterSnapshot())
                                + ArchiveMetrics.render(archives.statuses(), archives.maxBytes()))
                        .getBytes(StandardCharsets.UTF_8);
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private CidrList allowedNetworks() {
        String text = System.getProperty(ALLOWED_PROPERTY, "").trim();
        AllowList current = allowList;
        if (!current.text().equals(text)) {
            CidrList networks;
            try {
                networks = CidrList.parse(text);
            } catch (InvalidInput e) {
                // a typo must not open the endpoint: nobody is allowed by address until it is fixed
                LOG.warning(() -> ALLOWED_PROPERTY + " ignored: " + e.getMessage());
                networks = CidrList.parse("");
            }
            current = new AllowList(text, networks);
            allowList = current;
        }
        return current.networks();
    }
}
