package org.lemongate.rest;

import java.util.Locale;
import java.util.Map;

import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MailboxStatus;

/**
 * A mailbox as this API shows it.
 *
 * @param name        the full name, Unicode, levels separated by {@code /}
 * @param parent      the enclosing mailbox's full name, or null at the top
 * @param role        {@code inbox}, an RFC 6154 role in lower case ({@code sent}, {@code trash}, ...), or null
 * @param selectable  false for a pure hierarchy node that holds no messages
 * @param hasChildren whether mailboxes exist below it
 * @param subscribed  whether the user is subscribed to it
 * @param messages    how many messages it holds; null when not selectable
 * @param unseen      how many of them are unread; null when not selectable
 * @param uidValidity its UIDVALIDITY, part of every message id in it; null when not selectable
 * @param links       {@code self} and, when selectable, {@code messages}
 */
record MailboxJson(String name, String parent, String role, boolean selectable, boolean hasChildren,
                   boolean subscribed, Long messages, Long unseen, Long uidValidity, Map<String, String> links) {

    static MailboxJson of(MailboxInfo info, ApiLinks links) {
        MailboxStatus status = info.status().orElse(null);
        Map<String, String> hrefs = info.selectable()
                ? Map.of("self", links.mailbox(info.name()), "messages", links.messages(info.name()))
                : Map.of("self", links.mailbox(info.name()));
        return new MailboxJson(info.name().path(),
                info.name().parent().map(p -> p.path()).orElse(null),
                info.role() == MailboxRole.NONE ? null : info.role().name().toLowerCase(Locale.ROOT),
                info.selectable(), info.hasChildren(), info.subscribed(),
                status == null ? null : status.messages(),
                status == null ? null : status.unseen(),
                status == null ? null : status.uidValidity(),
                hrefs);
    }
}
