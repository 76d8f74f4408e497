package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MimePart;

/** Opens raw messages and decoded parts as streams over partial FETCH. */
final class ContentReader {

    private final Imap imap;
    private final int chunk;

    ContentReader(Imap imap, int chunk) {
        this.imap = imap;
        this.chunk = chunk;
    }

    /**
     * The size and the first chunk of the range in one round trip; the rest streams on demand. RFC822.SIZE is taken
     * as a claim and checked against the data: where a chunk comes back short the message ends there, and a message
     * longer than one chunk is probed once past the claimed end (some servers, GreenMail among them, leave the header
     * out of RFC822.SIZE). So Content-Length and the bytes served always agree.
     */
    Content raw(MessageRef ref, ByteRange range) {
        String what = "read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'";
        record First(long claimed, BodySlice data) {
        }
        First first = imap.read(what, c -> {
            c.selectFor(ref);
            String cmd = "UID FETCH " + ref.uid() + " (UID RFC822.SIZE BODY.PEEK[]<" + range.first() + "." + chunk
                    + ">)";
            Response[] answer;
            try {
                answer = c.command(cmd, null);
            } catch (CommandFailedException e) {
                if (range.first() == 0) {
                    throw e;
                }
                // Some servers (GreenMail) answer NO to a partial FETCH that starts past the end.
                throw new MailException.InvalidInput("range", "range starts at byte " + range.first()
                        + ", past the end of the message");
            }
            for (Response r : answer) {
                if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid()) {
                    RFC822SIZE s = f.getItem(RFC822SIZE.class);
                    if (s != null) {
                        return new First(s.size, BodySlice.of(f));
                    }
                }
            }
            throw MessageQueries.notFound(ref);
        });
        long total;
        if (first.data().length() < chunk) {
            total = first.data().length() > 0 || range.first() == 0 ? range.first() + first.data().length()
                    : Math.min(first.claimed(), range.first());
        } else {
            total = probeEnd(ref, Math.max(first.claimed(), range.first() + chunk), what);
        }
        long length = range.lengthWithin(total);
        InputStream in = OneFetchStream.open(imap, ref, first.data(), range.first(), length, chunk);
        return new Content(in, "message/rfc822", Optional.empty(), range.first(), OptionalLong.of(length),
                OptionalLong.of(total));
    }

    /** The offset where the message's data really ends, looking from {@code from} on. */
    private long probeEnd(MessageRef ref, long from, String what) {
        long at = from;
        for (int i = 0; i < 64; i++) {
            long offset = at;
            BodySlice more = imap.read(what, c -> {
                c.selectForContinuation(ref); // the first chunk came with the catch-up
                for (Response r : c.command("UID FETCH " + ref.uid() + " (UID BODY.PEEK[]<" + offset + "." + chunk
                        + ">)", null)) {
                    if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid()) {
                        return BodySlice.of(f);
                    }
                }
                throw MessageQueries.notFound(ref);
            });
            if (more.length() < chunk) {
                return at + more.length();
            }
            at += chunk;
        }
        throw new MailException.BackendError("the IMAP server's size for message " + ref.localId()
                + " is far from its real length", null);
    }

    /**
     * A part, transfer-decoded. The decoded size is not known in advance (BODYSTRUCTURE gives the encoded size): the
     * whole part streams with unknown length; for a range the part is first decoded once to count its bytes (so the
     * range's length and the total are exact and a start past the end is refused before anything streams), then
     * served by skipping decoded bytes.
     *
     * @param structure the message's structure, read by the same operation just before: that read caught up with
     *                  other sessions' changes, so the part's chunks all continue it (ADR 0007)
     */
    Content part(MessageStructure structure, String partId, ByteRange range) {
        MessageRef ref = structure.summary().ref();
        MimePart part = structure.root().find(partId).orElseThrow(() -> new MailException.NotFound(
                "message " + ref.localId() + " has no part '" + partId + "'"));
        if (part.isMultipart()) {
            throw new MailException.InvalidInput("part", "part '" + partId + "' is a multipart container; "
                    + "fetch one of its sub-parts");
        }
        OptionalLong total = range.isAll() ? OptionalLong.empty() : OptionalLong.of(decodedSize(ref, part, partId));
        long length = total.isPresent() ? range.lengthWithin(total.getAsLong()) : -1;
        InputStream decoded = decoded(ref, part, partId);
        try {
            if (range.first() > 0) {
                long skipped = decoded.skip(range.first());
                while (skipped < range.first()) {
                    long n = decoded.skip(range.first() - skipped);
                    if (n <= 0) {
                        if (decoded.read() < 0) {
                            break;
                        }
                        n = 1;
                    }
                    skipped += n;
                }
                PushbackInputStream ahead = new PushbackInputStream(decoded, 1);
                int next = ahead.read();
                if (next >= 0) {
                    ahead.unread(next);
                }
                decoded = ahead;
                if (skipped < range.first() || next < 0) {
                    decoded.close();
                    throw new MailException.InvalidInput("range", "range starts at byte " + range.first()
                            + " but part '" + partId + "' is shorter");
                }
            }
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("reading part '" + partId + "' failed: " + e.getMessage(),
                    Failures.RETRY_AFTER, false, e);
        }
        InputStream body = length >= 0 ? new BoundedStream(decoded, length) : decoded;
        String type = part.contentType() + part.charset().map(cs -> "; charset=" + cs).orElse("");
        return new Content(body, type, part.filename(), range.first(),
                length >= 0 ? OptionalLong.of(length) : OptionalLong.empty(), total);
    }

    private InputStream decoded(MessageRef ref, MimePart part, String partId) {
        InputStream encoded = new PartialFetchStream(imap, ref, partId, 0, Math.max(part.size(), 1) + 2, chunk)
                .afterCatchUp().prefetch();
        try {
            return MimeUtility.decode(encoded, part.encoding());
        } catch (MessagingException e) {
            return encoded; // an unknown transfer encoding: serve the bytes as stored
        }
    }

    /** The decoded size of a part, by decoding it once as a stream (nothing is kept). */
    private long decodedSize(MessageRef ref, MimePart part, String partId) {
        try (InputStream in = decoded(ref, part, partId)) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("reading part '" + partId + "' failed: " + e.getMessage(),
                    Failures.RETRY_AFTER, false, e);
        }
    }
}
