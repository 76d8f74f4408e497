package org.lemongate.webdav;

import java.util.Collection;
import java.util.Map;

import org.lemongate.mapping.MessageRef;

/**
 * The file names under which sync-collection reported messages (RFC 6578), so that a message that vanishes later is
 * reported under the very href the client holds: its ADR 5 name carries date and subject, which are gone with it.
 */
interface ReportedNames {

    /** Remembers the leaf names the messages were reported under. */
    void record(String user, Map<MessageRef, String> leaves);

    /** The names of those of {@code refs} that were reported; a message never reported has none. */
    Map<MessageRef, String> find(String user, Collection<MessageRef> refs);
}
