package io.panelx.bouquet;

import java.util.Set;

/**
 * What an admin sends to create or change a named bouquet. Null fields are left unchanged on
 * update; a list given replaces the bouquet's list.
 */
public record BouquetForm(
        String name, Integer sortOrder, Set<Long> channels, Set<Long> movies, Set<Long> series) {}
