package io.panelx.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void derivesWhatTheJdkDerives() throws Exception {
        byte[] salt = new byte[16];
        for (int i = 0; i < salt.length; i++) salt[i] = (byte) (i * 37);
        var jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        // ASCII, non-ASCII, and a key longer than the HMAC block (hashed first).
        for (String password : new String[] {"x", "pässwörd-1", "a".repeat(65), "b".repeat(128)}) {
            for (int iterations : new int[] {1, 2, 1000}) {
                byte[] expected =
                        jdk.generateSecret(
                                        new PBEKeySpec(
                                                password.toCharArray(), salt, iterations, 256))
                                .getEncoded();
                assertEquals(
                        Base64.getEncoder().encodeToString(expected),
                        PasswordHash.derive(password, salt, iterations),
                        password + " / " + iterations);
            }
        }
    }

    @Test
    void matchesOnlyItsPassword() {
        var hash = PasswordHash.create("s3cret", PasswordHash.LINE_ITERATIONS);
        assertTrue(hash.matches("s3cret"));
        assertFalse(hash.matches("s3cret "));
        assertFalse(hash.matches(null));
    }
}
