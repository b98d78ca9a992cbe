package io.panelx.epg;

import io.panelx.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports the configured EPG sources ({@code panelx.epg.sources}) shortly after start and then
 * every {@code panelx.epg.refresh-minutes}. The timer is not persistent: the schedule comes from
 * the settings at each start. A failing source is logged and does not stop the others.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EpgSchedule {

    private static final Logger LOG = Logger.getLogger(EpgSchedule.class.getName());
    private static final long FIRST_RUN_DELAY_MILLIS = 15_000;

    @Resource TimerService timers;
    @EJB EpgImport epgImport;

    @PostConstruct
    void schedule() {
        List<String> sources = Settings.epgSources();
        if (sources.isEmpty()) {
            LOG.info("No EPG sources configured (panelx.epg.sources); EPG import on request only");
            return;
        }
        long every = Settings.epgRefresh().toMillis();
        timers.createIntervalTimer(
                FIRST_RUN_DELAY_MILLIS, every, new TimerConfig("epg-refresh", false));
        LOG.log(
                Level.INFO,
                "EPG import of {0} source(s) every {1} minutes",
                new Object[] {sources.size(), Settings.epgRefresh().toMinutes()});
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refresh() {
        for (String source : Settings.epgSources()) {
            try {
                epgImport.importSource(source);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "EPG source {0} failed: {1}",
                        new Object[] {EpgSourceFailed.redacted(source), e.getMessage()});
            }
        }
    }
}
