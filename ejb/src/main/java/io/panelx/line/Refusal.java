package io.panelx.line;

/** Why a request was not admitted, with the HTTP status a player gets. */
public enum Refusal {
    BAD_CREDENTIALS(401, "wrong username or password"),
    THROTTLED(429, "too many failed logins from this address, try again later"),
    BANNED(403, "line banned"),
    DISABLED(403, "line disabled"),
    EXPIRED(403, "line expired"),
    IP_NOT_ALLOWED(403, "this address may not use this line"),
    USER_AGENT_NOT_ALLOWED(403, "this player may not use this line"),
    NOT_IN_BOUQUET(403, "channel not in this line's bouquet"),
    UNKNOWN_CHANNEL(404, "no such channel"),
    MALFORMED_REQUEST(400, "malformed stream URL"),
    MAX_CONNECTIONS(403, "maximum connections reached for this line"),
    UNAVAILABLE(503, "channel unavailable, try again shortly");

    private final int status;
    private final String message;

    Refusal(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
