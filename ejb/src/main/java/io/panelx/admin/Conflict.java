package io.panelx.admin;

import jakarta.ejb.ApplicationException;

/** The change would break a uniqueness rule (e.g. a taken username); answered with 409. */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
