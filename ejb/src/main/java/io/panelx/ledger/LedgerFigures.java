package io.panelx.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the ledger reports to the live figures: statements executed, changes waiting, whether the
 * database answers. A plain bean the snapshot reads, so that it never calls into the ledger.
 */
@ApplicationScoped
public class LedgerFigures {

    private final LongAdder statements = new LongAdder();
    private volatile int pending;
    private volatile boolean databaseUp = true;

    void executed(int n) {
        statements.add(n);
    }

    void pending(int n) {
        pending = n;
    }

    void databaseUp(boolean up) {
        databaseUp = up;
    }

    /** SQL statements the ledger has executed (Prometheus panelx_ledger_statements_total). */
    public long statements() {
        return statements.sum();
    }

    /** Connection record changes not yet in the database. */
    public int pending() {
        return pending;
    }

    public boolean databaseUp() {
        return databaseUp;
    }
}
