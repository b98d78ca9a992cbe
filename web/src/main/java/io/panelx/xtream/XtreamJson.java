package io.panelx.xtream;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** JSON-P, looked up once: the provider lookup is too slow to repeat per request. */
final class XtreamJson {

    private static final JsonGeneratorFactory GENERATORS =
            JsonProvider.provider().createGeneratorFactory(Map.of());

    /** The time zone of every time PanelX hands to players as text; server_info says so. */
    static final ZoneOffset ZONE = ZoneOffset.UTC;

    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    private XtreamJson() {}

    static JsonGenerator generator(Writer out) {
        return GENERATORS.createGenerator(out);
    }

    static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }
}
