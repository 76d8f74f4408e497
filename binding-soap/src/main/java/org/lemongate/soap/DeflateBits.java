package org.lemongate.soap;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Deflate's bit order (RFC 1951, 3.1.1): fields packed from the least significant bit of each byte, buffered and
 * written to a stream in whole bytes. Huffman codes are stored already bit-reversed, so every write is one shift.
 */
final class DeflateBits {

    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final OutputStream out;
    private final byte[] buffer = new byte[16384];
    private int filled;
    private long bits;
    private int count;

    DeflateBits(OutputStream out) {
        this.out = out;
    }

    /** Appends the low {@code length} bits of {@code value}, {@code length} at most 16. */
    void write(int value, int length) throws IOException {
        bits |= (long) value << count;
        count += length;
        if (count >= 32) {
            spill();
        }
    }

    /**
     * Codes {@code data[from..to)} up to the first byte the code has no symbol for. {@code codes} has, per byte
     * value, the code's length in the high 16 bits and the reversed code in the low 16 (0: no symbol);
     * {@code pairs} has the same for two bytes at once (index: first byte times 256 plus second; 0 if either has no
     * symbol), which halves the work per byte.
     *
     * @return the index of the first byte without a symbol, or {@code to} if all were coded
     */
    int code(byte[] data, int from, int to, int[] codes, int[] pairs) throws IOException {
        long pending = bits;
        int used = count;
        int i = from;
        byte[] out = buffer;
        int at = filled;
        boolean stopped = false;
        while (!stopped && to - i >= 2) {
            // Each pair adds at most 14 bits: code as many as surely fit before the buffer must be drained, so
            // that the inner loop keeps everything in registers and checks nothing but the data.
            int fit = (out.length - at - 8) * 8 / 14;
            if (fit < 64) {
                filled = at;
                drain();
                at = 0;
                continue;
            }
            int limit = i + 2 * Math.min(fit, (to - i) / 2);
            for (; i < limit; i += 2) {
                int code = pairs[(data[i] & 0xff) << 8 | data[i + 1] & 0xff];
                if (code == 0) {
                    stopped = true;
                    break;
                }
                pending |= (long) (code & 0xffff) << used;
                used += code >>> 16;
                if (used >= 32) {
                    LITTLE_ENDIAN_INT.set(out, at, (int) pending);
                    at += 4;
                    pending >>>= 32;
                    used -= 32;
                }
            }
        }
        filled = at;
        // At most one byte is left that has a symbol: the last of an odd count, or the first of a failed pair.
        for (; i < to; i++) {
            int code = codes[data[i] & 0xff];
            if (code == 0) {
                break;
            }
            pending |= (long) (code & 0xffff) << used;
            used += code >>> 16;
        }
        bits = pending;
        count = used;
        if (count >= 32) {
            spill();
        }
        return i;
    }

    /**
     * Ends the bits on a byte boundary with an empty stored block (RFC 1951, 3.2.4) and writes everything out, so
     * that whatever follows (zlib's next output) starts on a byte of its own.
     */
    void alignWithEmptyStoredBlock() throws IOException {
        write(0, 3);
        write(0, (8 - count % 8) % 8);
        write(0x0000, 16);
        write(0xffff, 16);
        while (count > 0) {
            buffer(1);
            buffer[filled++] = (byte) bits;
            bits >>>= 8;
            count -= 8;
        }
        drain();
    }

    private void spill() throws IOException {
        buffer(4);
        LITTLE_ENDIAN_INT.set(buffer, filled, (int) bits);
        filled += 4;
        bits >>>= 32;
        count -= 32;
    }

    private void buffer(int room) throws IOException {
        if (filled > buffer.length - room) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buffer, 0, filled);
        filled = 0;
    }
}
