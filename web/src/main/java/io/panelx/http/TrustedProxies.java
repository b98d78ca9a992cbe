package io.panelx.http;

import io.panelx.config.Settings;
import io.panelx.line.CidrList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The parsed {@code panelx.trusted-proxies}, parsed again only when the setting changes. */
final class TrustedProxies {

    private static final Logger LOG = Logger.getLogger(TrustedProxies.class.getName());

    private record Parsed(String text, CidrList list) {}

    private static volatile Parsed parsed = new Parsed("", CidrList.parse(""));

    private TrustedProxies() {}

    static CidrList current() {
        String text = Settings.trustedProxies();
        Parsed p = parsed;
        if (!p.text.equals(text)) {
            CidrList list;
            try {
                list = CidrList.parse(text);
            } catch (RuntimeException e) {
                // A typo must not make every proxy trusted, nor break the API: trust none.
                LOG.log(Level.WARNING, "panelx.trusted-proxies ignored: {0}", e.getMessage());
                list = CidrList.parse("");
            }
            p = new Parsed(text, list);
            parsed = p;
        }
        return p.list;
    }
}
