package io.panelx.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesARangeAndASinglePort() {
        var r = PortRange.parse(" 19350 - 19449 ");
        assertEquals(19350, r.first());
        assertEquals(19449, r.last());
        assertEquals(100, r.size());
        assertEquals("19350-19449", r.toString());
        var one = PortRange.parse("20000");
        assertEquals(1, one.size());
        assertTrue(one.contains(20000));
        assertFalse(one.contains(20001));
    }

    @Test
    void refusesWhatIsNotARange() {
        for (String bad :
                new String[] {
                    "", "abc", "19350-", "-19350", "19449-19350", "80-90", "65000-70000"
                }) {
            var e = assertThrows(IllegalArgumentException.class, () -> PortRange.parse(bad), bad);
            assertTrue(e.getMessage().contains("FIRST"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse(null));
    }

    @Test
    void lowestFreeSkipsTakenPortsAndIgnoresPortsOutsideTheRange() {
        var r = PortRange.parse("19350-19353");
        assertEquals(19350, r.lowestFree(List.of()));
        assertEquals(19351, r.lowestFree(Set.of(19350, 19000, 19999)));
        assertEquals(19350, r.lowestFree(List.of(19351, 19352)), "a released port is reused");
        assertEquals(19353, r.lowestFree(List.of(19350, 19351, 19352)));
        assertNull(r.lowestFree(List.of(19353, 19352, 19351, 19350)), "full");
    }

    @Test
    void theSettingNamesItselfWhenInvalid() {
        String before = System.getProperty("panelx.rtmp-ingest-ports");
        try {
            System.clearProperty("panelx.rtmp-ingest-ports");
            assertEquals(PortRange.parse("19350-19449"), Settings.rtmpIngestPorts());
            System.setProperty("panelx.rtmp-ingest-ports", "9-8");
            var e = assertThrows(IllegalArgumentException.class, Settings::rtmpIngestPorts);
            assertTrue(e.getMessage().startsWith("panelx.rtmp-ingest-ports"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty("panelx.rtmp-ingest-ports");
            else System.setProperty("panelx.rtmp-ingest-ports", before);
        }
    }
}
