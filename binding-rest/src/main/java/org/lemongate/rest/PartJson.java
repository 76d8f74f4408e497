package org.lemongate.rest;

import java.util.List;
import java.util.Map;

import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MimePart;

/**
 * One node of a message's MIME tree.
 *
 * @param partId      the IMAP part number ({@code 1}, {@code 1.2}); empty for the root of a multipart message
 * @param contentType lower-case {@code type/subtype}
 * @param charset     the charset parameter, or null
 * @param filename    the decoded file name, or null
 * @param disposition {@code inline}, {@code attachment}, or empty
 * @param encoding    the transfer encoding as stored
 * @param size        the stored (encoded) size of the body in bytes
 * @param contentId   the Content-ID, or null
 * @param attachment  whether a mail client would list it as an attachment
 * @param children    the sub-parts of a multipart part
 * @param links       {@code content}: the decoded body, for every part that is not a container
 */
record PartJson(String partId, String contentType, String charset, String filename, String disposition,
                String encoding, long size, String contentId, boolean attachment, List<PartJson> children,
                Map<String, String> links) {

    static PartJson of(MimePart part, MessageRef ref, ApiLinks links) {
        return new PartJson(part.partId(), part.contentType(), part.charset().orElse(null),
                part.filename().orElse(null), part.disposition(), part.encoding(), part.size(),
                part.contentId().orElse(null), part.isAttachment(),
                part.children().stream().map(c -> of(c, ref, links)).toList(),
                part.isMultipart() || part.partId().isEmpty()
                        ? Map.of() : Map.of("content", links.part(ref, part.partId())));
    }
}
