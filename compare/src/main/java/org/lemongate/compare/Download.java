package org.lemongate.compare;

/**
 * What a cut-and-resumed download delivered.
 *
 * @param bytes  content bytes received in all, both halves
 * @param sha256       the SHA-256 of the content (hex)
 * @param wholeMessage whether the content is the whole message file (WebDAV cannot address a part) rather than the
 *                     attachment's decoded bytes
 * @param note         how the resume went when not as planned (the server could not resume), else empty
 * @param declared     the whole content's length as the server announced it (Content-Length of the first answer),
 *                     or -1 where no HTTP answer declares one
 */
record Download(long bytes, String sha256, boolean wholeMessage, String note, long declared) {
}
