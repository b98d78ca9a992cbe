package io.panelx.config;

import java.util.Collection;

/**
 * A closed range of TCP ports, such as {@code 19350-19449}, that an operator opens in a firewall.
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException(
                    "a port range is FIRST-LAST with 1024 <= FIRST <= LAST <= 65535, not "
                            + first
                            + "-"
                            + last);
        }
    }

    /** {@code FIRST-LAST} or a single port; spaces around the numbers are allowed. */
    public static PortRange parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{1,5}\\s*(-\\s*\\d{1,5})?")) {
            throw new IllegalArgumentException(
                    "a port range is FIRST-LAST (e.g. 19350-19449), not '" + text + "'");
        }
        String[] parts = t.split("-");
        int first = Integer.parseInt(parts[0].trim());
        int last = parts.length == 1 ? first : Integer.parseInt(parts[1].trim());
        return new PortRange(first, last);
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** The lowest port of the range not in {@code taken}, or null when every port is taken. */
    public Integer lowestFree(Collection<Integer> taken) {
        var used = new java.util.BitSet(size());
        for (Integer p : taken) {
            if (p != null && contains(p)) {
                used.set(p - first);
            }
        }
        int free = used.nextClearBit(0);
        return free < size() ? first + free : null;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
