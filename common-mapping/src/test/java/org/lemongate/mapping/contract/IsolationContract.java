package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

/** Users working at the same time through one gateway never see each other's mail. */
public interface IsolationContract {

    int ROUNDS = 12;

    MailBackend backend();

    @Test
    default void concurrentUsersNeverSeeEachOthersData() throws Exception {
        List<TestUser> users = List.of(TestUser.create(backend()), TestUser.create(backend()),
                TestUser.create(backend()));
        MailboxName shared = MailboxName.of("Same Name");
        CyclicBarrier lockstep = new CyclicBarrier(users.size());
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (TestUser user : users) {
                work.add(pool.submit(() -> {
                    user.account().createMailbox(shared);
                    for (int round = 0; round < ROUNDS; round++) {
                        lockstep.await(30, TimeUnit.SECONDS);
                        workOneRound(user, shared, round);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (TestUser user : users) {
            assertEquals(ROUNDS, user.status(MailboxName.INBOX, "MESSAGES"));
            assertEquals(ROUNDS, user.status(shared, "MESSAGES"));
        }
    }

    private static void workOneRound(TestUser user, MailboxName shared, int round) throws Exception {
        String owner = user.credentials().user();
        byte[] note = Samples.note(owner + " round " + round, owner + "@example.org", owner + "@example.org");
        MessageRef ref = user.account().append(MailboxName.INBOX, Samples.source(note), Flags.NONE, Optional.empty());
        user.account().copy(List.of(ref), shared);
        for (MailboxName box : List.of(MailboxName.INBOX, shared)) {
            List<MessageSummary> seen = user.account().listMessages(box, SearchCriteria.ALL,
                    PageRequest.first(50)).items();
            assertEquals(round + 1, seen.size(), () -> owner + " sees " + seen);
            seen.forEach(s -> assertTrue(s.subject().startsWith(owner + " round "), () -> owner + " sees " + s));
        }
        assertEquals(owner + " round " + round, user.account().summary(ref).subject());
        String body = new String(Samples.read(user.account().openPart(ref, "1", ByteRange.ALL)), StandardCharsets.UTF_8);
        assertTrue(body.contains("about " + owner + " round " + round), body);
    }
}
