package io.panelx.viewer;

import java.util.function.Consumer;

/**
 * Every open viewer connection of this server, whatever delivers it. Implemented by the delivery
 * core; read by the live figures and the ledger's checkpoints.
 */
public interface OpenConnections {

    void forEach(Consumer<LiveConnection> action);
}
