package org.lemongate.compare;

/**
 * One message as a client's listing found it.
 *
 * @param uid     the IMAP UID, the same in every binding, which the workload uses to pick messages
 * @param ref     how this client names it: a REST id, a SOAP {@code folder/uidValidity/uid}, a WebDAV href, the UID
 * @param subject the subject, to find the message with the large attachment
 * @param size    the raw message's size in bytes
 */
record MessageHandle(long uid, String ref, String subject, long size) {
}
