package io.panelx.delivery;

import io.panelx.line.Refusal;

/** A refusal decided by the delivery core (max connections, unavailable channel). */
public final class Refused extends Exception {

    public final Refusal reason;

    public Refused(Refusal reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }
}
