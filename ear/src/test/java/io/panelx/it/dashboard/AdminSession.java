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

    AdminSession() {
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
        get("/admin/");
        var r =
                send(
                        HttpRequest.newBuilder(URI.create(BASE + "/j_security_check"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "j_username="
                                                        + enc(ADMIN_USER)
                                                        + "&j_password="
                                                        + enc(ADMIN_PASSWORD))));
        if (r.statusCode() != 302
                || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.headers().map());
        }
        return this;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
