package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.compare.Compare;
import org.lemongate.compare.CompareOptions;
import org.lemongate.compare.Report;
import org.lemongate.compare.WorkloadSize;

/**
 * {@code /reports/latest/}: no link and a clear 404 without a report; with one, the three files and nothing else,
 * under the report's strict Content-Security-Policy, linked from the start page.
 */
class LatestReportTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup());

    @Test
    void servesOnlyTheReportFilesWithTheirPolicy() throws Exception {
        Path reports = CompareOptions.DEFAULT_OUT.toAbsolutePath();
        assertFalse(Files.exists(reports), "the test owns " + reports);
        try (EmbeddedServer server = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort())) {
            URI base = server.baseUri();
            assertFalse(TestGateway.get(base.resolve("/")).body().contains("compare-report"));
            HttpResponse<String> none = TestGateway.get(base.resolve("/reports/latest/"));
            assertEquals(404, none.statusCode());
            assertTrue(none.body().contains("no comparison report yet"), none.body());

            Compare.publish(new Report(Instant.parse("2026-11-30T08:00:00Z"), 1.0, WorkloadSize.STANDARD,
                    Map.of("machine", "test"), List.of()), reports);
            assertTrue(TestGateway.get(base.resolve("/")).body().contains("href=\"/reports/latest/\""));
            HttpResponse<String> html = TestGateway.get(base.resolve("/reports/latest/"));
            assertEquals(200, html.statusCode());
            assertTrue(html.body().contains("Lemongate binding comparison"));
            assertEquals(Compare.reportContentSecurityPolicy(),
                    html.headers().firstValue("Content-Security-Policy").orElseThrow());
            assertEquals("nosniff", html.headers().firstValue("X-Content-Type-Options").orElseThrow());
            HttpResponse<String> json = TestGateway.get(base.resolve("/reports/latest/report.json"));
            assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(json.body().contains("\"machine\" : \"test\""), json.body());
            assertEquals(404, TestGateway.get(base.resolve("/reports/latest/20261130t080000")).statusCode());
            assertEquals(404, TestGateway.get(base.resolve("/reports/latest/..%2Freport.md")).statusCode());
        } finally {
            if (Files.exists(reports)) {
                try (Stream<Path> files = Files.walk(reports)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
