package io.panelx.admin;

import jakarta.ejb.ApplicationException;

/** The addressed entity does not exist; answered with 404. */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
