package org.lemongate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A GET by the curl command, body to {@code /dev/null}: a reference outside the JVM for what a user's download tool
 * gets. Timed by curl's own {@code time_total} (connect to last byte), so that starting the process is not counted.
 */
final class CurlGet {

    private CurlGet() {
    }

    /**
     * Runs curl once; fails unless it exits 0 with status 200 and {@code size} bytes.
     *
     * @param authorization the Authorization header's value, or null for none; passed on curl's standard input,
     *                      never on its command line
     * @return curl's time_total in nanoseconds
     */
    static long nanos(URI url, String authorization, long size) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--config", "-", "-w",
                "%{http_code} %{size_download} %{time_total}", url.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream config = p.getOutputStream()) {
            if (authorization != null) {
                config.write(("header = \"Authorization: " + authorization + "\"\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("curl " + url + " did not finish within 60 s");
        }
        String[] fields = out.split(" ");
        if (p.exitValue() != 0 || fields.length != 3 || !fields[0].equals("200")
                || Long.parseLong(fields[1]) != size) {
            throw new IOException("curl " + url + ": exit " + p.exitValue() + ", '" + out + "', expected 200 and "
                    + size + " bytes");
        }
        return Math.round(Double.parseDouble(fields[2]) * 1e9);
    }
}
