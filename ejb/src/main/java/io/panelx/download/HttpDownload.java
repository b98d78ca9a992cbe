package io.panelx.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Fetches an http(s) URL; every failure is an {@link IOException} whose message an admin reads. */
public final class HttpDownload {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();

    private HttpDownload() {}

    /** Whether the text is an http or https URL this class fetches. */
    public static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7)
                || url.regionMatches(true, 0, "https://", 0, 8);
    }

    /**
     * The body of a 200 answer, open for reading (the caller closes it); {@code timeout} bounds the
     * wait for the answer's headers.
     */
    public static InputStream open(String url, Duration timeout, String userAgent)
            throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed URL", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())
                && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("only http and https URLs are fetched");
        }
        HttpResponse<InputStream> response;
        try {
            response =
                    HTTP.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(timeout)
                                    .header("User-Agent", userAgent)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed URL", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The body as UTF-8 text, refused when it is larger than {@code maxBytes}. */
    public static String text(String url, Duration timeout, String userAgent, int maxBytes)
            throws IOException {
        try (InputStream body = open(url, timeout, userAgent)) {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("larger than " + maxBytes / (1024 * 1024) + " MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
