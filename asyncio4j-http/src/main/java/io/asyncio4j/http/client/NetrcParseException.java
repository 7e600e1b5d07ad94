package io.asyncio4j.http.client;

/**
 * A netrc file {@link Netrc} cannot read: a word where a keyword belongs, a {@code machine}
 * without its name, a {@code macdef} without the empty line that ends it. The message is
 * Python's: {@code "<problem> (<file>, line <n>)"}. The session that meets one ignores the file
 * with a warning, as aiohttp does.
 * <p>
 * asyncio: Python's {@code netrc.NetrcParseError}
 */
final class NetrcParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final String file;
    private final int line;

    NetrcParseException(String problem, String file, int line) {
        super(problem + " (" + file + ", line " + line + ")");
        this.problem = problem;
        this.file = file;
        this.line = line;
    }

    /** What is wrong, without the place. asyncio: {@code NetrcParseError.msg} */
    String problem() {
        return problem;
    }

    /** The file's name as given. asyncio: {@code NetrcParseError.filename} */
    String file() {
        return file;
    }

    /** The line the reader had reached (counted as Python counts it). asyncio: {@code NetrcParseError.lineno} */
    int line() {
        return line;
    }
}
