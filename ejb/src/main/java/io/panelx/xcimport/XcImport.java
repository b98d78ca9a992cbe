package io.panelx.xcimport;

import io.panelx.admin.Conflict;
import io.panelx.admin.InvalidInput;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Starts XC imports, one at a time, each on a thread of its own (an import of 50,000 lines runs for
 * a minute or more: the HTTP request that starts it returns at once and the admin polls the
 * status). Keeps the last import's status and report until the next one starts.
 */
@ApplicationScoped
public class XcImport {

    @Inject XcWriter writer;

    @Resource ManagedThreadFactory threads;

    private XcImportJob current;

    public synchronized XcImportStatus start(XcImportRequest request) {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new InvalidInput("url is required: jdbc:mariadb://HOST:PORT/DATABASE");
        }
        XcDatabase.checkUrl(request.url().trim());
        if (request.user() == null || request.user().isBlank()) {
            throw new InvalidInput("user is required");
        }
        if (current != null && current.running()) {
            throw new Conflict("an XC import is running: wait for it (GET /api/v1/import/xc)");
        }
        current = new XcImportJob(request, writer);
        Thread thread = threads.newThread(current);
        thread.setName("panelx-xc-import");
        thread.start();
        return current.status();
    }

    public synchronized XcImportStatus status() {
        return current == null ? XcImportStatus.idle() : current.status();
    }
}
