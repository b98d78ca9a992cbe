package io.panelx.http;

import io.panelx.line.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
        if (refusal == Refusal.THROTTLED) {
            resp.setHeader("Retry-After", "60");
        }
        if (refusal == Refusal.UNAVAILABLE) {
            resp.setHeader("Retry-After", "5");
        }
        send(resp, refusal.status(), refusal.message());
    }
}
