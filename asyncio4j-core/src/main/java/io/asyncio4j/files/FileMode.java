package io.asyncio4j.files;

import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Python file mode ({@code "r"}, {@code "w+"}, {@code "ab"}...) parsed: exactly one of
 * {@code r w a x}, then optionally {@code +} and one of {@code b t}, in any order, each once.
 * Immutable.
 * <p>
 * asyncio: the {@code mode} argument of {@code open()} (and {@code aiofiles.open()})
 */
record FileMode(String text, char kind, boolean plus, boolean binary) {

    /**
     * Parses {@code mode}.
     *
     * @throws IllegalArgumentException if it is not a valid Python file mode
     */
    static FileMode parse(String mode, String what) {
        if (mode == null) {
            throw new NullPointerException(what + ": the mode is null; use \"r\", \"w\", \"a\", \"x\" (with + or b)");
        }
        char kind = 0;
        boolean plus = false;
        boolean b = false;
        boolean t = false;
        for (int i = 0; i < mode.length(); i++) {
            char c = mode.charAt(i);
            switch (c) {
                case 'r', 'w', 'a', 'x' -> {
                    if (kind != 0) {
                        throw invalid(mode, what);
                    }
                    kind = c;
                }
                case '+' -> {
                    if (plus) {
                        throw invalid(mode, what);
                    }
                    plus = true;
                }
                case 'b' -> {
                    if (b || t) {
                        throw invalid(mode, what);
                    }
                    b = true;
                }
                case 't' -> {
                    if (b || t) {
                        throw invalid(mode, what);
                    }
                    t = true;
                }
                default -> throw invalid(mode, what);
            }
        }
        if (kind == 0) {
            throw invalid(mode, what);
        }
        return new FileMode(mode, kind, plus, b);
    }

    private static IllegalArgumentException invalid(String mode, String what) {
        return new IllegalArgumentException(what + ": invalid mode '" + mode + "'; use exactly one of r, w, a, x, "
                + "optionally with + (read and write) and b (bytes) or t (text)");
    }

    /** True if the file can be read. */
    boolean readable() {
        return kind == 'r' || plus;
    }

    /** True if the file can be written. */
    boolean writable() {
        return kind != 'r' || plus;
    }

    /** True if every write goes to the end of the file ({@code a}, {@code a+}). */
    boolean appending() {
        return kind == 'a';
    }

    /**
     * The options for {@code FileChannel.open}. {@code "a"} uses APPEND (atomic appends);
     * {@code "a+"} cannot (the JDK refuses READ with APPEND), so its writes go to the size of
     * the file at the time of writing.
     */
    Set<OpenOption> openOptions() {
        Set<OpenOption> o = new java.util.HashSet<>();
        switch (kind) {
            case 'r' -> o.add(StandardOpenOption.READ);
            case 'w' -> o.addAll(EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING));
            case 'a' -> {
                o.add(StandardOpenOption.CREATE);
                o.add(plus ? StandardOpenOption.WRITE : StandardOpenOption.APPEND);
            }
            default -> o.addAll(EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
        }
        if (plus) {
            o.add(StandardOpenOption.READ);
            o.add(StandardOpenOption.WRITE);
        }
        return o;
    }

    @Override
    public String toString() {
        return text;
    }
}
