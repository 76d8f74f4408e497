package org.lemongate.jackrabbit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a class file names, read from its bytes (JVMS chapter 4): every UTF-8 string of its constant pool, and the
 * subset the JVM links against (class references, member descriptors, method types). The distinction matters
 * because a generic {@code Signature} attribute is only read by reflection, while a linkage reference to a missing
 * class fails at run time.
 */
final class ClassFileReferences {

    private static final int MAGIC = 0xCAFEBABE;

    private final List<String> strings;
    private final Set<String> linked;

    private ClassFileReferences(List<String> strings, Set<String> linked) {
        this.strings = strings;
        this.linked = linked;
    }

    /** Every UTF-8 constant of the pool. */
    List<String> strings() {
        return strings;
    }

    /** Class names and type descriptors the JVM resolves when linking the class. */
    Set<String> linked() {
        return linked;
    }

    static ClassFileReferences read(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> linkedIndices = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 16 -> linkedIndices.add(in.readUnsignedShort()); // Class, MethodType
                case 8, 19, 20 -> in.readUnsignedShort(); // String, Module, Package
                case 12 -> { // NameAndType: the descriptor is linked, the name is not
                    in.readUnsignedShort();
                    linkedIndices.add(in.readUnsignedShort());
                }
                case 3, 4, 9, 10, 11, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> { // Long and Double take two slots
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.skipNBytes(2L * in.readUnsignedShort());
        for (int members = 0; members < 2; members++) {
            int n = in.readUnsignedShort();
            for (int m = 0; m < n; m++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                linkedIndices.add(in.readUnsignedShort());
                skipAttributes(in);
            }
        }
        List<String> strings = new ArrayList<>();
        for (String s : utf8) {
            if (s != null) {
                strings.add(s);
            }
        }
        Set<String> linked = new HashSet<>();
        for (int index : linkedIndices) {
            linked.add(utf8[index]);
        }
        return new ClassFileReferences(strings, linked);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int a = 0; a < n; a++) {
            in.readUnsignedShort();
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }
}
