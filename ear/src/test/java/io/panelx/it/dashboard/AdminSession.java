package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.ADMIN_PASSWORD;
import static io.panelx.it.PanelX.ADMIN_USER;
import static io.panelx.it.PanelX.BASE;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A browser-like HTTP client: cookies, no redirects followed, FORM login like the login page. */
final class AdminSession {

    final HttpClient http;

    /** The client address this session claims through the trusted proxy; null: none. */
    private final String forwardedFor;

    AdminSession() {
        this(null);
    }

    /** A browser behind the trusted proxy, at the given address (X-Forwarded-For). */
    AdminSession(String forwardedFor) {
        this.forwardedFor = forwardedFor;
        http =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /** Signs in as the login page does: a protected page first, then the form post. */
    AdminSession login() {
        var r = formLogin(ADMIN_USER, ADMIN_PASSWORD);
        if (r.statusCode() != 302
                || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.headers().map());
        }
        return this;
    }

    /** The login page's form post, whatever it answers. */
    HttpResponse<String> formLogin(String username, String password) {
        get("/admin/");
        return send(
                HttpRequest.newBuilder(URI.create(BASE + "/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "j_username="
                                                + enc(username)
                                                + "&j_password="
                                                + enc(password))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
