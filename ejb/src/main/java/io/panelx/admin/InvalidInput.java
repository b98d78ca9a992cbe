package io.panelx.admin;

import jakarta.ejb.ApplicationException;

/** Input an admin must correct; answered with 400 and the message. */
@ApplicationException(rollback = true)
public class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message);
    }
}
