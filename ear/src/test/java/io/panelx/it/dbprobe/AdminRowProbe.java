package io.panelx.it.dbprobe;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.sql.DataSource;

/**
 * Test-only probe deployed beside the EAR: reads and writes admin_user rows through PanelX's own
 * datasource, the way an older install left them, and checks a stored hash with the JDK's
 * PBKDF2WithHmacSHA256 (not PanelX's code), so a test sees what is really in the database.
 *
 * <p>{@code POST /db-probe/admin-row?username=U&password=P&iterations=N} inserts an enabled admin
 * whose hash has N rounds; {@code GET ...?username=U&password=P} answers its rounds, salt and
 * whether P matches; {@code DELETE ...?username=U} removes it.
 */
@WebServlet("/admin-row")
public class AdminRowProbe extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource db;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = Integer.parseInt(req.getParameter("iterations"));
        try (Connection c = db.getConnection();
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO admin_user (username, password_hash, password_salt,"
                                        + " password_iterations, enabled, created_at)"
                                        + " VALUES (?, ?, ?, ?, TRUE, ?)")) {
            insert.setString(1, req.getParameter("username"));
            insert.setString(2, pbkdf2(req.getParameter("password"), salt, iterations));
            insert.setString(3, Base64.getEncoder().encodeToString(salt));
            insert.setInt(4, iterations);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            resp.setStatus(201);
        } catch (SQLException | GeneralSecurityException e) {
            resp.sendError(500, e.toString());
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement(
                                "SELECT password_hash, password_salt, password_iterations"
                                        + " FROM admin_user WHERE username = ?")) {
            select.setString(1, req.getParameter("username"));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    resp.sendError(404);
                    return;
                }
                String hash = rs.getString(1);
                String salt = rs.getString(2);
                int iterations = rs.getInt(3);
                boolean matches =
                        hash.equals(
                                pbkdf2(
                                        req.getParameter("password"),
                                        Base64.getDecoder().decode(salt),
                                        iterations));
                resp.setContentType("application/json");
                resp.getWriter()
                        .write(
                                Json.createObjectBuilder()
                                        .add("iterations", iterations)
                                        .add("salt", salt)
                                        .add("hash", hash)
                                        .add("matches", matches)
                                        .build()
                                        .toString());
            }
        } catch (SQLException | GeneralSecurityException e) {
            resp.sendError(500, e.toString());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Connection c = db.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM admin_user WHERE username = ?")) {
            delete.setString(1, req.getParameter("username"));
            delete.executeUpdate();
            resp.setStatus(204);
        } catch (SQLException e) {
            resp.sendError(500, e.toString());
        }
    }

    /** The SCRAM-SHA-256 salted password Elytron's scram-mapper checks: PBKDF2, 32 bytes. */
    private static String pbkdf2(String password, byte[] salt, int iterations)
            throws GeneralSecurityException {
        byte[] key =
                SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(
                                new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                        .getEncoded();
        return Base64.getEncoder().encodeToString(key);
    }
}
