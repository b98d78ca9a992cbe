package io.panelx.ondemand;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void rangesOfAThousandBytes() {
        assertEquals(new ByteRange(0, 999, false), ByteRange.of(null, 1000));
        assertEquals(new ByteRange(0, 99, true), ByteRange.of("bytes=0-99", 1000));
        assertEquals(new ByteRange(500, 999, true), ByteRange.of("bytes=500-", 1000));
        assertEquals(new ByteRange(900, 999, true), ByteRange.of("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999, true), ByteRange.of("bytes=-5000", 1000));
        assertEquals(new ByteRange(990, 999, true), ByteRange.of("bytes=990-5000", 1000));
        assertEquals("bytes 0-99/1000", ByteRange.of("bytes=0-99", 1000).contentRange(1000));
    }

    @Test
    void unsatisfiableAndMalformed() {
        for (String bad :
                new String[] {
                    "bytes=1000-",
                    "bytes=5000-6000",
                    "bytes=20-10",
                    "bytes=abc",
                    "bytes=-0",
                    "bytes=-",
                    "bytes=1-2-3",
                    "bytes=99999999999999999999-"
                }) {
            assertSame(ByteRange.UNSATISFIABLE, ByteRange.of(bad, 1000), bad);
        }
        assertEquals("bytes */1000", ByteRange.UNSATISFIABLE.contentRange(1000));
    }

    @Test
    void otherUnitsAndMultipleRangesGetTheWholeFile() {
        assertFalse(ByteRange.of("items=0-5", 1000).partial());
        assertFalse(ByteRange.of("bytes=0-5,10-20", 1000).partial());
    }
}
