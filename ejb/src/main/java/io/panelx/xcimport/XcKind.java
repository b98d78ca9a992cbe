package io.panelx.xcimport;

/** The kinds of XC rows the import reads, as named in xc_import_map and in the report. */
public enum XcKind {
    CATEGORY("category"),
    STREAM("stream"),
    BOUQUET("bouquet"),
    LINE("line");

    final String key;

    XcKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
