package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MimePart;

/** MIME structure, raw messages with byte ranges, and decoded parts. */
public interface MessageContentContract {

    MailBackend backend();

    @Test
    default void describesTheMimeTree() {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), Samples.EPOCH);
        MessageStructure structure = user.account().structure(ref);
        assertEquals(user.account().summary(ref), structure.summary());
        MimePart root = structure.root();
        assertEquals("", root.partId());
        assertEquals("multipart/mixed", root.contentType());
        assertEquals(List.of("1", "2", "3"), root.children().stream().map(MimePart::partId).toList());

        MimePart alternative = root.find("1").orElseThrow();
        assertEquals("multipart/alternative", alternative.contentType());
        assertEquals(List.of("1.1", "1.2"), alternative.children().stream().map(MimePart::partId).toList());
        assertLeaf(root.find("1.1").orElseThrow(), "text/plain", "quoted-printable", 209, Optional.empty());
        assertEquals("utf-8", root.find("1.1").orElseThrow().charset().orElseThrow().toLowerCase(Locale.ROOT));
        assertLeaf(root.find("1.2").orElseThrow(), "text/html", "7bit", 38, Optional.empty());
        assertLeaf(root.find("2").orElseThrow(), "application/octet-stream", "base64", 4104, Optional.of("data.bin"));
        assertLeaf(root.find("3").orElseThrow(), "text/csv", "base64", 48, Optional.of("Été report.csv"));
        assertEquals("attachment", root.find("2").orElseThrow().disposition());
        assertEquals(List.of("2", "3"), structure.attachments().stream().map(MimePart::partId).toList());
    }

    @Test
    default void describesASinglePartMessageAsPartOne() {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MimePart root = user.account().structure(ref).root();
        assertEquals("1", root.partId());
        assertEquals("text/plain", root.contentType());
        assertEquals(List.of(), root.children());
        String body = new String(Samples.read(user.account().openPart(ref, "1", ByteRange.ALL)));
        assertTrue(body.contains("The secret word is pineapple."), body);
    }

    @Test
    default void streamsTheRawMessageByteForByte() {
        TestUser user = TestUser.create(backend());
        byte[] original = Samples.bytes(Samples.BUDGET);
        MessageRef ref = user.seed(MailboxName.INBOX, original, Samples.EPOCH);
        try (Content raw = user.account().openRaw(ref, ByteRange.ALL)) {
            assertEquals("message/rfc822", raw.contentType().toLowerCase(Locale.ROOT).split(";")[0].strip());
            assertEquals(0, raw.offset());
            assertEquals(OptionalLong.of(original.length), raw.totalLength());
            assertEquals(OptionalLong.of(original.length), raw.length());
            assertArrayEquals(original, raw.stream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    default void streamsRangesOfTheRawMessage() {
        TestUser user = TestUser.create(backend());
        byte[] original = Samples.bytes(Samples.BUDGET);
        MessageRef ref = user.seed(MailboxName.INBOX, original, Samples.EPOCH);
        assertRange(user, ref, original, ByteRange.of(0, 10), 0, 10);
        assertRange(user, ref, original, ByteRange.of(1000, 2500), 1000, 3500);
        assertRange(user, ref, original, ByteRange.from(5000), 5000, original.length);
        assertRange(user, ref, original, ByteRange.of(original.length - 24, 1000), original.length - 24,
                original.length);
        assertRange(user, ref, original, ByteRange.from(original.length - 1), original.length - 1, original.length);
        assertInvalid("range", () -> user.account().openRaw(ref, ByteRange.from(original.length)).close());
        assertInvalid("range", () -> user.account().openRaw(ref, ByteRange.of(100_000, 10)).close());
    }

    @Test
    default void decodesBase64AndQuotedPrintableParts() {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), Samples.EPOCH);
        try (Content attachment = user.account().openPart(ref, "2", ByteRange.ALL)) {
            assertEquals("application/octet-stream", attachment.contentType().split(";")[0].strip());
            assertEquals(Optional.of("data.bin"), attachment.filename());
            assertArrayEquals(Samples.bytes("attachment.bin"), attachment.stream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Content text = user.account().openPart(ref, "1.1", ByteRange.ALL)) {
            String type = text.contentType().toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
            assertTrue(type.startsWith("text/plain") && type.contains("charset=utf-8"), type);
            assertArrayEquals(Samples.bytes("budget-text.txt"), text.stream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(Optional.of("Été report.csv"), filename(user, ref, "3"));
        assertArrayEquals("month;amount\nJanuar;100\nFebruar;200\n".getBytes(StandardCharsets.UTF_8),
                Samples.read(user.account().openPart(ref, "3", ByteRange.ALL)));
    }

    @Test
    default void streamsARangeOfADecodedPart() {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), Samples.EPOCH);
        byte[] attachment = Samples.bytes("attachment.bin");
        assertArrayEquals(Arrays.copyOfRange(attachment, 1000, 1500),
                Samples.read(user.account().openPart(ref, "2", ByteRange.of(1000, 500))));
        assertArrayEquals(Arrays.copyOfRange(attachment, 2990, 3000),
                Samples.read(user.account().openPart(ref, "2", ByteRange.from(2990))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "9", "2.1", "1.3", "1.1.1"})
    default void unknownPartsAreNotFound(String partId) {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), Samples.EPOCH);
        assertFails(MailException.NotFound.class, () -> user.account().openPart(ref, partId, ByteRange.ALL).close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1..2", "0", "1]<0.10> BODY[", "1\r\nA1 LOGOUT", "-1"})
    default void malformedPartIdsAreInvalid(String partId) {
        TestUser user = TestUser.create(backend());
        MessageRef ref = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), Samples.EPOCH);
        assertFails(MailException.InvalidInput.class,
                () -> user.account().openPart(ref, partId, ByteRange.ALL).close());
    }

    @Test
    default void unknownMessagesAreNotFound() {
        TestUser user = TestUser.create(backend());
        MessageRef real = user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MessageRef missing = MessageRef.of(MailboxName.INBOX, real.uidValidity(), real.uid() + 1000);
        assertFails(MailException.NotFound.class, () -> user.account().summary(missing));
        assertFails(MailException.NotFound.class, () -> user.account().structure(missing));
        assertFails(MailException.NotFound.class, () -> user.account().openRaw(missing, ByteRange.ALL).close());
        assertFails(MailException.NotFound.class, () -> user.account().openPart(missing, "1", ByteRange.ALL).close());
        MessageRef elsewhere = MessageRef.of(MailboxName.of("No such box"), real.uidValidity(), real.uid());
        assertFails(MailException.NotFound.class, () -> user.account().summary(elsewhere));
    }

    private static void assertLeaf(MimePart part, String type, String encoding, long size, Optional<String> filename) {
        assertEquals(type, part.contentType(), part::toString);
        assertEquals(encoding, part.encoding(), part::toString);
        assertEquals(size, part.size(), part::toString);
        assertEquals(filename, part.filename(), part::toString);
        assertEquals(List.of(), part.children());
    }

    private static void assertRange(TestUser user, MessageRef ref, byte[] original, ByteRange range, int from, int to) {
        try (Content slice = user.account().openRaw(ref, range)) {
            assertEquals(from, slice.offset(), range::toString);
            assertEquals(OptionalLong.of(original.length), slice.totalLength(), range::toString);
            assertArrayEquals(Arrays.copyOfRange(original, from, to), slice.stream().readAllBytes(), range::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> filename(TestUser user, MessageRef ref, String partId) {
        try (Content part = user.account().openPart(ref, partId, ByteRange.ALL)) {
            return part.filename();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
