package org.lemongate.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.mail.MessagingException;

/**
 * The comparison harness: seeds a mailbox folder per client on the IMAP server, runs the {@link Workload} through
 * direct IMAP (the baseline), the gateway's REST, SOAP and WebDAV bindings and, when one is given, a JMAP server on the
 * same mailbox, one after the other, each behind its own {@link CountingRelay}, and cleans up after itself.
 */
public final class Compare {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param endpoints the servers and account
     * @param size      the workload's size
     * @param sendTo    the recipient of the messages the send step sends
     * @param log       where progress lines go (stderr for the command)
     * @throws MessagingException when the IMAP server cannot be reached to seed or clean up
     */
    public static Report run(Endpoints endpoints, WorkloadSize size, String sendTo, PrintStream log)
            throws MessagingException {
        return run(endpoints, size, sendTo, log, StepListener.NONE);
    }

    /**
     * Runs the comparison and tells {@code listener} about every step as well.
     *
     * @see #run(Endpoints, WorkloadSize, String, PrintStream)
     */
    public static Report run(Endpoints endpoints, WorkloadSize size, String sendTo, PrintStream log,
                             StepListener listener) throws MessagingException {
        return run(endpoints, size, sendTo, log, listener, name -> true);
    }

    /** Runs the comparison with the clients {@code which} accepts by key ({@code imap}, {@code rest}, ...). */
    static Report run(Endpoints endpoints, WorkloadSize size, String sendTo, PrintStream log, StepListener listener,
                      Predicate<String> which) throws MessagingException {
        Instant started = Instant.now();
        String run = RUN_ID.format(started).toLowerCase(Locale.ROOT);
        Progress progress = new Progress(log);
        SampleMessages samples = new SampleMessages(run, sendTo, 20261130L);
        List<ClientResult> results = new ArrayList<>();
        RunMailbox mailbox = new RunMailbox(endpoints, run);
        try {
            progress.phase("seeding " + size.messages() + " messages (one with a " + size.attachmentBytes()
                    + "-byte attachment) into " + mailbox.folder("seed"));
            SampleMessages.Large large = samples.large(size.attachmentBytes());
            List<byte[]> messages = new ArrayList<>();
            messages.add(large.message());
            for (int i = 1; i < size.messages(); i++) {
                messages.add(samples.ordinary(i));
            }
            mailbox.seed(mailbox.folder("seed"), messages);
            Workload workload = new Workload(mailbox, samples, size, large, endpoints.smtp().isPresent(),
                    new StepListener() {
                        @Override
                        public void starting(String client, Step step) {
                            listener.starting(client, step);
                        }

                        @Override
                        public void finished(String client, StepResult result) {
                            progress.finished(client, result);
                            listener.finished(client, result);
                        }
                    });
            for (Map.Entry<String, Function<Endpoints, MailClient>> c : clients(endpoints).entrySet()) {
                if (!which.test(c.getKey())) {
                    continue;
                }
                String folder = mailbox.folder(c.getKey());
                String target = mailbox.folder(c.getKey() + "-moved");
                mailbox.prepare(mailbox.folder("seed"), folder, target);
                progress.phase(c.getKey() + ": workload on " + folder);
                results.add(runOne(workload, c.getKey(), c.getValue(), endpoints, folder, target));
            }
        } finally {
            progress.phase("cleaning up the run's folders and messages");
            mailbox.cleanUp().forEach(left -> progress.phase("could not remove " + left + "; remove it by hand"));
        }
        double seconds = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
        return new Report(started, seconds, size, setting(endpoints), results);
    }

    /**
     * Writes {@code report.md}, {@code report.html} and {@code report.json} into {@code out/<run>/} and again into
     * {@code out/latest/}, which the gateway's landing page links.
     *
     * @return the run's directory
     */
    public static Path publish(Report report, Path out) throws IOException {
        Path run = out.resolve(RUN_ID.format(report.started()).toLowerCase(Locale.ROOT));
        ReportFiles.write(report, run);
        ReportFiles.write(report, out.resolve(LATEST));
        return run;
    }

    /** The subdirectory of the reports directory that always holds the newest report. */
    public static final String LATEST = "latest";

    /** The report files, by name; nothing else in a reports directory is ever served. */
    public static List<String> reportFiles() {
        return ReportFiles.NAMES;
    }

    /** The Content-Security-Policy the HTML report needs: nothing but its own style block. */
    public static String reportContentSecurityPolicy() {
        return "default-src 'none'; style-src '" + HtmlReport.styleHash() + "'";
    }

    private static ClientResult runOne(Workload workload, String name, Function<Endpoints, MailClient> connect,
                                       Endpoints endpoints, String folder, String target) {
        MailClient client;
        try {
            client = connect.apply(endpoints);
        } catch (RuntimeException e) {
            List<StepResult> failed = new ArrayList<>();
            for (Step step : Step.values()) {
                failed.add(StepResult.skipped(step, StepResult.Status.FAILED, "cannot connect: " + e.getMessage()));
            }
            return new ClientResult(name, failed);
        }
        try (client) {
            return workload.run(client, folder, target);
        }
    }

    private static Map<String, Function<Endpoints, MailClient>> clients(Endpoints endpoints) {
        Map<String, Function<Endpoints, MailClient>> clients = new LinkedHashMap<>();
        clients.put("imap", e -> {
            try {
                return ImapClient.connect(e);
            } catch (MessagingException x) {
                throw new IllegalStateException("the IMAP baseline cannot log in: " + x.getMessage(), x);
            }
        });
        clients.put("rest", e -> new RestClient(http(e, "rest")));
        clients.put("soap", e -> new SoapClient(http(e, "soap")));
        clients.put("webdav", e -> new DavClient(http(e, "webdav")));
        if (endpoints.jmap().isPresent()) {
            clients.put("jmap", e -> new JmapClient(new HttpTransport(e.jmap().orElseThrow(),
                    e.jmapFirstHop().orElseThrow(), e.user(), e.password(), "jmap")));
        }
        return clients;
    }

    private static HttpTransport http(Endpoints e, String name) {
        return new HttpTransport(e.gateway(), e.httpFirstHop(), e.user(), e.password(), name);
    }

    private static Map<String, String> setting(Endpoints e) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gateway", e.gateway().toString());
        s.put("IMAP server", e.imap().toString());
        s.put("SMTP server", e.smtp().map(Object::toString).orElse("(none: the baseline's send is not measured)"));
        e.jmap().ifPresent(j -> s.put("JMAP server", j.toString()));
        e.proxy().ifPresent(p -> s.put("proxy", p.toString()));
        Runtime rt = Runtime.getRuntime();
        s.put("machine", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + rt.availableProcessors() + " CPUs");
        s.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return s;
    }
}
