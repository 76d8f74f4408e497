package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The system accounts a private Dovecot runs its processes under. Started by root it separates privileges as
 * Debian's packaging sets up (dovecot, dovenull) and keeps mail as nobody, because Dovecot refuses to access mail
 * as root. Started by anyone else it runs everything as that user, the documented rootless setup.
 *
 * @param privileged whether the JVM runs as root
 * @param internalUser Dovecot's {@code default_internal_user}
 * @param internalGroup Dovecot's {@code default_internal_group}, the group of its internal sockets
 * @param loginUser Dovecot's {@code default_login_user}
 * @param mailUser the uid mail is read and written as
 * @param mailGroup the gid mail is read and written as
 */
record ServerAccounts(boolean privileged, String internalUser, String internalGroup, String loginUser,
                      String mailUser, String mailGroup) {

    /** The accounts for a server whose files live in {@code ownDirectory}, created by this JVM's user. */
    static ServerAccounts of(Path ownDirectory) {
        try {
            int uid = (Integer) Files.getAttribute(ownDirectory, "unix:uid");
            int gid = (Integer) Files.getAttribute(ownDirectory, "unix:gid");
            if (uid == 0) {
                return new ServerAccounts(true, "dovecot", "dovecot", "dovenull", "nobody", "nogroup");
            }
            String self = System.getProperty("user.name");
            // Without root, Dovecot cannot hand its sockets to the dovecot group; they stay in the user's own.
            String group = Files.readAttributes(ownDirectory, PosixFileAttributes.class).group().getName();
            return new ServerAccounts(false, self, group, self, Integer.toString(uid), Integer.toString(gid));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the owner of " + ownDirectory, e);
        }
    }
}
