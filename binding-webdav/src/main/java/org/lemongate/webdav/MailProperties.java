package org.lemongate.webdav;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.xml.Namespace;
import org.lemongate.mapping.Address;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SystemFlag;

/**
 * The mail namespace {@value #URI}: what a mail client wants to know of a message without fetching it. Every
 * property is live, read-only for now, and left out of {@code allprop} (ask for it by name or with
 * {@code propname}) so that plain directory listings stay small.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><td>subject</td><td>the decoded subject</td></tr>
 *   <tr><td>from, to</td><td>decoded addresses in display form, joined by {@code ", "}</td></tr>
 *   <tr><td>date</td><td>the Date header, RFC 3339; absent when the message has none</td></tr>
 *   <tr><td>flags</td><td>IMAP system flags and keywords, space-separated, e.g. {@code \Seen $Forwarded}</td></tr>
 *   <tr><td>seen, flagged</td><td>{@code true} or {@code false}</td></tr>
 *   <tr><td>uid, uidvalidity</td><td>the message's IMAP UID and its mailbox's UIDVALIDITY</td></tr>
 *   <tr><td>size</td><td>RFC822.SIZE in bytes</td></tr>
 *   <tr><td>has-attachments</td><td>{@code true} when a part has a file name or attachment disposition</td></tr>
 * </table>
 */
final class MailProperties {

    /** The namespace URI. */
    static final String URI = "urn:lemongate:mail";
    /** The namespace with its preferred prefix. */
    static final Namespace NAMESPACE = Namespace.getNamespace("m", URI);

    private MailProperties() {
    }

    /** Adds the mail properties of {@code message} to {@code props}. */
    static void add(DavPropertySet props, MessageSummary message) {
        put(props, "subject", message.subject());
        put(props, "from", addresses(message.from()));
        put(props, "to", addresses(message.to()));
        message.sentDate().ifPresent(d -> put(props, "date", HttpDates.rfc3339(d)));
        put(props, "flags", flags(message));
        put(props, "seen", Boolean.toString(message.flags().has(SystemFlag.SEEN)));
        put(props, "flagged", Boolean.toString(message.flags().has(SystemFlag.FLAGGED)));
        put(props, "uid", Long.toString(message.ref().uid()));
        put(props, "uidvalidity", Long.toString(message.ref().uidValidity()));
        put(props, "size", Long.toString(message.size()));
        put(props, "has-attachments", Boolean.toString(message.hasAttachments()));
    }

    private static void put(DavPropertySet props, String name, String value) {
        props.add(new HiddenProperty<>(DavPropertyName.create(name, NAMESPACE), value));
    }

    private static String addresses(List<Address> addresses) {
        return addresses.stream().map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String flags(MessageSummary message) {
        return Stream.concat(message.flags().system().stream().sorted().map(SystemFlag::imapName),
                        message.flags().keywords().stream().map(Keyword::name).sorted())
                .collect(Collectors.joining(" "));
    }
}
