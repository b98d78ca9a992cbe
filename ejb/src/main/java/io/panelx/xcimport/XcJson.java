package io.panelx.xcimport;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON arrays XC stores in text columns (PHP json_encode): source URLs, bouquet ids, category
 * ids, allowed IPs and user agents. Ids come as numbers or as numeric strings.
 */
final class XcJson {

    private XcJson() {}

    static List<String> strings(String column, String text) throws Malformed {
        var out = new ArrayList<String>();
        for (JsonValue v : array(column, text)) {
            if (v instanceof JsonString s) {
                out.add(s.getString());
            } else if (v.getValueType() != JsonValue.ValueType.NULL) {
                throw new Malformed(column + " holds a " + v.getValueType() + ", not a string");
            }
        }
        return out;
    }

    static List<Long> ids(String column, String text) throws Malformed {
        var out = new ArrayList<Long>();
        for (JsonValue v : array(column, text)) {
            if (v instanceof JsonNumber n && n.isIntegral()) {
                out.add(n.longValue());
            } else if (v instanceof JsonString s && s.getString().trim().matches("\\d{1,18}")) {
                out.add(Long.parseLong(s.getString().trim()));
            } else {
                throw new Malformed(column + " holds " + v + ", not an id");
            }
        }
        return out;
    }

    /** A category_id column: a JSON array in XC_VM, a plain number in Xtream UI. */
    static List<Long> idOrIds(String column, String text) throws Malformed {
        if (text != null && text.trim().matches("\\d{1,18}")) {
            return List.of(Long.parseLong(text.trim()));
        }
        return ids(column, text);
    }

    private static JsonArray array(String column, String text) throws Malformed {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonArray a) {
                return a;
            }
            if (value != null && value.getValueType() == JsonValue.ValueType.OBJECT) {
                // PHP encodes an array with gaps in its keys as an object: take its values.
                return Json.createArrayBuilder(value.asJsonObject().values()).build();
            }
            throw new Malformed(column + " is not a JSON array");
        } catch (jakarta.json.JsonException e) {
            throw new Malformed(column + " is not valid JSON");
        }
    }
}
