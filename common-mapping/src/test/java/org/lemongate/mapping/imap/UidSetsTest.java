package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;

class UidSetsTest {

    private static Optional<Map<Long, Long>> copyUid(String line, int requested) {
        try {
            return UidSets.copyUid(new Response[] {new IMAPResponse(line)}, requested);
        } catch (IOException | ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void mapsSourceToTargetInOrder() {
        assertEquals(Optional.of(Map.of(4L, 10L, 5L, 11L, 9L, 12L)),
                copyUid("A1 OK [COPYUID 38505 4:5,9 10:12] Done", 3));
    }

    @Test
    void readsTheUntaggedCodeOfMoveAndRangesWrittenBackwards() {
        assertEquals(Optional.of(Map.of(1L, 7L, 2L, 8L, 3L, 9L)), copyUid("* OK [COPYUID 1 3:1 9:7]", 3));
    }

    @Test
    void acceptsGreenMailsRepeatedFirstPair() {
        assertEquals(Optional.of(Map.of(1L, 1L, 3L, 2L)), copyUid("d OK [COPYUID 17 1,1,3 1,1:2] COPY completed.", 2));
    }

    @Test
    void ignoresCodesThatDoNotFitTheRequest() {
        assertEquals(Optional.empty(), copyUid("A1 OK [COPYUID 1 1:3 7:8] uneven", 3));
        assertEquals(Optional.empty(), copyUid("A1 OK [COPYUID 1 1,1 7,8] contradicting", 2));
        assertEquals(Optional.empty(), copyUid("A1 OK [COPYUID 1 1:4294967295 1:4294967295] huge", 2));
        assertEquals(Optional.empty(), copyUid("A1 OK [COPYUID 1 x 7] garbage", 1));
        assertEquals(Optional.empty(), copyUid("A1 OK COPY completed", 1));
        assertEquals(Optional.empty(), copyUid("A1 NO [COPYUID 1 1 2] refused", 1));
    }
}
