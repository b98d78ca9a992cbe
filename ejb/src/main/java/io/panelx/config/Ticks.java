package io.panelx.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduler of the panel's periodic work: the ledger's writer, the delivery tick, the
 * dashboard's snapshots, the cluster's watches, the archive's pruning.
 *
 * <p>Two threads of the server's managed thread factory (so tasks run with the application's
 * context) under a plain {@link ScheduledThreadPoolExecutor}, not a managed scheduled executor:
 * WildFly refuses every run of a managed scheduled task while the server is suspended, which it is
 * in the half second between a stop's suspend and the undeploy, and logs an ERROR for each refused
 * run (WFLY-5863, closed unfixed). These tasks must go on until their owners cancel them in
 * {@code @PreDestroy}: the ledger writes its last records then. Singletons that schedule here name
 * {@code Ticks} in their {@code @DependsOn}, so it outlives them.
 *
 * <p>Its methods only hand a task to the executor, so they run without a transaction: with the
 * default (REQUIRED), each call from a thread without one (the ledger's wake-up, from a request
 * thread in a connect storm) began and committed an empty JTA transaction. The tasks themselves run
 * on the executor's threads, outside any call of this bean.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Ticks {

    private static final Logger LOG = Logger.getLogger(Ticks.class.getName());

    @Resource ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(2, threads);
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartAllCoreThreads(); // created now, with the application's context
    }

    @PreDestroy
    void stop() {
        executor.shutdown(); // periodic tasks still scheduled are dropped; none is interrupted
    }

    /** Runs a task every {@code period} at a fixed rate (a late run does not shift the next). */
    public ScheduledFuture<?> scheduleAtFixedRate(
            Runnable task, long initialDelay, long period, TimeUnit unit) {
        return executor.scheduleAtFixedRate(guarded(task), initialDelay, period, unit);
    }

    /** Runs a task again {@code delay} after each run ends. */
    public ScheduledFuture<?> scheduleWithFixedDelay(
            Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return executor.scheduleWithFixedDelay(guarded(task), initialDelay, delay, unit);
    }

    /** Runs a task once, as soon as a thread is free (a periodic task's run asked for early). */
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    /**
     * A periodic task that throws is never run again by the executor; one failed run must not stop
     * the ledger or the dashboard for good, so the failure is logged and the task goes on.
     */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A periodic task failed; it runs again at its next tick", e);
            }
        };
    }
}
