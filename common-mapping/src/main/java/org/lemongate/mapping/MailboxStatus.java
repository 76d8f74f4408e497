package org.lemongate.mapping;

import java.util.OptionalLong;

/**
 * Counters of a selectable mailbox.
 *
 * @param messages      how many messages it holds
 * @param unseen        how many of them lack {@code \Seen}
 * @param uidValidity   its UIDVALIDITY
 * @param uidNext       the UID the next message will get
 * @param highestModSeq its HIGHESTMODSEQ, on servers with CONDSTORE
 */
public record MailboxStatus(long messages, long unseen, long uidValidity, long uidNext, OptionalLong highestModSeq) {
}
