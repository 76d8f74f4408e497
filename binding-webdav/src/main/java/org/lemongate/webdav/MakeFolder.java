package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.lemongate.mapping.MailboxName;

/** MKCOL (RFC 4918 section 9.3): creates a mailbox. */
final class MakeFolder {

    private MakeFolder() {
    }

    /**
     * @throws DavException 415 for a request body, 405 when something exists there, 409 when the parent folder is
     *                      missing (IMAP would create it silently; WebDAV must not)
     */
    static void run(WebdavRequest request, WebdavResponse response, MailResource resource) throws DavException {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            throw new DavException(DavServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "MKCOL with a request body is not supported; send it without one");
        }
        if (resource.exists()) {
            throw new DavException(DavServletResponse.SC_METHOD_NOT_ALLOWED,
                    "something named " + resource.path() + " exists already");
        }
        DavPath path = resource.path();
        AccountSession session = resource.accountSession();
        if (!path.parent().isRoot()
                && session.mailbox(MailboxName.ofSegments(path.parent().segments())).isEmpty()) {
            throw new DavException(DavServletResponse.SC_CONFLICT,
                    "the folder " + path.parent() + " does not exist; create it first");
        }
        session.account().createMailbox(MailboxName.ofSegments(path.segments()));
        response.setStatus(DavServletResponse.SC_CREATED);
    }
}
