package io.panelx.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dropped network between the panel and one test client: iptables rules that drop every packet to
 * and from one loopback port, removed on close (and so even when the test fails).
 */
final class Iptables implements AutoCloseable {

    private final int port;

    private Iptables(int port) {
        this.port = port;
    }

    /** True when this process may change the firewall (root and iptables installed). */
    static boolean usable() {
        try {
            return run(List.of("iptables", "-w", "-L", "OUTPUT", "-n")) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Iptables dropLoopbackPort(int port) throws IOException, InterruptedException {
        var rules = new Iptables(port);
        for (String side : List.of("--sport", "--dport")) {
            if (run(rule("-I", side, port)) != 0) {
                rules.close();
                throw new IOException("iptables refused the rule for port " + port);
            }
        }
        return rules;
    }

    private static List<String> rule(String action, String side, int port) {
        return new ArrayList<>(
                List.of(
                        "iptables",
                        "-w",
                        action,
                        "INPUT",
                        "-i",
                        "lo",
                        "-p",
                        "tcp",
                        side,
                        Integer.toString(port),
                        "-j",
                        "DROP"));
    }

    @Override
    public void close() {
        for (String side : List.of("--sport", "--dport")) {
            try {
                while (run(rule("-D", side, port)) == 0) {
                    // remove every copy
                }
            } catch (IOException | InterruptedException e) {
                // nothing more to remove
            }
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
