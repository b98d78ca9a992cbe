package io.panelx.vod;

/** A VOD category to create or rename: {@code kind} MOVIE or SERIES (fixed once created). */
public record VodCategoryForm(VodKind kind, String name, Integer sortOrder) {}
