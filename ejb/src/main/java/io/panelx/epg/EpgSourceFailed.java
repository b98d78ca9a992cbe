package io.panelx.epg;

/** An EPG source could not be read or parsed; nothing of it was stored. */
@jakarta.ejb.ApplicationException
public class EpgSourceFailed extends RuntimeException {

    public EpgSourceFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public EpgSourceFailed(String message) {
        super(message);
    }

    /**
     * A source for a message or the log: the query string of a URL often carries a panel's
     * credentials. Here rather than in the EpgImport bean, which should have no static methods.
     */
    public static String redacted(String source) {
        int q = source.indexOf('?');
        return q < 0 ? source : source.substring(0, q) + "?...";
    }
}
