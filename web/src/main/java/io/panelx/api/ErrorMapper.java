package io.panelx.api;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.http.ClientAbort;
import io.panelx.http.FaultLog;
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
    private static final FaultLog FAULTS = new FaultLog(LOG, 10);

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
                Response answer = ErrorBody.response(status, message);
                Object allow = wae.getResponse().getHeaderString("Allow");
                return allow == null
                        ? answer
                        : Response.fromResponse(answer).header("Allow", allow).build();
            }
            if (t instanceof PersistenceException
                    && String.valueOf(rootMessage(t)).toLowerCase().contains("unique")) {
                return ErrorBody.response(Response.Status.CONFLICT, "already exists");
            }
        }
        if (ClientAbort.caused(thrown)) {
            // the client hung up while its body was read: nobody is left to read an answer
            LOG.log(Level.FINE, "API client went away: {0}", thrown.getMessage());
            return ErrorBody.response(Response.Status.BAD_REQUEST, "request body incomplete");
        }
        FAULTS.severe("Unexpected error in the admin API", thrown);
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
