package io.panelx.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 password hashes. For admins the digest is exactly the SCRAM-SHA-256 "salted
 * password" that Elytron's jdbc-realm scram-mapper verifies (wildfly-config/cli/security.cli).
 */
public record PasswordHash(String hash, String salt, int iterations) {

    /**
     * OWASP's current figure for PBKDF2-HMAC-SHA256 (600,000 rounds, about 0.3 s on one core here).
     * Hashes with fewer rounds are upgraded at the admin's next login ({@link AdminAccounts}).
     */
    public static final int ADMIN_ITERATIONS = 600_000;

    /**
     * Lines stay cheaper: a player's password travels in clear in every stream URL and playlist
     * anyway, and a verified line password is remembered in memory (LineDirectory), so the rounds
     * are paid once per line and server start, not per request.
     */
    public static final int LINE_ITERATIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    public static PasswordHash create(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String encodedSalt = Base64.getEncoder().encodeToString(salt);
        return new PasswordHash(derive(password, salt, iterations), encodedSalt, iterations);
    }

    public boolean matches(String password) {
        if (password == null) {
            return false;
        }
        String candidate = derive(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(candidate.getBytes(), hash.getBytes());
    }

    /**
     * PBKDF2-HMAC-SHA256 with one 32-byte block, exactly as {@code PBKDF2WithHmacSHA256} derives it
     * (PasswordHashTest compares the two). The HMAC's inner and outer pad blocks are hashed once
     * and their digest states cloned for every iteration: two SHA-256 compressions per iteration
     * instead of the four the JDK's Mac does, so importing 50,000 lines fits in a minute.
     */
    static String derive(String password, byte[] salt, int iterations) {
        try {
            byte[] key = password.getBytes(StandardCharsets.UTF_8);
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            if (key.length > 64) {
                key = inner.digest(key);
            }
            byte[] pad = new byte[64];
            for (int i = 0; i < 64; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < 64; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            byte[] u = new byte[32];
            MessageDigest md = (MessageDigest) inner.clone();
            md.update(salt);
            md.update(new byte[] {0, 0, 0, 1});
            md.digest(u, 0, 32);
            md = (MessageDigest) outer.clone();
            md.update(u);
            md.digest(u, 0, 32);
            byte[] result = u.clone();
            for (int n = 1; n < iterations; n++) {
                md = (MessageDigest) inner.clone();
                md.update(u);
                md.digest(u, 0, 32);
                md = (MessageDigest) outer.clone();
                md.update(u);
                md.digest(u, 0, 32);
                for (int j = 0; j < 32; j++) {
                    result[j] ^= u[j];
                }
            }
            return Base64.getEncoder().encodeToString(result);
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A random password for generated credentials: 20 characters, no look-alikes. */
    public static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
