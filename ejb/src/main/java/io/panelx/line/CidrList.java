package io.panelx.line;

import io.panelx.admin.InvalidInput;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A parsed list of CIDR blocks, such as a line's allowed IPs. Parsing never does DNS. */
public final class CidrList {

    private record Block(byte[] network, int prefix) {}

    private final List<Block> blocks;

    private CidrList(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses "10.0.0.0/8, 192.168.1.7, ::1/128"; throws InvalidInput naming the bad entry. */
    public static CidrList parse(String text) {
        var blocks = new ArrayList<Block>();
        if (text != null) {
            for (String raw : text.split("[,\\s]+")) {
                if (raw.isBlank()) {
                    continue;
                }
                String[] parts = raw.split("/", 2);
                byte[] address = literal(parts[0]);
                if (address == null) {
                    throw new InvalidInput("not an IP address or CIDR block: " + raw);
                }
                int prefix = address.length * 8;
                if (parts.length == 2) {
                    try {
                        prefix = Integer.parseInt(parts[1]);
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > address.length * 8) {
                        throw new InvalidInput("bad prefix length in CIDR block: " + raw);
                    }
                }
                blocks.add(new Block(address, prefix));
            }
        }
        return new CidrList(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(String ip) {
        byte[] address = literal(ip);
        if (address == null) {
            return false;
        }
        for (Block b : blocks) {
            if (b.network.length == address.length && samePrefix(b.network, address, b.prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        int bits = a.length * 8;
        BigInteger mask =
                prefix == 0
                        ? BigInteger.ZERO
                        : BigInteger.ONE
                                .shiftLeft(prefix)
                                .subtract(BigInteger.ONE)
                                .shiftLeft(bits - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    /** The bytes of an IP literal, or null; names are refused so that no DNS lookup happens. */
    private static byte[] literal(String s) {
        if (s == null || s.isBlank() || !s.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        if (s.contains(".") && !s.contains(":")) {
            String[] octets = s.split("\\.", -1);
            if (octets.length != 4) {
                return null;
            }
            for (String o : octets) {
                if (o.isEmpty() || o.length() > 3 || Integer.parseInt(o) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
