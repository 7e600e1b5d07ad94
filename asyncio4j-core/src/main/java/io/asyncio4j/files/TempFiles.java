package io.asyncio4j.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Python's {@code tempfile} rules for making temporary files and directories, as blocking calls
 * (run them on the I/O pool): a name {@code prefix + 8 random characters + suffix} in
 * {@code dir}, created exclusively ({@code O_CREAT|O_EXCL|O_NOFOLLOW}), a new name tried while
 * one exists, mode 0600 for a file and 0700 for a directory (less the umask, as
 * {@code os.open}/{@code os.mkdir}). Stateless.
 * <p>
 * asyncio: {@code tempfile._mkstemp_inner}, {@code tempfile.mkdtemp},
 * {@code tempfile._RandomNameSequence}, {@code TemporaryDirectory._rmtree}
 */
final class TempFiles {
    /** The default prefix. asyncio: {@code tempfile.template} */
    static final String TEMPLATE = "tmp";
    /** The characters of the random part. asyncio: {@code _RandomNameSequence.characters} */
    private static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    /** Names tried before giving up: glibc's {@code TMP_MAX}, Python's {@code os.TMP_MAX} on Linux. */
    static final int TMP_MAX = 238_328;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Set<PosixFilePermission> FILE_PERMS =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> DIR_PERMS = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** A file made by {@link #createFile}: its path and a channel open on it. */
    record Created(Path path, FileChannel channel) {
    }

    private TempFiles() {
    }

    /** Eight random characters. asyncio: {@code next(tempfile._get_candidate_names())} */
    static String randomName() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = CHARACTERS.charAt(RANDOM.nextInt(CHARACTERS.length()));
        }
        return new String(c);
    }

    /**
     * The directory to create in: {@code dir} made absolute, or the JVM's temporary directory
     * ({@code java.io.tmpdir}) if it is null. asyncio: {@code os.path.abspath(dir or gettempdir())}
     */
    static Path directory(Path dir) {
        Path d = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
        return d.toAbsolutePath().normalize();
    }

    /**
     * Creates and opens a new file {@code prefix + random + suffix} in {@code dir} (absolute),
     * mode 0600. The channel can always be written and read (as Python's descriptor, opened
     * {@code O_RDWR} whatever the mode; the file object limits it), except in mode {@code a},
     * where it appends and cannot be read (the JDK refuses the pair). Blocking.
     *
     * @throws NoSuchFileException naming {@code dir} if it does not exist
     * @throws FileSystemException "Not a directory" naming {@code dir} if it is not a directory
     * @throws FileAlreadyExistsException after {@value #TMP_MAX} names were taken
     */
    static Created createFile(Path dir, String prefix, String suffix, FileMode mode) throws IOException {
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.CREATE_NEW);
        options.add(StandardOpenOption.WRITE);
        options.add(LinkOption.NOFOLLOW_LINKS);
        options.add(mode.kind() == 'a' && !mode.plus() ? StandardOpenOption.APPEND : StandardOpenOption.READ);
        FileAttribute<?>[] perms = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
                : new FileAttribute<?>[0];
        return underFreeName(dir, prefix, suffix, "file", p -> new Created(p, FileChannel.open(p, options, perms)));
    }

    /**
     * {@link #createFile}, then unlinks the file while it stays open: nothing of it is left on
     * disk once the channel is closed. Blocking. asyncio: {@code tempfile.TemporaryFile}
     */
    static FileChannel createUnlinked(Path dir, String prefix, String suffix, FileMode mode) throws IOException {
        Created c = createFile(dir, prefix, suffix, mode);
        try {
            Files.delete(c.path());
        } catch (IOException | RuntimeException e) {
            c.channel().close();
            throw e;
        }
        return c.channel();
    }

    /**
     * Creates a new directory {@code prefix + random + suffix} in {@code dir} (absolute), mode
     * 0700, and returns it. Blocking. Errors as {@link #createFile}.
     */
    static Path createDirectory(Path dir, String prefix, String suffix) throws IOException {
        FileAttribute<?>[] perms = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_PERMS)}
                : new FileAttribute<?>[0];
        return underFreeName(dir, prefix, suffix, "directory", p -> Files.createDirectory(p, perms));
    }

    /** Makes something at a new path; fails with FileAlreadyExistsException if the path is taken. */
    private interface Maker<T> {
        T make(Path p) throws IOException;
    }

    /**
     * {@code maker} at {@code prefix + random + suffix} in {@code dir}, trying another random
     * name while the one tried is taken (perhaps by a link), up to {@value #TMP_MAX} times, as
     * Python's {@code _mkstemp_inner} and {@code mkdtemp} do. Blocking.
     */
    private static <T> T underFreeName(Path dir, String prefix, String suffix, String kind, Maker<T> maker)
            throws IOException {
        for (int i = 0; i < TMP_MAX; i++) {
            Path p = dir.resolve(prefix + randomName() + suffix);
            try {
                return maker.make(p);
            } catch (FileAlreadyExistsException e) {
                // taken: try another name
            } catch (FileSystemException e) {
                throw explain(e, dir, kind);
            }
        }
        throw new FileAlreadyExistsException(dir.toString(), null, "No usable temporary " + kind + " name found");
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * A missing or non-directory {@code dir} said about {@code dir} itself (Python names the
     * candidate file in {@code dir}); other errors as they are. Blocking (looks at {@code dir}).
     */
    private static IOException explain(FileSystemException e, Path dir, String what) {
        if (e instanceof NoSuchFileException && !Files.exists(dir)) {
            return (IOException) new NoSuchFileException(dir.toString(), null,
                    "No such directory to create the temporary " + what + " in").initCause(e);
        }
        if ("Not a directory".equals(e.getReason()) && Files.exists(dir) && !Files.isDirectory(dir)) {
            return (IOException) new FileSystemException(dir.toString(), null,
                    "Not a directory (a temporary " + what + " is created in a directory)").initCause(e);
        }
        return e;
    }

    /**
     * Removes {@code top} and everything in it, without following links (a link is removed, not
     * what it points to); what is already gone is skipped, so a tree removed by someone else,
     * whole or in part, is fine. Blocking.
     * asyncio: {@code shutil.rmtree(name, onexc=...)} with {@code FileNotFoundError} ignored, as
     * {@code TemporaryDirectory._rmtree}
     */
    static void removeTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
