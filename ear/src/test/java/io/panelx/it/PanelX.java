package io.panelx.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The deployed panel as tests see it: the real EAR, its HTTP address, the admin API. */
public final class PanelX {

    public static final int PORT_OFFSET = Integer.getInteger("panelx.port.offset", 0);
    public static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-secret";

    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PanelX() {}

    /** The EAR the build produced (ear/target/panelx.ear), deployed as it is. */
    public static EnterpriseArchive ear() {
        File file = new File(System.getProperty("panelx.ear", "target/panelx.ear"));
        return ShrinkWrap.create(ZipImporter.class, "panelx.ear")
                .importFrom(file)
                .as(EnterpriseArchive.class);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", basic(ADMIN_USER, ADMIN_PASSWORD))
                .header("Accept", "application/json");
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    public static HttpResponse<String> get(String path) {
        return send(admin(path).GET());
    }

    public static HttpResponse<String> post(String path, String json) {
        return send(
                admin(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static HttpResponse<String> put(String path, String json) {
        return send(
                admin(path)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static HttpResponse<String> delete(String path) {
        return send(admin(path).DELETE());
    }

    public static JsonObject object(String json) {
        return (JsonObject) parse(json);
    }

    public static JsonArray array(String json) {
        return (JsonArray) parse(json);
    }

    private static JsonStructure parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }

    /** Creates a line through the API and returns its id. */
    public static long createLine(String json) {
        var r = post("/api/v1/lines", json);
        if (r.statusCode() != 201) {
            throw new AssertionError("line not created: " + r.statusCode() + " " + r.body());
        }
        return object(r.body()).getJsonNumber("id").longValue();
    }

    /** Creates a channel through the API and returns its id. */
    public static long createChannel(String json) {
        var r = post("/api/v1/channels", json);
        if (r.statusCode() != 201) {
            throw new AssertionError("channel not created: " + r.statusCode() + " " + r.body());
        }
        return object(r.body()).getJsonNumber("id").longValue();
    }
}
