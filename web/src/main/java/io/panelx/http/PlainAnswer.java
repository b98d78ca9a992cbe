package io.panelx.http;

import io.panelx.line.Refusal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The panel's one-line plain-text answers to players and probes (refusals, malformed URLs): a
 * status, a short body, never cached. One place, so that every route says no the same way.
 */
public final class PlainAnswer {

    private PlainAnswer() {}

    public static void send(HttpServletResponse resp, int status, String message)
            throws IOException {
        resp.resetBuffer();
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** A refusal with its status and message; throttled and unavailable say when to retry. */
    public static void refusal(HttpServletResponse resp, Refusal refusal) throws IOException {
        String retry = retryAfter(refusal);
        if (retry != null) {
            resp.setHeader("Retry-After", retry);
        }
        send(resp, refusal.status(), refusal.message());
    }

    /**
     * The same refusal, for a request served below the servlet chain (io.panelx.live.StreamDoor).
     */
    public static void refusal(HttpServerExchange exchange, Refusal refusal) {
        var headers = exchange.getResponseHeaders();
        String retry = retryAfter(refusal);
        if (retry != null) {
            headers.put(Headers.RETRY_AFTER, retry);
        }
        exchange.setStatusCode(refusal.status());
        headers.put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
        headers.put(Headers.CACHE_CONTROL, "no-store");
        byte[] body = (refusal.message() + "\n").getBytes(StandardCharsets.UTF_8);
        headers.put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** Throttled and unavailable say when to retry. */
    private static String retryAfter(Refusal refusal) {
        return switch (refusal) {
            case THROTTLED -> "60";
            case UNAVAILABLE -> "5";
            default -> null;
        };
    }
}
