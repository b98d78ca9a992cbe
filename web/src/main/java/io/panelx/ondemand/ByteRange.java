package io.panelx.ondemand;

/**
 * The part of a file a request asks for ({@code Range: bytes=...}, RFC 9110 section 14): one range
 * of a file of known length. A header of another unit, or of several ranges, is answered with the
 * whole file (a server may ignore Range; players ask for one range); a bytes range that cannot be
 * satisfied, or cannot be read, is {@link #UNSATISFIABLE} (416).
 */
record ByteRange(long start, long end, boolean partial) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1, true);

    /** The whole of a file of {@code length} bytes (status 200). */
    static ByteRange whole(long length) {
        return new ByteRange(0, length - 1, false);
    }

    long length() {
        return end - start + 1;
    }

    boolean satisfiable() {
        return this != UNSATISFIABLE;
    }

    /** The range {@code header} asks of a file of {@code length} bytes. */
    static ByteRange of(String header, long length) {
        if (header == null) {
            return whole(length);
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole(length);
        }
        String spec = h.substring(6).strip();
        if (spec.indexOf(',') >= 0) {
            return whole(length);
        }
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.length() > 40) {
            return UNSATISFIABLE;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        try {
            if (first.isEmpty()) {
                // bytes=-N: the last N bytes
                long n = digits(last);
                if (n <= 0 || length == 0) return UNSATISFIABLE;
                return new ByteRange(Math.max(0, length - n), length - 1, true);
            }
            long start = digits(first);
            if (start >= length) return UNSATISFIABLE;
            long end = last.isEmpty() ? length - 1 : digits(last);
            if (end < start) return UNSATISFIABLE;
            return new ByteRange(start, Math.min(end, length - 1), true);
        } catch (NumberFormatException e) {
            return UNSATISFIABLE;
        }
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }

    /** {@code bytes START-END/LENGTH}, or {@code bytes * /LENGTH} for a 416. */
    String contentRange(long length) {
        return satisfiable() ? "bytes " + start + "-" + end + "/" + length : "bytes */" + length;
    }
}
