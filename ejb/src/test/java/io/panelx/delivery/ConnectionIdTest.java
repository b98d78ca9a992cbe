package io.panelx.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConnectionIdTest {

    @Test
    void aConnectionIdIsATimeOrderedUuidWithItsMillisecondFirst() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(ViewerAdmission.newConnectionId());
        long after = System.currentTimeMillis();

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "time " + millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsTextAndNoneRepeats() throws Exception {
        var seen = new HashSet<String>();
        String last = ViewerAdmission.newConnectionId();
        seen.add(last);
        for (int i = 0; i < 20; i++) {
            long ms = System.currentTimeMillis();
            while (System.currentTimeMillis() == ms) {
                Thread.onSpinWait(); // the next millisecond
            }
            String next = ViewerAdmission.newConnectionId();
            assertTrue(next.compareTo(last) > 0, next + " after " + last);
            last = next;
            seen.add(next);
        }
        for (int i = 0; i < 10_000; i++) {
            seen.add(ViewerAdmission.newConnectionId());
        }
        assertEquals(10_021, seen.size(), "74 random bits: no two ids alike");
    }
}
