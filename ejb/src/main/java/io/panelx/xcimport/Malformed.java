package io.panelx.xcimport;

/** An XC row the import cannot take as it is; the message says why (never a password). */
final class Malformed extends Exception {
    Malformed(String reason) {
        super(reason, null, false, false);
    }
}
