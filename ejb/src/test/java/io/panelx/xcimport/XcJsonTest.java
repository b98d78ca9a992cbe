package io.panelx.xcimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class XcJsonTest {

    @Test
    void readsWhatPhpJsonEncodeWrites() throws Malformed {
        assertEquals(
                List.of("http://a/1.ts", "http://b/2.ts"),
                XcJson.strings(
                        "stream_source", "[\"http:\\/\\/a\\/1.ts\",\"http:\\/\\/b\\/2.ts\"]"));
        assertEquals(List.of(1L, 2L, 3L), XcJson.ids("bouquet", "[1,\"2\", 3]"));
        // An array with gaps in its keys is encoded as an object.
        assertEquals(List.of(4L, 9L), XcJson.ids("bouquet", "{\"0\":4,\"2\":9}"));
        assertEquals(List.of(), XcJson.ids("bouquet", null));
        assertEquals(List.of(7L), XcJson.idOrIds("category_id", "7"));
        assertEquals(List.of(7L, 8L), XcJson.idOrIds("category_id", "[7,8]"));
    }

    @Test
    void namesWhatIsNotAnArrayOfIds() {
        assertEquals(
                "bouquet is not valid JSON",
                assertThrows(Malformed.class, () -> XcJson.ids("bouquet", "garbage")).getMessage());
        assertEquals(
                "stream_source is not a JSON array",
                assertThrows(Malformed.class, () -> XcJson.strings("stream_source", "\"x\""))
                        .getMessage());
        assertThrows(Malformed.class, () -> XcJson.ids("bouquet", "[1.5]"));
        assertThrows(Malformed.class, () -> XcJson.ids("bouquet", "[\"abc\"]"));
    }
}
