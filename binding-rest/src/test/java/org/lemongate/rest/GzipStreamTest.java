package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class GzipStreamTest {

    @Test
    void pooledDeflatersWriteValidGzipAgainAndAgain() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 40; round++) {
            byte[] data = sample(random, round * 7919);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            GzipStream gzip = new GzipStream(zipped);
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, 1 + random.nextInt(20_000));
                gzip.write(data, at, n);
                at += n;
            }
            gzip.finish();
            gzip.finish();
            // GZIPInputStream checks the trailer's CRC-32 and length.
            assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(zipped.toByteArray())).readAllBytes());
        }
    }

    @Test
    void flushSendsNothingAheadOfTheRest() throws IOException {
        int[] flushes = {0};
        ByteArrayOutputStream zipped = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        GzipStream gzip = new GzipStream(zipped);
        byte[] data = "{\"items\":[]}".getBytes(StandardCharsets.US_ASCII);
        gzip.write(data, 0, data.length);
        gzip.flush();
        assertEquals(0, flushes[0]);
        assertEquals(10, zipped.size(), "only the gzip header before finish()");
        gzip.finish();
        assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(zipped.toByteArray())).readAllBytes());
    }

    @Test
    void aReleasedStreamTakesNoMoreData() throws IOException {
        GzipStream gzip = new GzipStream(new ByteArrayOutputStream());
        gzip.write('x');
        gzip.release();
        assertThrows(IOException.class, () -> gzip.write('y'));
    }

    private static byte[] sample(Random random, int size) {
        StringBuilder text = new StringBuilder(size);
        while (text.length() < size) {
            text.append("{\"subject\":\"message ").append(random.nextInt(1000)).append("\",\"flags\":[\"seen\"]},");
        }
        byte[] bytes = text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length / 10; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
        }
        return bytes;
    }
}
