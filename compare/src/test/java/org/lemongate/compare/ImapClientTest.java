package org.lemongate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IMAP baseline against GreenMail: listing, delta after changes, IDLE push, partial-FETCH resume. */
class ImapClientTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort())
            .withPerMethodLifecycle(true);

    private Endpoints endpoints() {
        MAIL.setUser("ann@example.org", "ann", "secret");
        return new Endpoints(URI.create("http://127.0.0.1:1/"),
                URI.create("imap://127.0.0.1:" + MAIL.getImap().getPort()), Optional.empty(), Optional.empty(),
                "ann", "secret");
    }

    @Test
    void incrementalSyncSeesDeletionsAndArrivals() throws Exception {
        Endpoints endpoints = endpoints();
        RunMailbox mailbox = new RunMailbox(endpoints, "t1");
        SampleMessages samples = new SampleMessages("t1", "ann@example.org", 1);
        List<byte[]> seed = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            seed.add(samples.ordinary(i));
        }
        mailbox.seed("box", seed);
        mailbox.prepare("box", "copy", "moved");
        try (ImapClient client = ImapClient.connect(endpoints)) {
            List<MessageHandle> first = client.sync(new Latencies(), "copy", true);
            assertEquals(12, first.size());
            client.delete(new Latencies(), first.subList(0, 2));
            client.move(new Latencies(), first.subList(2, 4), "moved");
            PushWatch watch = client.watch("copy");
            try (RunMailbox.Delivery delivery = mailbox.delivery("copy")) {
                for (int i = 1; i <= 10; i++) {
                    delivery.deliver(samples.incoming(i));
                    assertTrue(watch.awaitNext(Duration.ofSeconds(10)).isPresent(), "push " + i);
                }
            } finally {
                watch.close();
            }
            List<MessageHandle> now = client.sync(new Latencies(), "copy", false);
            assertEquals(18, now.size(), now.toString());
            assertFalse(now.stream().anyMatch(m -> m.uid() == first.get(0).uid()));
            assertEquals(10, now.stream().filter(m -> m.subject().startsWith("New arrival")).count());

        }
    }
}
