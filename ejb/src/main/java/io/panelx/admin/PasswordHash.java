package io.panelx.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

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

    private static String derive(String password, byte[] salt, int iterations) {
        try {
            var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            byte[] key =
                    SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                            .generateSecret(spec)
                            .getEncoded();
            return Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
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
