package org.lemongate.mapping;

import java.util.List;
import java.util.Objects;

/**
 * A message's summary together with its MIME tree.
 *
 * @param summary the summary
 * @param root    the top of the MIME tree
 */
public record MessageStructure(MessageSummary summary, MimePart root) {

    public MessageStructure {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(root, "root");
    }

    /** The leaf parts a mail client would list as attachments. */
    public List<MimePart> attachments() {
        return root.flatten().stream().filter(MimePart::isAttachment).toList();
    }
}
