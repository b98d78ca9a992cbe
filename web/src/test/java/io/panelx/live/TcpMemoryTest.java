package io.panelx.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TcpMemoryTest {

    @Test
    void readsThePagesInUseOfTheTcpLine() {
        String sockstat =
                "sockets: used 10312\n"
                        + "TCP: inuse 10010 orphan 0 tw 3 alloc 10012 mem 401014\n"
                        + "UDP: inuse 2 mem 8\n";
        assertEquals(401014, TcpMemory.pagesInUse(sockstat));
        assertEquals(0, TcpMemory.pagesInUse("UDP: inuse 2 mem 8\n"), "no TCP line: none");
    }

    @Test
    void theLowMarkIsTheFirstOfTheThreeValues() {
        assertEquals(287907, TcpMemory.lowMark("287907\t383879\t575814\n"));
    }
}
