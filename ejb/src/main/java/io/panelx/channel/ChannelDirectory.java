package io.panelx.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Channels by id for the stream path, cached and dropped on {@link ChannelChanged}. */
@ApplicationScoped
public class ChannelDirectory {

    private static final int MAX_CACHED = 50_000;

    @Inject Channels channels;

    private final ConcurrentHashMap<Long, Optional<ChannelInfo>> byId = new ConcurrentHashMap<>();

    /** The channel, or null when there is none with this id. */
    public ChannelInfo find(long id) {
        Optional<ChannelInfo> cached = byId.get(id);
        if (cached != null) {
            return cached.orElse(null); // no bin lock: a connect storm of one channel shares it
        }
        if (byId.size() > MAX_CACHED) {
            byId.clear();
        }
        return byId.computeIfAbsent(
                        id, k -> Optional.ofNullable(channels.find(k)).map(ChannelInfo::of))
                .orElse(null);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged event) {
        byId.remove(event.channelId());
    }
}
