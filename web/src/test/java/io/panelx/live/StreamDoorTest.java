package io.panelx.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which requests the short way in takes; everything else must reach the servlet chain. */
class StreamDoorTest {

    @Test
    void takesPlainGetsOfTsStreams() {
        assertEquals(
                "/demo/demo/1.ts", StreamDoor.streamPath("GET", "/live/demo/demo/1.ts", "", true));
        assertEquals(
                "/u.s-er_1/p~w!d/42", StreamDoor.streamPath("GET", "/u.s-er_1/p~w!d/42", "", true));
        assertEquals("/demo/demo/7.ts", StreamDoor.streamPath("GET", "/demo/demo/7.ts", "", true));
    }

    @Test
    void leavesEverythingElseToTheServletChain() {
        // methods: HEAD answers headers only, "get" is refused by RequestShape with 405
        assertNull(StreamDoor.streamPath("HEAD", "/live/demo/demo/1.ts", "", true));
        assertNull(StreamDoor.streamPath("get", "/live/demo/demo/1.ts", "", true));
        assertNull(StreamDoor.streamPath("POST", "/live/demo/demo/1.ts", "", true));
        // HTTP/2, AJP, a request body
        assertNull(StreamDoor.streamPath("GET", "/live/demo/demo/1.ts", "", false));
        // a query, escapes, brackets, HLS, other formats and shapes
        assertNull(StreamDoor.streamPath("GET", "/live/demo/demo/1.ts", "x=1", true));
        assertNull(StreamDoor.streamPath("GET", "/live/de%6Do/demo/1.ts", "", true));
        assertNull(StreamDoor.streamPath("GET", "/live/[demo]/demo/1.ts", "", true));
        assertNull(StreamDoor.streamPath("GET", "/live/demo/demo/1.m3u8", "", true));
        assertNull(StreamDoor.streamPath("GET", "/live/demo/demo/1", "", true));
        assertNull(StreamDoor.streamPath("GET", "/live/demo/demo/1.mkv", "", true));
        assertNull(StreamDoor.streamPath("GET", "/live/demo/1.ts", "", true));
        assertNull(
                StreamDoor.streamPath("GET", "/live/demo/demo/1234567890123456789.ts", "", true));
        assertNull(StreamDoor.streamPath("GET", "http://host/live/demo/demo/1.ts", "", true));
        // the panel's own routes are never a bare stream
        assertNull(StreamDoor.streamPath("GET", "/hls/abc/12.ts", "", true));
        assertNull(StreamDoor.streamPath("GET", "/api/v1/3", "", true));
        assertNull(StreamDoor.streamPath("GET", "/movie/demo/5", "", true));
    }
}
