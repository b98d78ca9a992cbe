package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import io.panelx.it.dbprobe.AdminRowProbe;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An admin whose stored hash has the 60,000 PBKDF2 rounds older installs wrote (written straight
 * into admin_user, as such an install left it) signs in; afterwards the row holds a new salt and
 * 600,000 rounds that the JDK's PBKDF2 confirms, and signing in still works (the form login is
 * checked by Elytron against the row itself, so it proves the new hash). Both ways in upgrade: HTTP
 * Basic and the login form.
 */
@ExtendWith(ArquillianExtension.class)
class AdminHashUpgradeIT {

    /** What PasswordHash.ADMIN_ITERATIONS was before the hardening (commit e8a5c45). */
    static final int OLD_ROUNDS = 60_000;

    static final int ROUNDS = 600_000;

    static final String PROBE = BASE + "/db-probe/admin-row";

    @Deployment(name = "panelx", order = 1, testable = false)
    static EnterpriseArchive panelx() {
        return PanelX.ear();
    }

    /** Reads and writes admin_user through PanelX's datasource: see AdminRowProbe. */
    @Deployment(name = "db-probe", order = 2, testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "db-probe.war").addClass(AdminRowProbe.class);
    }

    @Test
    void anOldHashIsUpgradedAtABasicLoginAndTheLoginStillWorks() {
        String user = unique("old-basic");
        String password = "old-install-" + user;
        oldAdmin(user, password);
        try {
            assertEquals(OLD_ROUNDS, row(user, password).getInt("iterations"));
            String oldSalt = row(user, password).getString("salt");

            assertEquals(200, basicGet(user, password).statusCode(), "the old hash lets in");

            JsonObject upgraded = row(user, password);
            assertEquals(ROUNDS, upgraded.getInt("iterations"), upgraded.toString());
            assertNotEquals(oldSalt, upgraded.getString("salt"), "a new salt");
            assertTrue(upgraded.getBoolean("matches"), "PBKDF2 of the password, 600,000 rounds");
            assertFalse(row(user, "not-" + password).getBoolean("matches"));

            // Elytron reads the row on every form login: the new hash is what lets this one in.
            assertTrue(signsIn(new AdminSession(), user, password), "login still works");
            assertFalse(
                    signsIn(new AdminSession("192.0.2.71"), user, "not-" + password),
                    "and a wrong password still does not");
            assertEquals(200, basicGet(user, password).statusCode());
        } finally {
            removeAdmin(user);
        }
    }

    @Test
    void anOldHashIsUpgradedAtAFormLogin() {
        String user = unique("old-form");
        String password = "old-install-" + user;
        oldAdmin(user, password);
        try {
            assertTrue(signsIn(new AdminSession(), user, password), "the old hash lets in");

            // The form login's 302 can reach the player before the upgrade's commit does.
            org.awaitility.Awaitility.await("the hash upgraded after the form login")
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> row(user, password).getInt("iterations") == ROUNDS);
            JsonObject upgraded = row(user, password);
            assertEquals(ROUNDS, upgraded.getInt("iterations"), upgraded.toString());
            assertTrue(upgraded.getBoolean("matches"));
            assertTrue(signsIn(new AdminSession(), user, password), "login still works");
        } finally {
            removeAdmin(user);
        }
    }

    static boolean signsIn(AdminSession session, String user, String password) {
        var r = session.formLogin(user, password);
        return r.statusCode() == 302
                && !r.headers().firstValue("Location").orElse("").contains("error")
                && session.get("/api/v1/channels").statusCode() == 200;
    }

    static HttpResponse<String> basicGet(String user, String password) {
        return PanelX.send(
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/channels"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", basic(user, password))
                        .header("Accept", "application/json")
                        .GET());
    }

    static void oldAdmin(String user, String password) {
        var r =
                PanelX.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                PROBE
                                                        + query(user, password)
                                                        + "&iterations="
                                                        + OLD_ROUNDS))
                                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
    }

    static JsonObject row(String user, String password) {
        var r =
                PanelX.send(
                        HttpRequest.newBuilder(URI.create(PROBE + query(user, password))).GET());
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    static void removeAdmin(String user) {
        PanelX.send(HttpRequest.newBuilder(URI.create(PROBE + query(user, ""))).DELETE());
    }

    static String query(String user, String password) {
        return "?username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }
}
