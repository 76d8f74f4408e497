package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), now::get);

    private static Credentials of(String user, String address) {
        return Credentials.password(user, "x", address);
    }

    @Test
    void refusesAUserAfterTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            throttle.check(of("ann", "10.0.0." + i));
            throttle.failed(of("ann", "10.0.0." + i));
        }
        MailException.RateLimited e = assertThrows(MailException.RateLimited.class,
                () -> throttle.check(of("ann", "192.0.2.9")));
        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(Duration.ofSeconds(30), assertThrows(MailException.RateLimited.class,
                () -> throttle.check(of("ANN", "192.0.2.9"))).retryAfter().orElseThrow());
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertDoesNotThrow(() -> throttle.check(of("ann", "192.0.2.9")));
    }

    @Test
    void refusesAnAddressThatGuessesManyUsers() {
        for (int i = 0; i < 12; i++) {
            throttle.check(of("user" + i, "192.0.2.1"));
            throttle.failed(of("user" + i, "192.0.2.1"));
        }
        assertThrows(MailException.RateLimited.class, () -> throttle.check(of("someone", "192.0.2.1")));
        assertDoesNotThrow(() -> throttle.check(of("someone", "192.0.2.2")));
    }

    @Test
    void successClearsTheUsersRecord() {
        throttle.failed(of("bob", "192.0.2.1"));
        throttle.failed(of("bob", "192.0.2.1"));
        throttle.succeeded(of("bob", "192.0.2.1"));
        throttle.failed(of("bob", "192.0.2.1"));
        assertDoesNotThrow(() -> throttle.check(of("bob", "192.0.2.1")));
    }
}
