package io.panelx.admin.api;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into a JSON error with a fitting status. Unexpected errors are logged here
 * and answered with a short message, never a stack trace.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidInput) {
                return ErrorBody.response(Response.Status.BAD_REQUEST, t.getMessage());
            }
            if (t instanceof NotFound) {
                return ErrorBody.response(Response.Status.NOT_FOUND, t.getMessage());
            }
            if (t instanceof Conflict) {
                return ErrorBody.response(Response.Status.CONFLICT, t.getMessage());
            }
            if (t instanceof JsonbException || t instanceof ProcessingException) {
                return ErrorBody.response(
                        Response.Status.BAD_REQUEST, "malformed JSON body: " + rootMessage(t));
            }
            if (t instanceof WebApplicationException wae) {
                int status = wae.getResponse().getStatus();
                String message =
                        status == 404
                                ? "no such resource"
                                : status == 405
                                        ? "method not allowed"
                                        : status == 415
                                                ? "send JSON (Content-Type: application/json)"
                                                : wae.getMessage();
                return ErrorBody.response(status, message);
            }
            if (t instanceof PersistenceException
                    && String.valueOf(rootMessage(t)).toLowerCase().contains("unique")) {
                return ErrorBody.response(Response.Status.CONFLICT, "already exists");
            }
        }
        LOG.log(Level.SEVERE, "Unexpected error in the admin API", thrown);
        return ErrorBody.response(
                Response.Status.INTERNAL_SERVER_ERROR, "internal error (see the server log)");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null) {
            return root.getClass().getSimpleName();
        }
        // Parser messages can quote the whole input; keep the answer short.
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
