package org.lemongate.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SystemFlag;

/**
 * PUT (RFC 9110 section 9.3.4) of a file into a folder: IMAP APPEND of the bytes as they are when they are mail IMAP
 * keeps unchanged, else of a message carrying them as an attachment ({@link WrappedFile}); either way a GET returns
 * exactly the bytes PUT (see {@link RawUpload}). The file keeps the name it was PUT under; replacing an
 * existing message appends the new one and then deletes the old one, since IMAP messages are immutable. Messages
 * filed this way are marked \Seen: they are the user's own files, not new mail.
 */
final class PutMessage {

    private PutMessage() {
    }

    /**
     * @return 201 for a new file, 204 for a replaced one
     * @throws DavException 405 on a folder, 409 outside a mail folder, 412 when If-Match or If-None-Match fails,
     *                      413 over the upload limit (before reading when the length is declared)
     */
    static int run(WebdavRequest request, WebdavResponse response, MailResource resource, MailResourceFactory factory)
            throws DavException, IOException {
        if (resource.isCollection()) {
            throw new DavException(DavServletResponse.SC_METHOD_NOT_ALLOWED, "a folder cannot be replaced by PUT");
        }
        AccountSession session = resource.accountSession();
        MailResource parent = factory.resolve(resource.parentLocator(), session);
        if (!(parent instanceof FolderResource folder)) {
            throw new DavException(DavServletResponse.SC_CONFLICT,
                    "files can only be put into an existing folder; " + resource.path().parent() + " is none");
        }
        checkConditions(request, resource);
        LockGuard.check(resource, resource.path(), false);
        MailAccount account = session.account();
        boolean sideFile = SideFiles.isSideFile(resource.path().leaf());
        long max = sideFile ? SideFiles.MAX_BYTES : account.limits().maxUploadBytes();
        if (declaredLength(request) > max) {
            throw new DavException(DavServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "the file is larger than the " + max + " bytes this gateway accepts for it");
        }
        String etag;
        try (RawUpload upload = RawUpload.read(request.getInputStream(), max)) {
            if (sideFile || upload.size() == 0) {
                etag = keep(resource, upload);
            } else {
                if (folder.mailbox().isEmpty() || !folder.mailbox().get().selectable()) {
                    throw new DavException(DavServletResponse.SC_CONFLICT, "files can only be put into a mail"
                            + " folder; " + resource.path().parent() + " holds no mail");
                }
                etag = append(resource, folder.mailbox().get().name(), upload);
            }
        }
        response.setHeader("ETag", etag);
        return resource.exists() ? DavServletResponse.SC_NO_CONTENT : DavServletResponse.SC_CREATED;
    }

    /** An empty or side file goes to the state store; a message it replaces is deleted. */
    private static String keep(MailResource resource, RawUpload upload) throws IOException {
        AccountSession session = resource.accountSession();
        byte[] content;
        try (InputStream in = upload.open()) {
            content = in.readAllBytes();
        }
        session.files().put(session.user(), resource.path(), content, session.clock().instant());
        if (resource instanceof MessageResource old) {
            session.account().delete(List.of(old.ref()), DeleteMode.PERMANENT);
            session.names().remove(session.user(), old.ref());
        }
        return session.files().find(session.user(), resource.path()).orElseThrow().etag();
    }

    /** Anything else is appended, as it is or wrapped; what it replaces is deleted. */
    private static String append(MailResource resource, MailboxName mailbox, RawUpload upload) throws IOException {
        AccountSession session = resource.accountSession();
        MailAccount account = session.account();
        MessageSource message = upload.isPlainMail() ? new Plain(upload)
                : WrappedFile.of(upload, resource.path().leaf(), ZonedDateTime.now(session.clock()));
        MessageRef ref = account.append(mailbox, message, Flags.of(SystemFlag.SEEN), Optional.empty());
        StoredName name = upload.isPlainMail() ? StoredName.plain(resource.path())
                : new StoredName(resource.path(), upload.size());
        if (resource instanceof MessageResource old) {
            account.delete(List.of(old.ref()), DeleteMode.PERMANENT);
            session.names().remove(session.user(), old.ref());
        } else if (resource instanceof StoredFileResource) {
            session.files().removeWithin(session.user(), resource.path());
        }
        if (name.wrapped() || !MessageNames.name(account.summary(ref)).equals(resource.path().leaf())) {
            session.names().put(session.user(), name, ref);
        }
        return MessageResource.etag(ref);
    }

    /** A body that IMAP keeps as it is, appended unchanged. */
    private record Plain(RawUpload upload) implements MessageSource {
        @Override
        public long size() {
            return upload.size();
        }

        @Override
        public InputStream open() throws IOException {
            return upload.open();
        }
    }

    private static void checkConditions(WebdavRequest request, MailResource resource) throws DavException {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.strip().equals("*") && resource.exists()) {
            throw new DavException(DavServletResponse.SC_PRECONDITION_FAILED,
                    "If-None-Match: * but " + resource.path() + " exists");
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null) {
            Optional<String> etag = resource instanceof MessageResource m ? Optional.of(m.etag())
                    : resource instanceof StoredFileResource f ? Optional.of(f.file().etag()) : Optional.empty();
            boolean matches = etag.isPresent() && (ifMatch.strip().equals("*") || List.of(ifMatch.split(","))
                    .stream().anyMatch(t -> t.strip().equals(etag.get())));
            if (!matches) {
                throw new DavException(DavServletResponse.SC_PRECONDITION_FAILED,
                        "If-Match does not match the current version of " + resource.path());
            }
        }
    }

    /** Content-Length, or Finder's X-Expected-Entity-Length for a chunked upload; -1 when unknown. */
    private static long declaredLength(WebdavRequest request) {
        long length = request.getContentLengthLong();
        if (length >= 0) {
            return length;
        }
        String expected = request.getHeader("X-Expected-Entity-Length");
        try {
            return expected == null ? -1 : Long.parseLong(expected.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
