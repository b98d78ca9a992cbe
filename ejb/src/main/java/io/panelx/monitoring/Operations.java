package io.panelx.monitoring;

import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import jakarta.ejb.EJBException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a JMX operation against the delivery core. A remote JMX client has none of PanelX's classes,
 * so an exception must reach it as a plain JDK exception carrying only the message, never as a
 * PanelX or EJB exception it cannot deserialize.
 */
final class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    private Operations() {}

    static void run(Runnable operation) {
        call(
                () -> {
                    operation.run();
                    return null;
                });
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NotFound
                    || cause instanceof InvalidInput
                    || cause instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(cause.getMessage());
            }
            if (!(cause instanceof IllegalStateException)) {
                LOG.log(Level.WARNING, "JMX operation failed", e);
            }
            throw new IllegalStateException(
                    cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
    }
}
