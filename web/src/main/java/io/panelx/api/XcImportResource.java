package io.panelx.api;

import io.panelx.xcimport.XcImport;
import io.panelx.xcimport.XcImportRequest;
import io.panelx.xcimport.XcImportStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/v1/import/xc} starts an import of an Xtream UI / XC_VM database ({@code {"url",
 * "user", "password", "dryRun"}}) and answers 202 with its status; {@code GET} gives the status of
 * the running or last import, as JSON or, for {@code panelx.sh import-xc}, as text.
 */
@RequestScoped
@Path("/import/xc")
public class XcImportResource {

    @Inject XcImport imports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(XcImportRequest request) {
        return Response.accepted(imports.start(request)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public XcImportStatus status() {
        return imports.status();
    }

    /** First line: state, phase, rows read of total; once finished, the report. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String statusText() {
        XcImportStatus s = imports.status();
        var out = new StringBuilder();
        out.append(s.state());
        if (s.phase() != null) out.append(' ').append(s.phase());
        out.append(' ').append(s.read()).append('/').append(s.total()).append(" rows read");
        if (s.dryRun()) out.append(" (dry run)");
        out.append('\n');
        if (s.running() || s.report() == null) {
            return out.toString();
        }
        if (s.error() != null) out.append("error: ").append(s.error()).append('\n');
        String created = s.dryRun() ? "would create" : "created";
        s.report()
                .kinds()
                .forEach(
                        (kind, c) ->
                                out.append(
                                        String.format(
                                                "%-9s %7d read, %7d %s, %7d already imported,"
                                                        + " %7d skipped%n",
                                                kind,
                                                c.read(),
                                                c.created(),
                                                created,
                                                c.unchanged(),
                                                c.skipped())));
        Map<String, Long> reasons = new TreeMap<>(s.report().skippedByReason());
        if (!reasons.isEmpty()) {
            out.append("skipped, by reason:\n");
            reasons.forEach((r, n) -> out.append(String.format("  %7d  %s%n", n, r)));
        }
        if (!s.report().skipped().isEmpty()) {
            out.append("skipped rows (malformed or conflicting):\n");
            s.report()
                    .skipped()
                    .forEach(
                            r ->
                                    out.append("  ")
                                            .append(r.kind())
                                            .append(' ')
                                            .append(r.xcId())
                                            .append(": ")
                                            .append(r.reason())
                                            .append('\n'));
        }
        if (!s.report().warnings().isEmpty()) {
            out.append("warnings:\n");
            s.report().warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        if (s.startedAt() != null && s.finishedAt() != null) {
            out.append(
                    String.format(
                            "took %.1f s%n",
                            (s.finishedAt().toEpochMilli() - s.startedAt().toEpochMilli())
                                    / 1000.0));
        }
        return out.toString();
    }
}
