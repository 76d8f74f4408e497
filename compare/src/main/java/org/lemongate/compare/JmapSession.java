package org.lemongate.compare;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a JMAP server's session resource (RFC 8620 section 2) tells a client: where to post method calls, how to name
 * a blob for download, where its event source is, and the account that holds the mail. URLs are kept as raw paths
 * below the server, so that requests go to the address the user gave whatever host name the server puts in them.
 *
 * @param apiPath       the API endpoint's path and query
 * @param downloadPath  the download URL template's path and query, with {@code {accountId}} and the like
 * @param uploadPath    the upload URL template's path and query, with {@code {accountId}}
 * @param eventSource   the event source template's path and query, if the server has one
 * @param accountId     the primary mail account
 * @param submission    whether the server offers {@code urn:ietf:params:jmap:submission}
 */
record JmapSession(String apiPath, String downloadPath, String uploadPath, Optional<String> eventSource,
                   String accountId, boolean submission) {

    static final String MAIL = "urn:ietf:params:jmap:mail";
    static final String SUBMISSION = "urn:ietf:params:jmap:submission";

    /** Reads the session resource fetched from {@code base}. */
    static JmapSession parse(URI base, JsonNode session) throws IOException {
        String account = session.path("primaryAccounts").path(MAIL).asText(null);
        String api = session.path("apiUrl").asText(null);
        String download = session.path("downloadUrl").asText(null);
        String upload = session.path("uploadUrl").asText(null);
        if (account == null || api == null || download == null || upload == null) {
            throw new IOException("the JMAP session lacks a mail account, apiUrl, downloadUrl or uploadUrl: "
                    + session);
        }
        String events = session.path("eventSourceUrl").asText(null);
        return new JmapSession(path(base, api), path(base, download), path(base, upload),
                Optional.ofNullable(events).map(e -> path(base, e)), account,
                session.path("capabilities").has(SUBMISSION));
    }

    /** The download path of one blob, with its name and type filled in. */
    String download(String blobId, String name, String type) {
        return downloadPath.replace("{accountId}", encode(accountId)).replace("{blobId}", encode(blobId))
                .replace("{name}", encode(name)).replace("{type}", encode(type));
    }

    /** The path to upload a blob (a message to send) to. */
    String upload() {
        return uploadPath.replace("{accountId}", encode(accountId));
    }

    private static String path(URI base, String url) {
        // A template's braces are not legal in a URI: resolve with them escaped, then put them back.
        URI u = base.resolve(url.replace("{", "%7B").replace("}", "%7D"));
        String raw = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return raw.replace("%7B", "{").replace("%7D", "}");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
