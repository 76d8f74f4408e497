package org.lemongate.mapping.imap;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/** UID sets on the wire: writing them, asking which UIDs exist, and reading COPYUID (RFC 4315). */
final class UidSets {

    private UidSets() {
    }

    /** The compact IMAP form of some UIDs, e.g. {@code 3:5,9}. */
    static String format(Collection<Long> uids) {
        long[] sorted = uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        return UIDSet.toString(UIDSet.createUIDSets(sorted));
    }

    /** Which of {@code uids} exist in the selected mailbox, by one UID SEARCH. */
    static Set<Long> existing(ImapConnection c, Collection<Long> uids) throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom("UID");
        args.writeAtom(format(uids));
        Set<Long> found = new HashSet<>();
        for (Response r : c.command("UID SEARCH", args)) {
            if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("SEARCH")) {
                for (long n = ir.readLong(); n != -1; n = ir.readLong()) {
                    found.add(n);
                }
            }
        }
        // Only what was asked: an answer straying outside the set must not turn into results.
        found.retainAll(new HashSet<>(uids));
        return found;
    }

    /**
     * Reads the COPYUID response code (RFC 4315) from a COPY (tagged OK) or MOVE (untagged OK) answer: a map from
     * source to target UID. Empty when the server sent none or one that does not fit the request (sets of different
     * sizes, a source UID mapped twice differently, far more UIDs than were asked for). A pair repeated identically
     * is accepted: GreenMail 2.1 repeats the first one. The UIDVALIDITY in the code is not used, because GreenMail
     * 2.1 reports the source mailbox's there; callers take the target's from STATUS instead.
     */
    static Optional<Map<Long, Long>> copyUid(Response[] responses, int requested) {
        for (Response r : responses) {
            if (!r.isOK()) {
                continue;
            }
            String rest = r.getRest();
            int at = rest == null ? -1 : rest.toUpperCase(Locale.ROOT).indexOf("[COPYUID ");
            if (at < 0) {
                continue;
            }
            int end = rest.indexOf(']', at);
            String[] parts = rest.substring(at + 9, end < 0 ? rest.length() : end).trim().split(" +");
            if (parts.length == 3) {
                return pairs(parts[1], parts[2], 2 * requested + 1);
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<Long, Long>> pairs(String sourceSet, String targetSet, int max) {
        try {
            long[] source = expand(sourceSet, max);
            long[] target = expand(targetSet, max);
            if (source == null || target == null || source.length != target.length) {
                return Optional.empty();
            }
            Map<Long, Long> map = new HashMap<>();
            for (int i = 0; i < source.length; i++) {
                Long earlier = map.put(source[i], target[i]);
                if (earlier != null && earlier != target[i]) {
                    return Optional.empty();
                }
            }
            return Optional.of(map);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The UIDs of a set such as {@code 3:5,9} as the server wrote it.
     *
     * @return null when the set holds more than {@code max} UIDs
     * @throws NumberFormatException when it is not a UID set
     */
    static long[] parse(String set, int max) {
        return expand(set, max);
    }

    /** The UIDs of a set in order, ranges ascending whichever way the server wrote them; null when too many. */
    private static long[] expand(String set, int max) {
        String[] items = set.split(",");
        long total = 0;
        long[][] ranges = new long[items.length][];
        for (int i = 0; i < items.length; i++) {
            String[] ends = items[i].split(":", 2);
            long a = Long.parseLong(ends[0]);
            long b = ends.length == 2 ? Long.parseLong(ends[1]) : a;
            ranges[i] = new long[] {Math.min(a, b), Math.max(a, b)};
            total += ranges[i][1] - ranges[i][0] + 1;
            if (total > max) {
                return null;
            }
        }
        long[] out = new long[(int) total];
        int n = 0;
        for (long[] r : ranges) {
            for (long uid = r[0]; uid <= r[1]; uid++) {
                out[n++] = uid;
            }
        }
        return out;
    }
}
