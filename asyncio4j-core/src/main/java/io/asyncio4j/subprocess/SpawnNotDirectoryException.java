package io.asyncio4j.subprocess;

import java.io.Serial;
import java.nio.file.NotDirectoryException;

/**
 * A start that failed with ENOTDIR (a working directory that is a file, or a program path through
 * one): a {@link NotDirectoryException} naming that file, whose message is CPython's
 * whole {@code str(NotADirectoryError)}, {@code "[Errno 20] Not a directory: '/etc/passwd'"}
 * (the JDK's class words only the file). Callers catch {@link NotDirectoryException}.
 * <p>
 * asyncio: {@code NotADirectoryError} from {@code create_subprocess_exec(..., cwd=file)}
 */
final class SpawnNotDirectoryException extends NotDirectoryException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;

    SpawnNotDirectoryException(String file, String message) {
        super(file);
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
