package io.panelx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HTTP over a plain socket, for what the JDK's HttpClient refuses to send: raw bytes in headers,
 * unknown methods, odd Transfer-Encodings, half-sent bodies. Also the checks every hostile-input
 * test makes on an answer and on the server's log.
 */
public final class RawHttp {

    /** What came back: the status (0 when no status line came), the head and up to 64 KB body. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** A stack trace, an exception's name or a server product or version in an answer. */
    private static final Pattern LEAK =
            Pattern.compile(
                    "\tat |\\.java:\\d|Exception:|(?i:wildfly|undertow|weld|resteasy|jboss|"
                            + "hibernate|elytron)|\\d+\\.\\d+\\.\\d+\\.Final");

    private static final int MAX_BODY = 64 * 1024;

    private RawHttp() {}

    /** Sends the bytes as they are and reads the answer until close, 64 KB or the timeout. */
    public static Answer send(byte[] request, int timeoutMillis) {
        return send(8080 + PanelX.PORT_OFFSET, request, timeoutMillis);
    }

    /** The same to another server on this machine (a cluster's balancer or node). */
    public static Answer send(int port, byte[] request, int timeoutMillis) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), System.currentTimeMillis() + timeoutMillis);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /** {@code METHOD target HTTP/1.1}, Host, the given header lines, Connection: close, body. */
    public static byte[] request(String method, String target, List<String> headers, byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(
                (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (String h : headers) {
            out.writeBytes((h + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(
                    ("Content-Length: " + body.length + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    public static Answer send(String method, String target, String... headers) {
        return send(request(method, target, List.of(headers), null), 10_000);
    }

    private static Answer read(InputStream in, long deadline) throws IOException {
        var buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        try {
            while (System.currentTimeMillis() < deadline) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                buffer.write(chunk, 0, n);
                if (headEnd < 0) {
                    headEnd = buffer.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                }
                if (headEnd >= 0 && buffer.size() - headEnd > MAX_BODY) {
                    break; // a stream: its first bytes are enough
                }
            }
        } catch (SocketTimeoutException e) {
            // what came so far is the answer
        } catch (IOException e) {
            // reset by the server after its answer: keep what came
        }
        String text = buffer.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(0, text, "");
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
        return new Answer(status, head, body);
    }

    /** What the answer gives away that it must not: null when nothing. */
    public static String leak(Answer a) {
        var m = LEAK.matcher(a.head() + "\r\n\r\n" + a.body());
        if (m.find()) {
            return "'" + m.group() + "'";
        }
        for (String banner : List.of("server", "x-powered-by")) {
            if (a.header(banner) != null) {
                return banner + ": " + a.header(banner);
            }
        }
        return null;
    }

    /** The test server's log (jboss.home/standalone/log/NAME). */
    public static Path log(String name) {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", name);
    }

    /** The log's size now, to read only what a test adds. */
    public static long mark(String name) {
        try {
            return Files.exists(log(name)) ? Files.size(log(name)) : 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What the log gained since {@code mark}. */
    public static String since(String name, long mark) {
        try {
            byte[] all = Files.readAllBytes(log(name));
            return mark >= all.length
                    ? ""
                    : new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** ERROR and SEVERE lines of a log excerpt. */
    public static List<String> errors(String log) {
        return log.lines()
                .filter(
                        l -> {
                            String u = l.toUpperCase(Locale.ROOT);
                            return u.contains(" ERROR [") || u.contains(" SEVERE [");
                        })
                .toList();
    }
}
