package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;

class Base64AwareGzipTest {

    private static final int RUN = Base64AwareGzip.MIN_RUN;

    @Test
    void emptyInputIsAValidGzipStreamOfNothing() throws IOException {
        assertArrayEquals(new byte[0], gunzip(gzip(new byte[0], 8192)));
    }

    @Test
    void base64AloneRoundTripsAtAboutTheSizeOfTheBytesItEncodes() throws IOException {
        byte[] text = base64(new Random(1), 200_000);
        byte[] gzipped = gzip(text, 8192);
        assertArrayEquals(text, gunzip(gzipped));
        // 6 bits a character, whatever the text encodes: zlib would find the repeats in this text and go far lower,
        // so this also shows that the base64 blocks, not zlib, coded it.
        assertTrue(gzipped.length > text.length * 0.75 && gzipped.length < text.length * 0.76,
                gzipped.length + " bytes for " + text.length);
    }

    @Test
    void runsAroundTheThresholdBetweenXmlRoundTrip() throws IOException {
        Random random = new Random(2);
        for (int length : new int[] {1, RUN - 1, RUN, RUN + 1, 2 * RUN, 16384 - 1, 16384, 16385, 40_000}) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            for (int i = 0; i < 4; i++) {
                input.writeBytes(xml(random, 300 + i));
                input.writeBytes(base64(random, length));
                input.writeBytes("==</data>".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] data = input.toByteArray();
            for (int writeSize : new int[] {1, 7, 1000, 16384, data.length}) {
                assertArrayEquals(data, gunzip(gzip(data, writeSize)), "run " + length + ", writes " + writeSize);
            }
        }
    }

    @Test
    void randomMixturesWrittenInRandomPiecesRoundTrip() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            byte[] data = mixture(random);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Base64AwareGzip gzip = new Base64AwareGzip(out)) {
                int i = 0;
                while (i < data.length) {
                    int n = Math.min(data.length - i, random.nextInt(random.nextBoolean() ? 3 : 40_000) + 1);
                    if (n == 1 && random.nextBoolean()) {
                        gzip.write(data[i]);
                    } else {
                        gzip.write(data, i, n);
                    }
                    i += n;
                    if (random.nextInt(10) == 0) {
                        gzip.flush();
                    }
                }
            }
            assertArrayEquals(data, gunzip(out.toByteArray()), "round " + round);
        }
    }

    @Test
    void xmlWithoutContentIsNoLargerThanZlibsFastestGzip() throws IOException {
        Random random = new Random(4);
        ByteArrayOutputStream listReply = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            listReply.writeBytes(xml(random, 400));
            // ids, tokens and dates: base64-alphabet runs shorter than a block's threshold
            listReply.writeBytes(base64(random, 40 + random.nextInt(200)));
        }
        byte[] data = listReply.toByteArray();
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        try (GZIPOutputStream zlib = new GZIPOutputStream(reference) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zlib.write(data);
        }
        byte[] gzipped = gzip(data, 4096);
        assertArrayEquals(data, gunzip(gzipped));
        assertTrue(gzipped.length <= reference.size(), gzipped.length + " against zlib's " + reference.size());
    }

    @Test
    void otherInflatersReadTheStream(@TempDir Path directory) throws Exception {
        Path gzipCommand = Interop.requireCommand("gzip", "gzip");
        Path python = Interop.requireFile(Path.of("/usr/bin/python3"), "python3", "python3");
        Random random = new Random(5);
        List<Path> files = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (byte[] data : List.of(new byte[0], base64(random, 150_000), xml(random, 50_000), mixture(random),
                mixture(random), envelope(random))) {
            Path file = directory.resolve("sample" + files.size() + ".gz");
            Files.write(file, gzip(data, 1000));
            files.add(file);
            digests.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }
        List<String> test = new ArrayList<>(List.of(gzipCommand.toString(), "-t", "-v"));
        files.forEach(f -> test.add(f.toString()));
        Commands.run(directory, Duration.ofSeconds(30), test);

        String script = String.join("\n",
                "import gzip, hashlib, sys, zlib",
                "for path in sys.argv[1:]:",
                "    raw = open(path, 'rb').read()",
                "    whole = gzip.decompress(raw)",
                "    d = zlib.decompressobj(16 + zlib.MAX_WBITS)",
                "    pieces = b''.join(d.decompress(raw[i:i + 3]) for i in range(0, len(raw), 3)) + d.flush()",
                "    assert pieces == whole and d.eof, path",
                "    print(hashlib.sha256(whole).hexdigest())");
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script));
        files.forEach(f -> command.add(f.toString()));
        String printed = Commands.run(directory, Duration.ofSeconds(30), command);
        assertEquals(digests, printed.lines().toList());
    }

    /** A SOAP reply's shape: envelope, a long base64 element with padding, closing tags. */
    private static byte[] envelope(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GetMessageMimeResponse xmlns=\"urn:lemongate:mail:1\"><content><contentType>message/rfc822"
                + "</contentType><offset>0</offset><data>").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = new byte[100_001];
        random.nextBytes(bytes);
        out.writeBytes(Base64.getEncoder().encode(bytes));
        out.writeBytes("</data></content></GetMessageMimeResponse></soap:Body></soap:Envelope>"
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Stretches of XML, base64 (short and long), arbitrary bytes and single characters, in random order. */
    private static byte[] mixture(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(5)) {
                case 0 -> out.writeBytes(xml(random, random.nextInt(3000)));
                case 1 -> out.writeBytes(base64(random, random.nextInt(3 * RUN)));
                case 2 -> out.writeBytes(base64(random, random.nextInt(60_000)));
                case 3 -> {
                    byte[] noise = new byte[random.nextInt(5000)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
                default -> out.write("=\n<>\0\u00ff".charAt(random.nextInt(6)));
            }
        }
        return out.toByteArray();
    }

    /** base64 characters only (no padding), {@code length} of them, of text-like content so zlib finds repeats too. */
    private static byte[] base64(Random random, int length) {
        byte[] source = xml(random, length * 3 / 4 + 3);
        return java.util.Arrays.copyOf(Base64.getEncoder().withoutPadding().encode(source), length);
    }

    private static byte[] xml(Random random, int length) {
        String[] words = {"<summary>", "</summary>", "<subject>", "Re: lunch", "</subject>", "<uid>", "4711",
            "</uid>", " ", "<flag>\\Seen</flag>", "2026-11-30T12:00:00.000Z", "alice@example.org", "\n"};
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(words[random.nextInt(words.length)]);
        }
        return s.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] data, int writeSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Base64AwareGzip gzip = new Base64AwareGzip(out)) {
            for (int i = 0; i < data.length; i += writeSize) {
                gzip.write(data, i, Math.min(writeSize, data.length - i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            byte[] data = in.readAllBytes();
            assertEquals(-1, in.read());
            return data;
        }
    }
}
