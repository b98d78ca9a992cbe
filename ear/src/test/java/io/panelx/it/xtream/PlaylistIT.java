package io.panelx.it.xtream;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.xtream.Player.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /get.php: M3U content, attributes, stream URLs per output, bouquet, and clear 4xx answers. */
@ExtendWith(ArquillianExtension.class)
class PlaylistIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void m3uPlusCarriesAttributesAndStreamUrls() {
        String group = unique("Movies");
        long category = createCategory(group);
        long one = channel("Film \"One\"", category, "film1.tv", "http://logos/f1.png");
        long two = channel("Film Two", null, null, null);
        long other = channel("Not Mine", category, null, null);
        String user = unique("m3u");
        long lineId = line(user, "p w&d", null, one, two);
        // Other tests add movies and series: this line's VOD bouquet holds none of them.
        assertEquals(200, put("/api/v1/vod/bouquets/" + lineId, "{\"allVod\":false}").statusCode());

        var r =
                Player.fetch(
                        "/get.php?username="
                                + user
                                + "&password="
                                + q("p w&d")
                                + "&type=m3u_plus&output=ts");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("audio/x-mpegurl"));
        String body = r.body();
        assertFalse(body.startsWith("\uFEFF"), "no BOM");
        List<String> lines = Arrays.asList(body.split("\n"));
        assertTrue(
                lines.get(0)
                        .startsWith(
                                "#EXTM3U url-tvg=\""
                                        + BASE
                                        + "/xmltv.php?username="
                                        + user
                                        + "&password=p+w%26d\""),
                lines.get(0));
        assertEquals(5, lines.size(), body);
        assertEquals(
                "#EXTINF:-1 tvg-id=\"film1.tv\" tvg-name=\"Film 'One'\" tvg-logo=\"http://logos/f1.png\" group-title=\""
                        + group
                        + "\",Film \"One\"",
                lines.get(1));
        assertEquals(BASE + "/live/" + user + "/p%20w%26d/" + one + ".ts", lines.get(2));
        assertEquals(
                "#EXTINF:-1 tvg-id=\"\" tvg-name=\"Film Two\" tvg-logo=\"\" group-title=\"Uncategorized\",Film Two",
                lines.get(3));
        assertEquals(BASE + "/live/" + user + "/p%20w%26d/" + two + ".ts", lines.get(4));
        assertFalse(body.contains("/" + other + "."), "not in the bouquet");

        for (String output : List.of("m3u8", "hls")) {
            var hls =
                    Player.fetch(
                            "/get.php?username="
                                    + user
                                    + "&password="
                                    + q("p w&d")
                                    + "&type=m3u_plus&output="
                                    + output);
            assertTrue(hls.body().contains("/" + one + ".m3u8\n"), hls.body());
        }
        var plain =
                Player.fetch(
                        "/get.php?username="
                                + user
                                + "&password="
                                + q("p w&d")
                                + "&type=m3u&output=ts");
        assertTrue(plain.body().contains("\n#EXTINF:-1,Film Two\n"), plain.body());
        assertFalse(plain.body().contains("tvg-id"));
        var defaults = Player.fetch("/get.php?username=" + user + "&password=" + q("p w&d"));
        assertEquals(200, defaults.statusCode());
        assertTrue(defaults.body().contains(".ts\n"));
    }

    @Test
    void malformedOrRefusedRequestsGetClear4xx() {
        String user = unique("m3u-bad");
        line(user, "pw", null);
        assertPlain(
                Player.fetch("/get.php?username=" + user + "&password=pw&type=xspf"), 400, "type");
        assertPlain(
                Player.fetch("/get.php?username=" + user + "&password=pw&type=m3u&output=rtmp"),
                400,
                "output");
        assertPlain(Player.fetch("/get.php?type=m3u"), 400, "username");
        assertPlain(Player.fetch("/get.php?username=" + user), 400, "password");
        assertPlain(Player.fetch("/get.php?username=" + user + "&password=nope"), 401, "wrong");
        assertPlain(Player.fetch("/xmltv.php?username=" + user + "&password=nope"), 401, "wrong");
        assertPlain(Player.fetch("/xmltv.php"), 400, "username");
        assertEquals(200, Player.fetch("/get.php?username=" + user + "&password=pw").statusCode());
    }

    private static void assertPlain(
            java.net.http.HttpResponse<String> r, int status, String mentions) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(mentions), r.body());
        assertFalse(r.body().contains("Exception"));
    }
}
