package io.panelx.viewer;

/** A viewer was admitted and its first byte is about to be sent. Fired by ViewerSession only. */
public record ViewerConnected(Viewer viewer) {}
