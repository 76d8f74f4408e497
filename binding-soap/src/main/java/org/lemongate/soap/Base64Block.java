package org.lemongate.soap;

import java.io.IOException;
import java.util.Arrays;

/**
 * A deflate block (RFC 1951, 3.2.7: compressed with dynamic Huffman codes) that holds base64 text as literals under
 * one fixed code: 63 of the 64 base64 characters get 6 bits, {@code /} and end-of-block 7 (one character has to
 * give up a bit for end-of-block; which one hardly matters). There is nothing to search and nothing to count: two
 * characters are one table lookup and a shift, and 4 characters of base64 cost about 3 bytes, what the bytes they
 * encode would take raw. Any other byte ends the block.
 */
final class Base64Block {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int END_OF_BLOCK = 256;
    private static final int LITERAL_CODES = 257;
    private static final int DISTANCE_CODES = 2;
    /** RFC 1951's order of the code length code's lengths in a block header. */
    private static final int[] LENGTH_CODE_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Per byte value: the 6- or 7-bit code (reversed, low 16 bits) and its length (high 16), 0 if not base64. */
    private static final int[] CODES = new int[256];
    /** The same for two bytes at once: both codes, the first in the low bits, and their total length. */
    private static final int[] PAIRS = new int[256 * 256];
    private static final int END_CODE;
    /** The block's header as (value, bit count) pairs; the same for every block. */
    private static final int[] HEADER;

    static {
        int[] lengths = new int[LITERAL_CODES + DISTANCE_CODES];
        for (char c : ALPHABET.toCharArray()) {
            lengths[c] = c == '/' ? 7 : 6;
        }
        lengths[END_OF_BLOCK] = 7;
        // Two distance codes of one bit: a complete code, which every inflater accepts, though none is used.
        lengths[LITERAL_CODES] = 1;
        lengths[LITERAL_CODES + 1] = 1;
        int[] literal = canonical(Arrays.copyOf(lengths, LITERAL_CODES));
        for (char c : ALPHABET.toCharArray()) {
            CODES[c] = lengths[c] << 16 | literal[c];
        }
        for (char first : ALPHABET.toCharArray()) {
            for (char second : ALPHABET.toCharArray()) {
                int firstLength = lengths[first];
                PAIRS[first << 8 | second] = (firstLength + lengths[second]) << 16
                        | literal[first] | literal[second] << firstLength;
            }
        }
        END_CODE = literal[END_OF_BLOCK];
        HEADER = header(lengths);
    }

    private Base64Block() {
    }

    /** Whether {@code b} is one of the 64 characters a block can hold ({@code =} is not). */
    static boolean isBase64(byte b) {
        return CODES[b & 0xff] != 0;
    }

    /** Starts a block (not the last of the stream). */
    static void open(DeflateBits out) throws IOException {
        for (int i = 0; i < HEADER.length; i += 2) {
            out.write(HEADER[i], HEADER[i + 1]);
        }
    }

    /**
     * Codes the base64 characters at the start of {@code data[from..to)} into the open block.
     *
     * @return the index of the first byte that is not base64, or {@code to}
     */
    static int code(DeflateBits out, byte[] data, int from, int to) throws IOException {
        return out.code(data, from, to, CODES, PAIRS);
    }

    /** Ends the block. */
    static void close(DeflateBits out) throws IOException {
        out.write(END_CODE, 7);
    }

    /**
     * The block header for these code lengths: the block type, the code counts, a code for the lengths
     * (symbols 0-18), and the lengths in it, zero runs as symbols 17 and 18.
     */
    private static int[] header(int[] lengths) {
        IntPairs symbols = new IntPairs();
        for (int i = 0; i < lengths.length; ) {
            int run = 1;
            while (lengths[i] == 0 && i + run < lengths.length && lengths[i + run] == 0 && run < 138) {
                run++;
            }
            if (run >= 11) {
                symbols.add(18, run - 11);
            } else if (run >= 3) {
                symbols.add(17, run - 3);
            } else {
                run = 1;
                symbols.add(lengths[i], 0);
            }
            i += run;
        }
        int[] lengthCodeLengths = new int[19];
        for (int i = 0; i < symbols.size(); i++) {
            lengthCodeLengths[symbols.first(i)] = 1;
        }
        assignCompleteLengths(lengthCodeLengths);
        int[] lengthCodes = canonical(lengthCodeLengths);
        int sent = LENGTH_CODE_ORDER.length;
        while (lengthCodeLengths[LENGTH_CODE_ORDER[sent - 1]] == 0) {
            sent--;
        }

        IntPairs header = new IntPairs();
        header.add(0, 1);               // BFINAL: more blocks follow
        header.add(2, 2);               // BTYPE: dynamic Huffman codes
        header.add(LITERAL_CODES - 257, 5);
        header.add(DISTANCE_CODES - 1, 5);
        header.add(sent - 4, 4);
        for (int i = 0; i < sent; i++) {
            header.add(lengthCodeLengths[LENGTH_CODE_ORDER[i]], 3);
        }
        for (int i = 0; i < symbols.size(); i++) {
            int symbol = symbols.first(i);
            header.add(lengthCodes[symbol], lengthCodeLengths[symbol]);
            if (symbol == 17) {
                header.add(symbols.second(i), 3);
            } else if (symbol == 18) {
                header.add(symbols.second(i), 7);
            }
        }
        return header.toArray();
    }

    /**
     * Gives the used symbols (marked 1) lengths that form a complete prefix code, as inflaters require of the code
     * length code: the first symbols get the shorter length of the two that fit.
     */
    private static void assignCompleteLengths(int[] marked) {
        int used = 0;
        for (int length : marked) {
            used += length;
        }
        int longer = 32 - Integer.numberOfLeadingZeros(used - 1);
        int shorter = (1 << longer) - used;
        for (int symbol = 0; symbol < marked.length; symbol++) {
            if (marked[symbol] != 0) {
                marked[symbol] = shorter-- > 0 ? longer - 1 : longer;
            }
        }
    }

    /** RFC 1951, 3.2.2: the canonical code for these lengths, each code bit-reversed for deflate's bit order. */
    private static int[] canonical(int[] lengths) {
        int[] perLength = new int[16];
        for (int length : lengths) {
            perLength[length]++;
        }
        perLength[0] = 0;
        int[] next = new int[16];
        int code = 0;
        for (int bits = 1; bits < 16; bits++) {
            code = (code + perLength[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int symbol = 0; symbol < lengths.length; symbol++) {
            int length = lengths[symbol];
            if (length != 0) {
                codes[symbol] = Integer.reverse(next[length]++) >>> (32 - length);
            }
        }
        return codes;
    }

    /** A growable list of int pairs. */
    private static final class IntPairs {
        private int[] values = new int[64];
        private int size;

        void add(int first, int second) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = first;
            values[size++] = second;
        }

        int size() {
            return size / 2;
        }

        int first(int i) {
            return values[2 * i];
        }

        int second(int i) {
            return values[2 * i + 1];
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
