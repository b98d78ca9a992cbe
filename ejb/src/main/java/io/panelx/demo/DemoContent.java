package io.panelx.demo;

import io.panelx.archive.ArchiveSettings;
import io.panelx.channel.ChannelForm;
import io.panelx.channel.Channels;
import io.panelx.channel.DeliveryMode;
import io.panelx.channel.FfmpegProfile;
import io.panelx.config.Settings;
import io.panelx.line.LineForm;
import io.panelx.line.Lines;
import io.panelx.schema.FirstStart;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * A first run shows a stream at once: an empty database gets the line demo/demo and a channel
 * playing FFmpeg's test pattern (no network needed). Turned off with panelx.demo=false.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class.getName());

    @PersistenceContext EntityManager em;
    @Inject Lines lines;
    @Inject Channels channels;

    @PostConstruct
    void seed() {
        if (!Settings.demoEnabled()) {
            return;
        }
        FirstStart.lock(em);
        long existing =
                em.createQuery("select count(l) from Line l", Long.class).getSingleResult()
                        + em.createQuery("select count(c) from Channel c", Long.class)
                                .getSingleResult();
        if (existing > 0) {
            return;
        }
        var category = channels.createCategory("Demo", 0);
        var channel =
                channels.create(
                        new ChannelForm(
                                "PanelX Test Pattern",
                                category.getId(),
                                null,
                                "panelx.demo",
                                List.of("lavfi:testsrc2"),
                                DeliveryMode.FFMPEG,
                                FfmpegProfile.COPY,
                                true,
                                true,
                                0,
                                ArchiveSettings.demoArchiveHours()));
        lines.create(
                new LineForm(
                        "demo", "demo", true, false, null, true, 2, null, null, true, null, null));
        LOG.info(
                () ->
                        "Demo content created: line demo/demo, channel "
                                + channel.getId()
                                + " at /live/demo/demo/"
                                + channel.getId()
                                + ".ts (disable with PANELX_DEMO=false)");
    }
}
