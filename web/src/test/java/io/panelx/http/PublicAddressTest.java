package io.panelx.http;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.line.CidrList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicAddressTest {

    private static final CidrList PROXY = CidrList.parse("10.0.0.1/32");
    private static final Map<String, String> FORWARDED =
            Map.of(
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "tv.example.com",
                    "X-Forwarded-Port", "8443",
                    "X-Forwarded-For", "198.51.100.7, 10.0.0.1");

    private static PublicAddress resolve(
            String remote, String host, Map<String, String> headers, CidrList trusted) {
        return PublicAddress.resolve(
                remote, "http", host, "127.0.0.1", 8080, headers::get, trusted);
    }

    @Test
    void hostHeaderGivesHostAndPort() {
        var a = resolve("192.0.2.1", "panel.example:9000", Map.of(), PROXY);
        assertEquals("http://panel.example:9000", a.baseUrl());
        assertEquals("192.0.2.1", a.clientIp());
        assertEquals(
                "http://panel.example",
                resolve("192.0.2.1", "panel.example", Map.of(), PROXY).baseUrl());
        assertEquals("http://[::1]:8080", resolve("::1", "[::1]:8080", Map.of(), PROXY).baseUrl());
    }

    @Test
    void badHostHeaderFallsBackToTheLocalAddress() {
        assertEquals(
                "http://127.0.0.1:8080",
                resolve("192.0.2.1", "evil\"host/x", Map.of(), PROXY).baseUrl());
        assertEquals(
                "http://127.0.0.1:8080", resolve("192.0.2.1", null, Map.of(), PROXY).baseUrl());
        assertEquals(
                "http://127.0.0.1:8080",
                resolve("192.0.2.1", "a:99999", Map.of(), PROXY).baseUrl());
    }

    @Test
    void forwardedHeadersOnlyFromTrustedProxies() {
        var trusted = resolve("10.0.0.1", "internal:8080", FORWARDED, PROXY);
        assertEquals("https://tv.example.com:8443", trusted.baseUrl());
        assertEquals("198.51.100.7", trusted.clientIp());
        var untrusted = resolve("192.0.2.1", "internal:8080", FORWARDED, PROXY);
        assertEquals("http://internal:8080", untrusted.baseUrl());
        assertEquals("192.0.2.1", untrusted.clientIp());
        var none = resolve("10.0.0.1", "internal:8080", FORWARDED, CidrList.parse(""));
        assertEquals("http://internal:8080", none.baseUrl());
    }

    @Test
    void forwardedProtoAloneUsesTheDefaultPort() {
        var a = resolve("10.0.0.1", "tv.example.com", Map.of("X-Forwarded-Proto", "https"), PROXY);
        assertEquals("https://tv.example.com", a.baseUrl());
        var junk =
                resolve(
                        "10.0.0.1",
                        "tv.example.com:81",
                        Map.of("X-Forwarded-Proto", "gopher", "X-Forwarded-For", "not an ip"),
                        PROXY);
        assertEquals("http://tv.example.com:81", junk.baseUrl());
        assertEquals("10.0.0.1", junk.clientIp());
    }
}
