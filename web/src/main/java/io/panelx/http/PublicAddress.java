package io.panelx.http;

import io.panelx.line.CidrList;
import io.undertow.server.HttpServerExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The address a player reached PanelX at, and the player's own address. Behind a reverse proxy the
 * connection comes from the proxy, so the X-Forwarded-* headers are believed, but only when the
 * connection comes from a trusted proxy; anyone else could otherwise make PanelX hand out URLs of
 * their choosing or dodge per-address rules.
 */
public record PublicAddress(String scheme, String host, int port, String clientIp) {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");

    public static PublicAddress of(HttpServletRequest request) {
        return resolve(
                request.getRemoteAddr(),
                request.getScheme(),
                request.getHeader("Host"),
                request.getLocalAddr(),
                request.getServerPort(),
                request::getHeader,
                TrustedProxies.current());
    }

    /** The same for a request served below the servlet chain (see io.panelx.live.StreamDoor). */
    public static PublicAddress of(HttpServerExchange exchange) {
        var headers = exchange.getRequestHeaders();
        return resolve(
                address(exchange.getSourceAddress()),
                exchange.getRequestScheme(),
                headers.getFirst("Host"),
                address(exchange.getDestinationAddress()),
                exchange.getHostPort(),
                headers::getFirst,
                TrustedProxies.current());
    }

    /** As the servlet request tells it (its getRemoteAddr and getLocalAddr). */
    private static String address(InetSocketAddress a) {
        if (a == null) {
            return "";
        }
        return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    }

    /** The resolution itself, free of the servlet API so that it can be tested alone. */
    static PublicAddress resolve(
            String remoteAddr,
            String requestScheme,
            String hostHeader,
            String localAddr,
            int serverPort,
            UnaryOperator<String> header,
            CidrList trusted) {
        String scheme = "https".equalsIgnoreCase(requestScheme) ? "https" : "http";
        HostPort fromHost = HostPort.parse(hostHeader);
        String host = fromHost != null ? fromHost.host : literalHost(localAddr);
        int port = fromHost != null && fromHost.port > 0 ? fromHost.port : serverPort;
        if (fromHost != null && fromHost.port < 0) {
            port = defaultPort(scheme);
        }
        String clientIp = remoteAddr;
        if (!trusted.isEmpty() && trusted.contains(remoteAddr)) {
            String proto = first(header.apply("X-Forwarded-Proto"));
            boolean protoGiven = false;
            if (proto != null
                    && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
                scheme = proto.toLowerCase(Locale.ROOT);
                protoGiven = true;
            }
            HostPort forwardedHost = HostPort.parse(first(header.apply("X-Forwarded-Host")));
            Integer forwardedPort = portNumber(first(header.apply("X-Forwarded-Port")));
            if (forwardedHost != null) {
                host = forwardedHost.host;
                port = forwardedHost.port > 0 ? forwardedHost.port : defaultPort(scheme);
            } else if (protoGiven) {
                port = defaultPort(scheme);
            }
            if (forwardedPort != null) {
                port = forwardedPort;
            }
            clientIp = forwardedClient(header.apply("X-Forwarded-For"), remoteAddr, trusted);
        }
        return new PublicAddress(scheme, host, port, clientIp);
    }

    /** {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    public String baseUrl() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** The nearest address in X-Forwarded-For that is not itself one of our proxies. */
    private static String forwardedClient(
            String forwardedFor, String remoteAddr, CidrList trusted) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty() || !hop.matches("[0-9A-Fa-f:.]{2,45}")) {
                return remoteAddr;
            }
            if (!trusted.contains(hop) || i == 0) {
                return hop;
            }
        }
        return remoteAddr;
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String v = (comma < 0 ? value : value.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }

    private static Integer portNumber(String text) {
        if (text == null || !text.matches("\\d{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : null;
    }

    private static String literalHost(String address) {
        if (address == null || address.isEmpty()) {
            return "localhost";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** A Host header split into host and port (-1 when absent); null when it is not a host. */
    private record HostPort(String host, int port) {
        static HostPort parse(String value) {
            if (value == null || value.isBlank() || value.length() > 260) {
                return null;
            }
            String v = value.trim();
            String host = v;
            int port = -1;
            int colon = v.lastIndexOf(':');
            if (colon > 0
                    && (v.startsWith("[") ? v.charAt(colon - 1) == ']' : v.indexOf(':') == colon)) {
                Integer p = portNumber(v.substring(colon + 1));
                if (p == null) {
                    return null;
                }
                host = v.substring(0, colon);
                port = p;
            }
            return HOST.matcher(host).matches()
                    ? new HostPort(host.toLowerCase(Locale.ROOT), port)
                    : null;
        }
    }
}
