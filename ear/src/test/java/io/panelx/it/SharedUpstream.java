package io.panelx.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestUpstream} for all tests of a class: {@code @RegisterExtension static final
 * SharedUpstream upstream = new SharedUpstream();} starts it before the first test and stops it
 * after the last.
 */
public final class SharedUpstream implements BeforeAllCallback, AfterAllCallback {

    private TestUpstream upstream;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        upstream = TestUpstream.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        upstream.close();
    }

    public String url() {
        return upstream.url();
    }

    /** Connections the upstream has accepted so far. */
    public int connections() {
        return upstream.connections();
    }
}
