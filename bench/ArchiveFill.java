import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes a long archive out of a short real one, for the seek benchmark (the server must be
 * stopped): the channel's recorded segments are hard-linked again and again, back to back, into
 * the HOURS before its oldest segment, each with its index line (io.panelx.archive's on-disk
 * format: {@code DIR/YYYYMMDDHH/START.ts} and one {@code index} per hour). Hard links: 24 hours of
 * 4 Mbit/s take no disk beyond the real segments. Prints the filled range in epoch millis.
 *
 * <p>{@code java ArchiveFill.java CHANNEL_DIR HOURS}
 */
public class ArchiveFill {
    static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    record Real(long start, long duration, String rest, Path file) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long hours = Long.parseLong(args[1]);
        List<Real> real = new ArrayList<>();
        try (Stream<Path> hourDirs = Files.list(dir)) {
            for (Path hour : hourDirs.filter(Files::isDirectory).sorted().toList()) {
                Path index = hour.resolve("index");
                if (!Files.exists(index)) continue;
                for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                    String[] f = line.trim().split(" ");
                    if (f.length != 7 || !f[0].equals("S")) continue;
                    Path file = hour.resolve(f[1] + ".ts");
                    if (!Files.exists(file)) continue;
                    // bytes, psi and marks stay; the flags say "starts at a keyframe", no gap
                    String rest = f[3] + " k " + f[5] + " " + f[6];
                    real.add(new Real(Long.parseLong(f[1]), Long.parseLong(f[2]), rest, file));
                }
            }
        }
        real.sort((a, b) -> Long.compare(a.start(), b.start()));
        if (real.isEmpty()) throw new IllegalStateException("no recorded segment in " + dir);
        long end = real.get(0).start();
        long from = end - hours * 3_600_000L;
        Map<Path, StringBuilder> lines = new HashMap<>();
        long t = from;
        int k = 0, n = 0;
        while (t + real.get(k).duration() <= end) {
            Real r = real.get(k);
            Path hour = dir.resolve(HOUR.format(Instant.ofEpochMilli(t)));
            Files.createDirectories(hour);
            Files.createLink(hour.resolve(t + ".ts"), r.file());
            lines.computeIfAbsent(hour, h -> new StringBuilder())
                    .append("S ").append(t).append(' ').append(r.duration()).append(' ')
                    .append(r.rest()).append('\n');
            t += r.duration();
            k = (k + 1) % real.size();
            n++;
        }
        for (var e : lines.entrySet()) {
            Files.writeString(
                    e.getKey().resolve("index"),
                    e.getValue(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.out.println("filled=" + n + " from=" + from + " to=" + t + " real=" + real.size());
    }
}
