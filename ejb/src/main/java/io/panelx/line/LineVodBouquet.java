package io.panelx.line;

import java.util.Set;

/**
 * A line's VOD bouquet as the admin API shows and takes it: {@code allVod} true means every movie
 * and series; otherwise only the listed movie and series ids (a series brings all its episodes).
 */
public record LineVodBouquet(Boolean allVod, Set<Long> movies, Set<Long> series) {}
