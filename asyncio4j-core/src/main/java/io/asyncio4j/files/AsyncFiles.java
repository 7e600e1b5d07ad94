package io.asyncio4j.files;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.BlockingIo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Files from tasks without blocking the loop: {@link #open} (text) and {@link #openBinary}
 * (bytes) with Python's modes, and whole-file helpers ({@link #readString},
 * {@link #writeString}, {@link #readAllBytes}...). Every method may suspend and must be called
 * from a task.
 * <pre>{@code
 * try (AsyncTextFile f = AsyncFiles.open(path, "w")) {
 *     f.write("hello\n");
 * }
 * String all = AsyncFiles.readString(path);
 * }</pre>
 * <h2>How the disk is reached</h2>
 * Blocking {@link FileChannel} calls run on a small pool of platform threads through
 * {@code EventLoop.runInExecutor} (so the loop clock counts them as work in progress), and the
 * open files buffer 256 KiB on the loop so that most line reads and small writes never leave
 * it. Measured against {@link java.nio.channels.AsynchronousFileChannel} (whose Linux
 * implementation is itself a thread pool doing the same blocking calls), one round trip costs
 * about the same; the pool was kept because it also counts the work for the loop clock and
 * needs no second completion path (see {@code bench/FileRoundTrip.java}). Virtual threads are
 * not used: a file read pins its carrier, and on the loom engine a virtual thread started from
 * a task would run on the loop thread.
 * <h2>Temporary files and directories</h2>
 * As {@code aiofiles.tempfile} (Python's {@code tempfile} run in a thread):
 * {@link #namedTemporaryFile} / {@link #namedTemporaryTextFile} (deleted by {@code close()}),
 * {@link #temporaryFile} / {@link #temporaryTextFile} (unlinked at once: no name), and
 * {@link #temporaryDirectory} ({@link AsyncTemporaryDirectory}, removed with its contents by
 * {@code close()}). Names are {@code prefix + 8 random characters + suffix}, created exclusively,
 * mode 0600 (files) or 0700 (directories), in {@code java.io.tmpdir} unless a directory is given.
 * {@link #spooledTemporaryFile} / {@link #spooledTemporaryTextFile} keep the file in memory
 * until it grows past a size, then move it to an unnamed temporary file on disk.
 * <p>
 * Errors are the JDK's, with the file named: {@link NoSuchFileException} (Python's
 * {@code FileNotFoundError}), {@link java.nio.file.FileAlreadyExistsException} (mode
 * {@code x}), {@link java.nio.file.AccessDeniedException}, {@link FileSystemException} "Is a
 * directory".
 * <p>
 * asyncio: {@code aiofiles} ({@code aiofiles.open}, and {@code asyncio.to_thread} around
 * {@code pathlib.Path.read_text}/{@code write_text} for the helpers)
 */
public final class AsyncFiles {
    private AsyncFiles() {
    }

    // ---- opening -----------------------------------------------------------------------------------

    /**
     * Opens {@code path} in text mode, UTF-8: {@code "r"} read, {@code "w"} truncate or create,
     * {@code "a"} append or create, {@code "x"} create (it must not exist); {@code "+"} adds the
     * other direction. May suspend. asyncio: {@code await aiofiles.open(path, mode)}
     *
     * @throws IllegalArgumentException for an invalid or binary mode (use {@link #openBinary})
     * @throws NoSuchFileException if {@code path} does not exist (mode {@code r})
     */
    public static AsyncTextFile open(Path path, String mode) throws IOException {
        return open(path, mode, StandardCharsets.UTF_8);
    }

    /**
     * {@link #open(Path, String)} with an encoding. May suspend.
     * asyncio: {@code await aiofiles.open(path, mode, encoding=...)}
     */
    public static AsyncTextFile open(Path path, String mode, Charset encoding) throws IOException {
        if (encoding == null) {
            throw new NullPointerException("AsyncFiles.open(): the encoding is null; pass StandardCharsets.UTF_8");
        }
        return open(path, mode, TextOptions.defaults().withEncoding(encoding));
    }

    /**
     * {@link #open(Path, String)} with an encoding, a line-end handling and an error handler
     * ({@link TextOptions}). May suspend.
     * asyncio: {@code await aiofiles.open(path, mode, encoding=..., newline=..., errors=...)}
     */
    public static AsyncTextFile open(Path path, String mode, TextOptions options) throws IOException {
        if (options == null) {
            throw new NullPointerException("AsyncFiles.open(): the options are null; pass TextOptions.defaults()");
        }
        Charset encoding = options.encoding();
        FileMode m = FileMode.parse(mode, "AsyncFiles.open()");
        if (m.binary()) {
            throw new IllegalArgumentException("AsyncFiles.open(): mode '" + mode + "' is binary; use "
                    + "AsyncFiles.openBinary(path, \"" + mode + "\") to read and write bytes");
        }
        AsyncTextFile.checkEncoding(encoding, "AsyncFiles.open()");
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = openChannel(loop, path, m, "AsyncFiles.open()");
        return new AsyncTextFile(loop, path, m, o.channel(), o.position(), options);
    }

    /** {@link #open(Path, String)} with the path as a string. May suspend. */
    public static AsyncTextFile open(String path, String mode) throws IOException {
        return open(Path.of(path), mode);
    }

    /**
     * Opens {@code path} in binary mode ({@code "rb"}, {@code "wb"}, {@code "ab"}, {@code "xb"},
     * with {@code "+"}; the {@code b} may be left out). May suspend.
     * asyncio: {@code await aiofiles.open(path, 'rb')}
     *
     * @throws IllegalArgumentException for an invalid mode or one with {@code t}
     * @throws NoSuchFileException if {@code path} does not exist (mode {@code r})
     */
    public static AsyncBinaryFile openBinary(Path path, String mode) throws IOException {
        FileMode m = FileMode.parse(mode, "AsyncFiles.openBinary()");
        if (mode.indexOf('t') >= 0) {
            throw new IllegalArgumentException("AsyncFiles.openBinary(): mode '" + mode + "' is text; use "
                    + "AsyncFiles.open(path, mode) for text");
        }
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = openChannel(loop, path, m, "AsyncFiles.openBinary()");
        return new AsyncBinaryFile(loop, path, m, o.channel(), o.position());
    }

    /** {@link #openBinary(Path, String)} with the path as a string. May suspend. */
    public static AsyncBinaryFile openBinary(String path, String mode) throws IOException {
        return openBinary(Path.of(path), mode);
    }

    /**
     * An open channel, where the file's position starts, its path, and whether it is a temporary
     * file to delete if nobody takes the channel.
     */
    private record Opened(FileChannel channel, long position, Path path, boolean deleteIfDropped) {
        Opened(FileChannel channel, long position) {
            this(channel, position, null, false);
        }
    }

    private static Opened openChannel(EventLoop loop, Path path, FileMode m, String what) throws IOException {
        if (path == null) {
            throw new NullPointerException(what + ": the path is null");
        }
        return handOver(loop, () -> open(path, m));
    }

    /**
     * Runs {@code open} on the I/O pool and returns what it opened; if the caller is cancelled
     * meanwhile, what it opened is closed (and a temporary file deleted) instead. May suspend.
     */
    private static Opened handOver(EventLoop loop, Callable<Opened> open) throws IOException {
        // 0: the open runs; 1: it handed over its channel; 2: the opener was cancelled first
        AtomicInteger handover = new AtomicInteger();
        AtomicReference<Opened> opened = new AtomicReference<>();
        try {
            return offload(loop, () -> {
                Opened o = open.call();
                opened.set(o);
                if (!handover.compareAndSet(0, 1)) {
                    drop(o, false); // nobody waits for it any more
                }
                return o;
            });
        } catch (CancelledError e) {
            // a cancelled open must not leave its descriptor to the garbage collector (asyncio's
            // open is not interruptible either, but its file object closes when dropped)
            if (!handover.compareAndSet(0, 2)) {
                drop(opened.get(), true);
            }
            throw e;
        }
    }

    /** Closes a channel opened for nobody, and deletes its temporary file (on the I/O pool if {@code onLoop}). */
    private static void drop(Opened o, boolean onLoop) {
        try {
            o.channel().close();
        } catch (IOException ignored) {
            // closing a file opened for nobody: nothing to report to
        }
        Path p = o.path();
        if (o.deleteIfDropped()) {
            Runnable delete = () -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file made for nobody: nobody to report to
                }
            };
            if (onLoop) {
                BlockingIo.IO.execute(delete);
            } else {
                delete.run();
            }
        }
    }

    /** Opens {@code path} as {@code m} asks. Blocking: on the I/O pool. */
    private static Opened open(Path path, FileMode m) throws IOException {
        if (path.toString().isEmpty()) {
            // Path.of("") is the working directory; Python's open("") finds no file
            throw new NoSuchFileException("", null, "No such file or directory (the path is empty)");
        }
        if (Files.isDirectory(path)) {
            if (m.kind() == 'x') {
                throw new FileAlreadyExistsException(path.toString(), null, "File exists (a directory)");
            }
            throw new FileSystemException(path.toString(), null, "Is a directory");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, m.openOptions().toArray(new OpenOption[0]));
        } catch (NoSuchFileException e) {
            throw (NoSuchFileException) new NoSuchFileException(path.toString(), null, m.kind() == 'r'
                    ? "No such file (mode '" + m + "' reads an existing file; 'w', 'a' or 'x' create one)"
                    : "No such directory to create the file in").initCause(e);
        }
        long pos = m.appending() ? ch.size() : 0;
        return new Opened(ch, pos);
    }

    // ---- aiofiles.tempfile ------------------------------------------------------------------------

    /**
     * {@link #namedTemporaryFile(String, String, String, Path, boolean)} with Python's defaults:
     * mode {@code "w+b"}, prefix {@code "tmp"}, no suffix, the temporary directory, deleted on
     * close. May suspend. asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile()}
     */
    public static AsyncBinaryFile namedTemporaryFile() throws IOException {
        return namedTemporaryFile("w+b");
    }

    /**
     * {@link #namedTemporaryFile(String, String, String, Path, boolean)} with a binary mode and
     * the other defaults. May suspend. asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile(mode)}
     */
    public static AsyncBinaryFile namedTemporaryFile(String mode) throws IOException {
        return namedTemporaryFile(mode, null, null, null, true);
    }

    /**
     * Creates a new file {@code prefix + 8 random characters + suffix} in {@code dir} and opens
     * it in binary {@code mode} (any of {@link #openBinary}'s; Python's default is
     * {@code "w+b"}): created exclusively ({@code O_EXCL}, links not followed), readable and
     * writable by its owner only (0600), as Python's {@code mkstemp}. {@link AsyncFile#path()}
     * is its absolute path; if {@code delete} is true, {@link AsyncFile#close()} deletes it (and
     * so does the garbage collector, or the JVM's exit, for a file nobody closed). Null
     * arguments take Python's defaults: suffix {@code ""}, prefix {@code "tmp"}, {@code dir} the
     * JVM's temporary directory ({@code java.io.tmpdir}). Whatever the mode, the file is created
     * new and empty; a mode {@code "r"} file is one to read only (Python allows it too). May
     * suspend. asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile(mode, suffix=, prefix=, dir=, delete=)}
     *
     * @throws IllegalArgumentException for an invalid mode or one with {@code t} (use
     *         {@link #namedTemporaryTextFile(String)})
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     */
    public static AsyncBinaryFile namedTemporaryFile(String mode, String suffix, String prefix, Path dir,
            boolean delete) throws IOException {
        String what = "AsyncFiles.namedTemporaryFile()";
        FileMode m = binaryMode(mode, what, "AsyncFiles.namedTemporaryTextFile(mode)");
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = createNamed(loop, m, suffix, prefix, dir, delete);
        AsyncBinaryFile f = new AsyncBinaryFile(loop, o.path(), m, o.channel(), 0);
        if (delete) {
            f.deleteOnClose();
        }
        return f;
    }

    /**
     * {@link #namedTemporaryTextFile(String, Charset, String, String, Path, boolean)} in UTF-8
     * with the other defaults. May suspend.
     * asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile('w+')}
     */
    public static AsyncTextFile namedTemporaryTextFile(String mode) throws IOException {
        return namedTemporaryTextFile(mode, StandardCharsets.UTF_8, null, null, null, true);
    }

    /**
     * {@link #namedTemporaryFile(String, String, String, Path, boolean)} in text mode
     * ({@code "w+"}, {@code "w"}, {@code "r+"}...; {@link #open}'s modes) in {@code encoding}.
     * May suspend.
     * asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile('w+', encoding=, suffix=, prefix=, dir=, delete=)}
     *
     * @throws IllegalArgumentException for an invalid or binary mode (use {@link #namedTemporaryFile(String)})
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     */
    public static AsyncTextFile namedTemporaryTextFile(String mode, Charset encoding, String suffix, String prefix,
            Path dir, boolean delete) throws IOException {
        return namedTemporaryTextFile(mode, textOptions(encoding, "AsyncFiles.namedTemporaryTextFile()"), suffix,
                prefix, dir, delete);
    }

    /**
     * {@link #namedTemporaryTextFile(String, TextOptions, String, String, Path, boolean)} with the
     * other defaults. May suspend.
     * asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile('w+', encoding=, newline=, errors=)}
     */
    public static AsyncTextFile namedTemporaryTextFile(String mode, TextOptions options) throws IOException {
        return namedTemporaryTextFile(mode, options, null, null, null, true);
    }

    /**
     * {@link #namedTemporaryFile(String, String, String, Path, boolean)} in text mode
     * ({@code "w+"}, {@code "w"}, {@code "r+"}...; {@link #open}'s modes) with {@code options}:
     * encoding, line ends and error handler, as {@link #open(Path, String, TextOptions)}. May
     * suspend.
     * asyncio: {@code await aiofiles.tempfile.NamedTemporaryFile('w+', encoding=, newline=, errors=, suffix=,
     * prefix=, dir=, delete=)} (Python 3.13's {@code tempfile.NamedTemporaryFile}; aiofiles 23 passes
     * no {@code errors=} on)
     *
     * @throws IllegalArgumentException for an invalid or binary mode (use {@link #namedTemporaryFile(String)})
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     */
    public static AsyncTextFile namedTemporaryTextFile(String mode, TextOptions options, String suffix,
            String prefix, Path dir, boolean delete) throws IOException {
        String what = "AsyncFiles.namedTemporaryTextFile()";
        FileMode m = textMode(mode, options, what, "AsyncFiles.namedTemporaryFile(mode)");
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = createNamed(loop, m, suffix, prefix, dir, delete);
        AsyncTextFile f = new AsyncTextFile(loop, o.path(), m, o.channel(), 0, options);
        if (delete) {
            f.deleteOnClose();
        }
        return f;
    }

    /**
     * {@link #temporaryFile(String, String, String, Path)} with Python's defaults: mode
     * {@code "w+b"} in the temporary directory. May suspend.
     * asyncio: {@code await aiofiles.tempfile.TemporaryFile()}
     */
    public static AsyncBinaryFile temporaryFile() throws IOException {
        return temporaryFile("w+b", null, null, null);
    }

    /**
     * {@link #temporaryFile(String, String, String, Path)} with a binary mode and the other
     * defaults. May suspend. asyncio: {@code await aiofiles.tempfile.TemporaryFile(mode)}
     */
    public static AsyncBinaryFile temporaryFile(String mode) throws IOException {
        return temporaryFile(mode, null, null, null);
    }

    /**
     * A temporary file without a name: created as {@link #namedTemporaryFile} creates one, then
     * at once unlinked while it stays open, so nothing of it is left on disk when it is closed
     * (or the process ends). {@link AsyncFile#path()} is null (Python's {@code name} is the
     * descriptor number). Write, {@code seek(0)}, read back. May suspend.
     * asyncio: {@code await aiofiles.tempfile.TemporaryFile(mode, suffix=, prefix=, dir=)}
     *
     * @throws IllegalArgumentException for an invalid mode or one with {@code t} (use {@link #temporaryTextFile})
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     */
    public static AsyncBinaryFile temporaryFile(String mode, String suffix, String prefix, Path dir)
            throws IOException {
        FileMode m = binaryMode(mode, "AsyncFiles.temporaryFile()", "AsyncFiles.temporaryTextFile(mode)");
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = createUnnamed(loop, m, suffix, prefix, dir);
        return new AsyncBinaryFile(loop, null, m, o.channel(), 0);
    }

    /**
     * {@link #temporaryFile(String, String, String, Path)} in text mode, UTF-8. May suspend.
     * asyncio: {@code await aiofiles.tempfile.TemporaryFile('w+')}
     */
    public static AsyncTextFile temporaryTextFile(String mode) throws IOException {
        return temporaryTextFile(mode, StandardCharsets.UTF_8, null, null, null);
    }

    /**
     * {@link #temporaryFile(String, String, String, Path)} in text mode ({@link #open}'s modes)
     * in {@code encoding}. May suspend.
     * asyncio: {@code await aiofiles.tempfile.TemporaryFile('w+', encoding=, suffix=, prefix=, dir=)}
     */
    public static AsyncTextFile temporaryTextFile(String mode, Charset encoding, String suffix, String prefix,
            Path dir) throws IOException {
        return temporaryTextFile(mode, textOptions(encoding, "AsyncFiles.temporaryTextFile()"), suffix, prefix, dir);
    }

    /**
     * {@link #temporaryTextFile(String, TextOptions, String, String, Path)} with the other
     * defaults. May suspend. asyncio: {@code await aiofiles.tempfile.TemporaryFile('w+', encoding=, newline=, errors=)}
     */
    public static AsyncTextFile temporaryTextFile(String mode, TextOptions options) throws IOException {
        return temporaryTextFile(mode, options, null, null, null);
    }

    /**
     * {@link #temporaryFile(String, String, String, Path)} in text mode ({@link #open}'s modes)
     * with {@code options}: encoding, line ends and error handler, as
     * {@link #open(Path, String, TextOptions)}. May suspend.
     * asyncio: {@code await aiofiles.tempfile.TemporaryFile('w+', encoding=, newline=, errors=, suffix=, prefix=,
     * dir=)} (Python 3.13's {@code tempfile.TemporaryFile})
     */
    public static AsyncTextFile temporaryTextFile(String mode, TextOptions options, String suffix, String prefix,
            Path dir) throws IOException {
        FileMode m = textMode(mode, options, "AsyncFiles.temporaryTextFile()", "AsyncFiles.temporaryFile(mode)");
        EventLoop loop = EventLoop.getRunningLoop();
        Opened o = createUnnamed(loop, m, suffix, prefix, dir);
        return new AsyncTextFile(loop, null, m, o.channel(), 0, options);
    }

    /**
     * {@link #spooledTemporaryFile(long, String, String, String, Path)} with Python's defaults:
     * mode {@code "w+b"}, in the temporary directory once rolled over. Does not suspend.
     * asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size)}
     */
    public static AsyncSpooledBinaryFile spooledTemporaryFile(long maxSize) {
        return spooledTemporaryFile(maxSize, "w+b", null, null, null);
    }

    /**
     * A binary temporary file held in memory until a write takes its position past
     * {@code maxSize} bytes (0: never by itself), then moved to a temporary file on disk made as
     * {@link #temporaryFile(String, String, String, Path)} makes one (so {@code suffix},
     * {@code prefix} and {@code dir} only matter then, and a bad {@code dir} is reported by that
     * write or {@link AsyncSpooledBinaryFile#rollover()}). Does not suspend: nothing is created
     * yet. asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size, mode, suffix=, prefix=, dir=)}
     *
     * @throws IllegalArgumentException for an invalid mode, one with {@code t} (use
     *         {@link #spooledTemporaryTextFile}) or an appending one ({@code a})
     */
    public static AsyncSpooledBinaryFile spooledTemporaryFile(long maxSize, String mode, String suffix,
            String prefix, Path dir) {
        String what = "AsyncFiles.spooledTemporaryFile()";
        FileMode m = spoolMode(binaryMode(mode, what, "AsyncFiles.spooledTemporaryTextFile(maxSize, mode, options)"),
                what);
        return new AsyncSpooledBinaryFile(EventLoop.getRunningLoop(), m, spool(m, suffix, prefix, dir), maxSize);
    }

    /**
     * {@link #spooledTemporaryTextFile(long, String, TextOptions, String, String, Path)} in the
     * temporary directory. Does not suspend.
     * asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size, 'w+', encoding=, newline=)}
     */
    public static AsyncSpooledTextFile spooledTemporaryTextFile(long maxSize, String mode, TextOptions options) {
        return spooledTemporaryTextFile(maxSize, mode, options, null, null, null);
    }

    /**
     * {@link #spooledTemporaryFile(long, String, String, String, Path)} in text mode
     * ({@code "w+"}...), with the encoding, line ends and error handler of {@code options};
     * {@code maxSize} counts encoded bytes. Does not suspend.
     * asyncio: {@code aiofiles.tempfile.SpooledTemporaryFile(max_size, 'w+', encoding=, newline=, suffix=,
     * prefix=, dir=)}; Python 3.13's {@code tempfile.SpooledTemporaryFile} also takes {@code errors=}
     *
     * @throws IllegalArgumentException for an invalid, binary or appending mode
     */
    public static AsyncSpooledTextFile spooledTemporaryTextFile(long maxSize, String mode, TextOptions options,
            String suffix, String prefix, Path dir) {
        String what = "AsyncFiles.spooledTemporaryTextFile()";
        FileMode m = spoolMode(textMode(mode, options, what, "AsyncFiles.spooledTemporaryFile(maxSize, mode, ...)"),
                what);
        return new AsyncSpooledTextFile(EventLoop.getRunningLoop(), m, spool(m, suffix, prefix, dir), maxSize,
                options);
    }

    private static FileMode spoolMode(FileMode m, String what) {
        if (m.kind() == 'a') {
            throw new IllegalArgumentException(what + ": mode '" + m.text() + "' appends, which a spooled file "
                    + "does not do; use 'w+' or 'w+b' and seek to the end");
        }
        return m;
    }

    /** The in-memory channel, which makes its disk file (unnamed) at rollover. */
    private static SpoolChannel spool(FileMode m, String suffix, String prefix, Path dir) {
        Path d = TempFiles.directory(dir);
        String pre = prefix != null ? prefix : TempFiles.TEMPLATE;
        String suf = suffix != null ? suffix : "";
        return new SpoolChannel(() -> TempFiles.createUnlinked(d, pre, suf, m));
    }

    /**
     * {@link #temporaryDirectory(String, String, Path)} with Python's defaults: prefix
     * {@code "tmp"}, in the temporary directory. May suspend.
     * asyncio: {@code async with aiofiles.tempfile.TemporaryDirectory() as name}
     */
    public static AsyncTemporaryDirectory temporaryDirectory() throws IOException {
        return temporaryDirectory(null, null, null);
    }

    /**
     * Creates a new directory {@code prefix + 8 random characters + suffix} in {@code dir}, mode
     * 0700, as Python's {@code mkdtemp}; {@link AsyncTemporaryDirectory#close()} removes it with
     * everything in it. Null arguments take Python's defaults (suffix {@code ""}, prefix
     * {@code "tmp"}, {@code dir} the JVM's {@code java.io.tmpdir}). May suspend.
     * asyncio: {@code async with aiofiles.tempfile.TemporaryDirectory(suffix, prefix, dir) as name}
     *
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     */
    public static AsyncTemporaryDirectory temporaryDirectory(String suffix, String prefix, Path dir)
            throws IOException {
        EventLoop loop = EventLoop.getRunningLoop();
        Path d = TempFiles.directory(dir);
        String pre = prefix != null ? prefix : TempFiles.TEMPLATE;
        String suf = suffix != null ? suffix : "";
        // made on the pool: if the caller was cancelled meanwhile, the dropped object's cleaner
        // removes the directory, as Python's finalizer removes one whose object was dropped
        return offload(loop, () -> new AsyncTemporaryDirectory(TempFiles.createDirectory(d, pre, suf)));
    }

    private static FileMode binaryMode(String mode, String what, String textMethod) {
        FileMode m = FileMode.parse(mode, what);
        if (mode.indexOf('t') >= 0) {
            throw new IllegalArgumentException(what + ": mode '" + mode + "' is text; use " + textMethod
                    + " for text");
        }
        return m;
    }

    private static FileMode textMode(String mode, TextOptions options, String what, String binaryMethod) {
        FileMode m = FileMode.parse(mode, what);
        if (m.binary()) {
            throw new IllegalArgumentException(what + ": mode '" + mode + "' is binary; use " + binaryMethod
                    + " to read and write bytes");
        }
        if (options == null) {
            throw new NullPointerException(what + ": the options are null; pass TextOptions.defaults()");
        }
        AsyncTextFile.checkEncoding(options.encoding(), what);
        return m;
    }

    private static TextOptions textOptions(Charset encoding, String what) {
        if (encoding == null) {
            throw new NullPointerException(what + ": the encoding is null; pass StandardCharsets.UTF_8");
        }
        return TextOptions.defaults().withEncoding(encoding);
    }

    /** Creates a named temporary file on the I/O pool. May suspend. */
    private static Opened createNamed(EventLoop loop, FileMode m, String suffix, String prefix, Path dir,
            boolean delete) throws IOException {
        Path d = TempFiles.directory(dir);
        String pre = prefix != null ? prefix : TempFiles.TEMPLATE;
        String suf = suffix != null ? suffix : "";
        return handOver(loop, () -> {
            TempFiles.Created c = TempFiles.createFile(d, pre, suf, m);
            // a file made for a cancelled caller goes as Python's goes when its wrapper is collected
            return new Opened(c.channel(), 0, c.path(), delete);
        });
    }

    /** Creates a temporary file and unlinks it, on the I/O pool. May suspend. */
    private static Opened createUnnamed(EventLoop loop, FileMode m, String suffix, String prefix, Path dir)
            throws IOException {
        Path d = TempFiles.directory(dir);
        String pre = prefix != null ? prefix : TempFiles.TEMPLATE;
        String suf = suffix != null ? suffix : "";
        return handOver(loop, () -> new Opened(TempFiles.createUnlinked(d, pre, suf, m), 0));
    }

    // ---- whole files --------------------------------------------------------------------------------

    /** The whole file. May suspend. asyncio: {@code await asyncio.to_thread(path.read_bytes)} */
    public static byte[] readAllBytes(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.readAllBytes(path));
    }

    /** The whole file as UTF-8 text. May suspend. asyncio: {@code await asyncio.to_thread(path.read_text)} */
    public static String readString(Path path) throws IOException {
        return readString(path, StandardCharsets.UTF_8);
    }

    /**
     * The whole file as text in {@code encoding} (malformed input raises, as
     * {@link Files#readString(Path, Charset)}). May suspend.
     */
    public static String readString(Path path, Charset encoding) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.readString(path, encoding));
    }

    /** The lines of a UTF-8 file, without their line ends. May suspend. asyncio: {@code path.read_text().splitlines()} */
    public static List<String> readAllLines(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code data} to {@code path} (by default creating or truncating it; pass
     * {@link java.nio.file.StandardOpenOption#APPEND} to append). May suspend.
     * asyncio: {@code await asyncio.to_thread(path.write_bytes, data)}
     */
    public static void write(Path path, byte[] data, OpenOption... options) throws IOException {
        byte[] copy = data.clone();
        offload(EventLoop.getRunningLoop(), () -> Files.write(path, copy, options));
    }

    /** Writes {@code text} as UTF-8; options as {@link #write}. May suspend. asyncio: {@code path.write_text(text)} */
    public static void writeString(Path path, CharSequence text, OpenOption... options) throws IOException {
        writeString(path, text, StandardCharsets.UTF_8, options);
    }

    /** Writes {@code text} in {@code encoding}; options as {@link #write}. May suspend. */
    public static void writeString(Path path, CharSequence text, Charset encoding, OpenOption... options)
            throws IOException {
        String s = text.toString();
        offload(EventLoop.getRunningLoop(), () -> Files.writeString(path, s, encoding, options));
    }

    /** The size in bytes. May suspend. asyncio: {@code await aiofiles.os.path.getsize(path)} */
    public static long size(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.size(path));
    }

    /** True if {@code path} exists. May suspend. asyncio: {@code await aiofiles.os.path.exists(path)} */
    public static boolean exists(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.exists(path));
    }

    /** Deletes {@code path} if it exists; returns whether it did. May suspend. asyncio: {@code await aiofiles.os.remove(path)} */
    public static boolean deleteIfExists(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.deleteIfExists(path));
    }

    // ---- aiofiles.os: the file system calls, off the loop thread ----------------------------------

    /**
     * Deletes the file {@code path} (a symbolic link itself, not what it points to); a directory,
     * even an empty one, is refused as {@code os.remove} refuses it: use {@link #rmdir}. May
     * suspend. asyncio: {@code await aiofiles.os.remove(path)}
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist (Python's FileNotFoundError)
     * @throws java.nio.file.FileSystemException "Is a directory" for a directory (Python's IsADirectoryError)
     */
    public static void remove(Path path) throws IOException {
        offload(EventLoop.getRunningLoop(), () -> {
            // Files.delete would remove an empty directory too (remove(3)); os.remove is unlink(2)
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.FileSystemException(path.toString(), null,
                        "Is a directory; AsyncFiles.remove() deletes files, use AsyncFiles.rmdir() for a directory");
            }
            Files.delete(path);
            return null;
        });
    }

    /**
     * Renames {@code source} to {@code target} with one {@code rename(2)}, as {@code os.rename}
     * on POSIX: a target file is replaced, atomically; moving across file systems fails. May
     * suspend. asyncio: {@code await aiofiles.os.rename(src, dst)}
     */
    public static void rename(Path source, Path target) throws IOException {
        offload(EventLoop.getRunningLoop(),
                () -> Files.move(source, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE));
    }

    /** {@link #rename}, which replaces a target on every platform here. asyncio: {@code await aiofiles.os.replace(src, dst)} */
    public static void replace(Path source, Path target) throws IOException {
        rename(source, target);
    }

    /**
     * Creates the directory {@code path}; its parent must exist. May suspend.
     * asyncio: {@code await aiofiles.os.mkdir(path)}
     *
     * @throws FileAlreadyExistsException if it exists
     */
    public static void mkdir(Path path) throws IOException {
        offload(EventLoop.getRunningLoop(), () -> Files.createDirectory(path));
    }

    /**
     * Creates the directory {@code path} and the missing parents; nothing if it exists. May
     * suspend. asyncio: {@code await aiofiles.os.makedirs(path, exist_ok=True)}
     */
    public static void makedirs(Path path) throws IOException {
        offload(EventLoop.getRunningLoop(), () -> Files.createDirectories(path));
    }

    /**
     * Deletes the empty directory {@code path}. May suspend. asyncio: {@code await aiofiles.os.rmdir(path)}
     *
     * @throws java.nio.file.DirectoryNotEmptyException if it is not empty
     * @throws java.nio.file.NoSuchFileException if it does not exist (Python's FileNotFoundError)
     * @throws java.nio.file.NotDirectoryException if it is not a directory (Python's NotADirectoryError)
     */
    public static void rmdir(Path path) throws IOException {
        offload(EventLoop.getRunningLoop(), () -> {
            if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.NoSuchFileException(path.toString());
            }
            if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.NotDirectoryException(path.toString());
            }
            Files.delete(path);
            return null;
        });
    }

    /**
     * The names of the entries of directory {@code path}, in the order the file system lists them
     * (as {@code os.listdir}: not sorted, without "." and ".."). May suspend.
     * asyncio: {@code await aiofiles.os.listdir(path)}
     */
    public static List<String> listdir(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> {
            try (var entries = Files.newDirectoryStream(path)) {
                List<String> names = new java.util.ArrayList<>();
                for (Path e : entries) {
                    names.add(e.getFileName().toString());
                }
                return names;
            }
        });
    }

    /**
     * The file's attributes: size, times, kind. May suspend. asyncio: {@code await aiofiles.os.stat(path)}
     */
    public static java.nio.file.attribute.BasicFileAttributes stat(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(),
                () -> Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class));
    }

    /** True for a regular file (links followed). May suspend. asyncio: {@code await aiofiles.os.path.isfile(path)} */
    public static boolean isFile(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.isRegularFile(path));
    }

    /** True for a directory (links followed). May suspend. asyncio: {@code await aiofiles.os.path.isdir(path)} */
    public static boolean isDirectory(Path path) throws IOException {
        return offload(EventLoop.getRunningLoop(), () -> Files.isDirectory(path));
    }

    static <T> T offload(EventLoop loop, Callable<T> call) throws IOException {
        return loop.runInExecutor(BlockingIo.IO, call).await();
    }

    /**
     * {@link #offload}, but waits for the call to end even if the caller is cancelled meanwhile,
     * then raises the cancellation: for clean-ups, which run whole in aiofiles' thread however
     * their awaiter ends. May suspend.
     */
    static <T> T offloadWhole(EventLoop loop, Callable<T> call) throws IOException {
        io.asyncio4j.Future<T> job = loop.runInExecutor(BlockingIo.IO, call);
        CancelledError cancelled = null;
        T result;
        while (true) {
            try {
                result = io.asyncio4j.Asyncio.shield(job);
                break;
            } catch (CancelledError e) {
                if (job.isCancelled()) {
                    throw e;
                }
                if (cancelled == null) {
                    cancelled = e;
                }
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
        return result;
    }
}
