package io.panelx.epg;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** XMLTV timestamps: {@code YYYYMMDDhhmmss +hhmm}, where guides omit trailing fields freely. */
public final class XmltvTime {

    private static final DateTimeFormatter OUT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss +0000").withZone(ZoneOffset.UTC);

    private XmltvTime() {}

    /** The instant, or null when the text is not an XMLTV time. A missing offset means UTC. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        int space = s.indexOf(' ');
        String digits = space < 0 ? s : s.substring(0, space);
        String zone = space < 0 ? "" : s.substring(space + 1).trim();
        if (digits.length() < 8
                || digits.length() > 14
                || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        digits = (digits + "000000").substring(0, 14);
        try {
            LocalDateTime local =
                    LocalDateTime.of(
                            Integer.parseInt(digits.substring(0, 4)),
                            Integer.parseInt(digits.substring(4, 6)),
                            Integer.parseInt(digits.substring(6, 8)),
                            Integer.parseInt(digits.substring(8, 10)),
                            Integer.parseInt(digits.substring(10, 12)),
                            Integer.parseInt(digits.substring(12, 14)));
            ZoneOffset offset = ZoneOffset.UTC;
            if (!zone.isEmpty() && !zone.equalsIgnoreCase("UTC") && !zone.equalsIgnoreCase("GMT")) {
                if (!zone.matches("[+-]\\d{4}")) {
                    return null;
                }
                offset =
                        ZoneOffset.ofHoursMinutes(
                                Integer.parseInt(zone.substring(0, 3)),
                                Integer.parseInt(zone.charAt(0) + zone.substring(3, 5)));
            }
            return local.toInstant(offset);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String format(Instant instant) {
        return OUT.format(instant);
    }
}
