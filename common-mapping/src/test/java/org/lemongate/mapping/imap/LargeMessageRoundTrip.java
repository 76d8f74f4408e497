package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MimePart;
import org.lemongate.mapping.contract.GeneratedMessage;

/**
 * The child side of {@link LargeMessageStreamingTest}: run in its own JVM with a heap smaller than the message, it
 * streams a message the test stored beforehand back raw and as its decoded attachment, then appends the same
 * generated message through the gateway and streams that back too, printing the SHA-256 of each as it goes. Any
 * buffering of a whole message ends it with an OutOfMemoryError and a non-zero exit.
 *
 * <p>Arguments: IMAP port, user, password, attachment size in bytes, generator seed, UIDVALIDITY and UID of the
 * stored message.
 */
public final class LargeMessageRoundTrip {

    private LargeMessageRoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        BackendSettings settings = TestSettings.loopback(Integer.parseInt(args[0]), Optional.empty());
        GeneratedMessage message = new GeneratedMessage(Long.parseLong(args[3]), Long.parseLong(args[4]));
        try (ImapGateway gateway = ImapGateway.start(settings)) {
            MailAccount account = gateway.login(Credentials.password(args[1], args[2], "127.0.0.1"));
            MessageRef stored = MessageRef.of(MailboxName.INBOX, Long.parseLong(args[5]), Long.parseLong(args[6]));
            readBack("stored", account, stored);
            readBack("appended", account, account.append(MailboxName.INBOX, message, Flags.NONE, Optional.empty()));
        }
        System.out.println("heapPeakBytes=" + heapPeak());
    }

    private static void readBack(String label, MailAccount account, MessageRef ref) throws IOException {
        System.out.println(label + ".raw=" + digest(account.openRaw(ref, ByteRange.ALL)));
        MimePart attachment = account.structure(ref).attachments().get(0);
        System.out.println(label + ".part=" + digest(account.openPart(ref, attachment.partId(), ByteRange.ALL)));
    }

    private static String digest(Content content) throws IOException {
        MessageDigest sha = GeneratedMessage.sha256();
        try (InputStream in = content.stream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
    }
}
