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
}
