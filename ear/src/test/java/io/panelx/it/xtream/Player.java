package io.panelx.it.xtream;

import static io.panelx.it.PanelX.*;

import io.panelx.it.PanelX;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A player's view of the panel: unauthenticated HTTP with credentials in the query. */
final class Player {

    private Player() {}

    static HttpResponse<String> fetch(String pathAndQuery) {
        return anonymous(HttpRequest.newBuilder(URI.create(BASE + pathAndQuery)).GET());
    }

    static HttpResponse<String> anonymous(HttpRequest.Builder request) {
        return PanelX.send(
                request.timeout(Duration.ofSeconds(20)).header("User-Agent", "PanelX-IT"));
    }

    static HttpResponse<String> api(String user, String password, String extra) {
        return fetch("/player_api.php?username=" + q(user) + "&password=" + q(password) + extra);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Creates a category and returns its id. */
    static long createCategory(String name) {
        var r = post("/api/v1/categories", "{\"name\":\"" + name + "\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("category not created: " + r.body());
        }
        return object(r.body()).getJsonNumber("id").longValue();
    }

    /** Creates a direct channel (no upstream is contacted by these tests). */
    static long channel(String name, Long categoryId, String epgId, String logo) {
        return createChannel(
                "{\"name\":\""
                        + name.replace("\"", "\\\"")
                        + "\""
                        + (categoryId == null ? "" : ",\"categoryId\":" + categoryId)
                        + (epgId == null ? "" : ",\"epgId\":\"" + epgId + "\"")
                        + (logo == null ? "" : ",\"logo\":\"" + logo + "\"")
                        + ",\"deliveryMode\":\"DIRECT\",\"sources\":[\"http://127.0.0.1:9/"
                        + name.replaceAll("[^A-Za-z0-9]", "_")
                        + ".ts\"]}");
    }

    /** Creates an active line with the given bouquet (empty: every channel). */
    static long line(String user, String password, String extraJson, long... bouquet) {
        var ids = new StringBuilder();
        for (long id : bouquet) {
            ids.append(ids.length() == 0 ? "" : ",").append(id);
        }
        return createLine(
                "{\"username\":\""
                        + user
                        + "\",\"password\":\""
                        + password
                        + "\",\"maxConnections\":2,\"bouquet\":["
                        + ids
                        + "]"
                        + (extraJson == null ? "" : "," + extraJson)
                        + "}");
    }
}
