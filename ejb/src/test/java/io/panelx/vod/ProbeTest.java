package io.panelx.vod;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ProbeTest {

    @Test
    void readsFfprobeJson() {
        Probe p =
                Probe.parse(
                        """
                        {"programs":[],"streams":[
                          {"codec_name":"h264","codec_type":"video","width":640,"height":360},
                          {"codec_name":"aac","codec_type":"audio"}],
                         "format":{"duration":"5.021000","bit_rate":"412345"}}
                        """);
        assertEquals(new Probe(5, "h264", "aac", 640, 360, 412345L), p);
    }

    @Test
    void noStreamsIsNoProbe() {
        assertNull(Probe.parse("{\"format\":{}}"));
        assertNull(Probe.parse("not json"));
    }
}
