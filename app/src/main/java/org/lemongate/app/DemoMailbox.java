package org.lemongate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SystemFlag;

/**
 * The demo user's sample mailbox, kept as {@code .eml} files under {@code demo-mailbox/} on the class path. A jar
 * cannot be listed, so {@code demo-mailbox/index.tsv} names each message: folder, file, flags and arrival time,
 * tab separated. Messages are stored over IMAP through the mapping layer, exactly as a client's APPEND would be.
 */
final class DemoMailbox {

    private static final String ROOT = "demo-mailbox/";

    /** One line of the index. */
    record Entry(MailboxName folder, String file, Flags flags, Instant received) {
    }

    private final List<Entry> entries;

    private DemoMailbox(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the index from the class path. */
    static DemoMailbox fromClassPath() {
        try (InputStream in = resource("index.tsv").openStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Entry> entries = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(parse(line));
                }
            }
            return new DemoMailbox(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo mailbox index", e);
        }
    }

    /** The messages, in index order. */
    List<Entry> entries() {
        return entries;
    }

    /** Creates the folders that do not exist yet and appends every message. */
    void loadInto(MailAccount account) {
        Set<MailboxName> existing = new HashSet<>();
        for (MailboxInfo info : account.listMailboxes()) {
            existing.add(info.name());
        }
        Set<MailboxName> folders = new LinkedHashSet<>();
        entries.forEach(e -> folders.add(e.folder()));
        for (MailboxName folder : folders) {
            if (!existing.contains(folder)) {
                account.createMailbox(folder);
            }
        }
        for (Entry e : entries) {
            account.append(e.folder(), message(e.file()), e.flags(), Optional.of(e.received()));
        }
    }

    private static Entry parse(String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 4) {
            throw new IllegalStateException("demo mailbox index line needs 4 tab-separated columns: " + line);
        }
        Set<SystemFlag> system = new HashSet<>();
        Set<Keyword> keywords = new HashSet<>();
        for (String f : cols[2].split(" ")) {
            if (f.startsWith("\\")) {
                system.add(SystemFlag.parse(f).orElseThrow(() -> new IllegalStateException("unknown flag " + f)));
            } else if (!f.isEmpty()) {
                keywords.add(Keyword.of(f));
            }
        }
        return new Entry(MailboxName.of(cols[0]), cols[1], Flags.of(system, keywords), Instant.parse(cols[3]));
    }

    /** A message streamed from the class path; its size comes from the jar entry, not from reading it. */
    private static MessageSource message(String file) {
        URL url = resource(file);
        long size;
        try {
            URLConnection connection = url.openConnection();
            size = connection.getContentLengthLong();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open demo message " + file, e);
        }
        return new MessageSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return url.openStream();
            }
        };
    }

    private static URL resource(String name) {
        URL url = DemoMailbox.class.getClassLoader().getResource(ROOT + name);
        if (url == null) {
            throw new IllegalStateException("demo mailbox resource missing: " + ROOT + name);
        }
        return url;
    }
}
