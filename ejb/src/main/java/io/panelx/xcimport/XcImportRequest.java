package io.panelx.xcimport;

/** Where the XC database is and whether to change nothing (dry run). */
public record XcImportRequest(String url, String user, String password, Boolean dryRun) {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** Never shows the password (records print every component by default). */
    @Override
    public String toString() {
        return "XcImportRequest[url=" + url + ", user=" + user + ", dryRun=" + isDryRun() + "]";
    }
}
