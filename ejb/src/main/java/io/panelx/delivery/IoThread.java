package io.panelx.delivery;

import java.util.concurrent.Executor;

/**
 * The I/O thread a player's connection is served on, as the core sees it: every write and callback
 * of the connection runs there. A Feed wakes the viewers of one I/O thread together (a lane), at
 * most once per batch interval, through {@link #executeAfter}.
 */
public interface IoThread extends Executor {

    /** Runs the task on this thread once the delay has passed. */
    void executeAfter(Runnable task, long delayMillis);

    /** True when called on this thread itself (its confined scratch buffers may be used). */
    boolean isCurrent();
}
