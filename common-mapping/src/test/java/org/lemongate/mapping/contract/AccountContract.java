package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.Quota;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SystemFlag;

/** Logins, the failed-login limiter, stale references and quota. */
public interface AccountContract {

    MailBackend backend();

    @Test
    default void refusesWrongCredentialsEvenWhileTheUserIsLoggedIn() {
        TestUser user = TestUser.create(backend());
        Credentials good = user.credentials();
        Credentials wrong = Credentials.password(good.user(), good.secret() + "-wrong", good.clientAddress());
        MailException.AuthFailed e = assertFails(MailException.AuthFailed.class, () -> backend().gateway().login(wrong));
        assertFalse(e.getMessage().contains(wrong.secret()), "the message never carries the secret");
        Credentials stranger = Credentials.password("nobody-" + System.nanoTime(), "secret", good.clientAddress());
        assertFails(MailException.AuthFailed.class, () -> backend().gateway().login(stranger));
        assertEquals(user.account().user(), backend().gateway().login(good).user(), "the right secret still works");
    }

    @Test
    default void throttlesAUserAfterRepeatedFailures() {
        Credentials good = backend().newUser();
        Credentials wrong = Credentials.password(good.user(), "not-" + good.secret(), good.clientAddress());
        int limit = backend().settings().loginFailureLimit();
        for (int i = 0; i < limit; i++) {
            assertFails(MailException.AuthFailed.class, () -> backend().gateway().login(wrong));
        }
        MailException.RateLimited limited = assertFails(MailException.RateLimited.class,
                () -> backend().gateway().login(wrong));
        assertTrue(limited.retryAfter().orElseThrow().toSeconds() > 0, limited.retryAfter()::toString);
        assertFails(MailException.RateLimited.class, () -> backend().gateway().login(good));
        Credentials other = backend().newUser();
        assertEquals(other.user(), backend().gateway().login(other).user(), "other users are not affected");
    }

    /**
     * Guessing across many user names from one address is stopped too; the address may be allowed more failures
     * than one user (an office behind NAT), but not without bound.
     */
    @Test
    default void throttlesAClientAddressAfterRepeatedFailures() {
        Credentials victim = backend().newUser();
        int limit = backend().settings().loginFailureLimit();
        int failures = 0;
        while (true) {
            Credentials guess = Credentials.password("guess-" + failures + "-" + System.nanoTime(), "pw",
                    victim.clientAddress());
            MailException e = assertFails(MailException.class, () -> backend().gateway().login(guess));
            if (e instanceof MailException.RateLimited) {
                break;
            }
            assertEquals(ErrorCode.AUTH_FAILED, e.code(), e::toString);
            failures++;
            assertTrue(failures <= 10 * limit, "no limit on failures from one address");
        }
        assertTrue(failures >= limit, "throttled after " + failures + " failures of different users");
        assertFails(MailException.RateLimited.class, () -> backend().gateway().login(victim));
    }

    @Test
    default void logsInWithANonAsciiPassword() {
        assumeFalse(backend().has(MailBackend.Quirk.NO_NON_ASCII_LOGIN), "the server refuses non-ASCII passwords");
        Credentials user = backend().newUserWithNonAsciiPassword();
        assertEquals(user.user(), backend().gateway().login(user).user());
    }

    @Test
    default void refusesReferencesOfARecreatedMailboxAsStale() {
        TestUser user = TestUser.create(backend());
        MailboxName box = MailboxName.of("Work");
        user.createDirectly(box);
        List<MessageRef> old = user.seedNotes(box, "old", 2, Samples.EPOCH);
        Cursor cursor = user.account().listMessages(box, SearchCriteria.ALL, PageRequest.first(1)).next().orElseThrow();
        backend().recreateMailbox(user.credentials(), box);
        MessageRef fresh = user.seed(box, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        assertNotEquals(old.get(0).uidValidity(), fresh.uidValidity(), "precondition: the server changed UIDVALIDITY");

        MessageRef stale = old.get(0);
        assertFails(MailException.StaleState.class, () -> user.account().summary(stale));
        assertFails(MailException.StaleState.class, () -> user.account().structure(stale));
        assertFails(MailException.StaleState.class, () -> user.account().openRaw(stale, ByteRange.ALL).close());
        assertFails(MailException.StaleState.class, () -> user.account().listMessages(box, SearchCriteria.ALL,
                PageRequest.after(1, cursor)));
        assertStale(() -> user.account().changeFlags(List.of(stale), FlagChange.adding(Flags.of(SystemFlag.SEEN))));
        assertStale(() -> user.account().delete(List.of(stale), org.lemongate.mapping.DeleteMode.PERMANENT));
        assertFalse(user.account().summary(fresh).flags().has(SystemFlag.SEEN), "the new message was not touched");
        assertEquals(1, user.status(box, "MESSAGES"));
    }

    @Test
    default void refusesAReferenceWithAnotherUidValidity() {
        TestUser user = TestUser.create(backend());
        MessageRef real = user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        long other = real.uidValidity() == MessageRef.MAX_UINT32 ? 1 : real.uidValidity() + 1;
        MessageRef forged = MessageRef.of(MailboxName.INBOX, other, real.uid());
        assertFails(MailException.StaleState.class, () -> user.account().summary(forged));
        assertFails(MailException.StaleState.class, () -> user.account().openPart(forged, "1", ByteRange.ALL).close());
    }

    @Test
    default void reportsQuotaWhereTheServerHasIt() {
        TestUser user = TestUser.create(backend());
        user.seed(MailboxName.INBOX, Samples.bytes(Samples.DIGEST), Samples.EPOCH);
        Optional<Quota> quota = user.account().quota();
        if (backend().enforcesQuota()) {
            Quota q = quota.orElseThrow(() -> new AssertionError("the server has QUOTA but none was reported"));
            assertTrue(q.limitBytes() > 0, q::toString);
            long rounding = backend().has(MailBackend.Quirk.QUOTA_USAGE_ROUNDED_DOWN) ? 1023 : 0;
            assertTrue(q.usedBytes() >= Samples.bytes(Samples.DIGEST).length - rounding, q::toString);
            assertEquals(Math.max(0, q.limitBytes() - q.usedBytes()), q.availableBytes());
        } else {
            quota.ifPresent(q -> assertTrue(q.usedBytes() >= 0 && q.limitBytes() >= 0, q::toString));
        }
    }

    /** Stale references fail the whole call or their own item, as StaleState either way. */
    private static void assertStale(java.util.function.Supplier<? extends List<? extends ItemResult<?>>> call) {
        try {
            call.get().forEach(r -> assertEquals(ErrorCode.STALE_STATE, r.error().orElseThrow().code(), r::toString));
        } catch (MailException.StaleState expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }
}
