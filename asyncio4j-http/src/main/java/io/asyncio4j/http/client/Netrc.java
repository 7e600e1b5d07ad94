package io.asyncio4j.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A netrc file's contents: the {@code machine} entries (and the {@code default} one) with their
 * {@code login}, {@code account} and {@code password}, and the {@code macdef} macros. Read exactly
 * as Python's {@code netrc} module reads it (3.11 to 3.13), quirks included: tokens are separated by
 * space, tab, CR and LF; a token may be double-quoted, and a backslash takes the next character
 * as it is, quoted or not; {@code user} is {@code login}'s other name; a later entry for a machine
 * replaces an earlier one; a {@code #} comment runs to the end of its line when the {@code #}
 * stands alone on the line the reader was on (at the top level) or starts a token on that line
 * (within an entry); an empty token ({@code ""}) ends the file; a macro is the lines after
 * {@code macdef name} up to an empty line. The {@code ~/.netrc} ownership and permission check
 * Python makes is left out, as it is for aiohttp, which always names the file.
 * <p>
 * Immutable once parsed; any thread.
 * <p>
 * asyncio: Python's {@code netrc.netrc}; aiohttp's {@code helpers.netrc_from_env} for
 * {@link #fromEnvironment}
 */
final class Netrc {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.http.client");

    /**
     * One machine's credentials; an absent one is {@code ""}. {@link #toString()} hides the password.
     * asyncio: the {@code (login, account, password)} tuple of {@code netrc.hosts}
     */
    record Entry(String login, String account, String password) {
        /** Shows the login and account, never the password. */
        @Override
        public String toString() {
            return "Entry[login=" + login + ", account=" + account + ", password=***]";
        }
    }

    private final Map<String, Entry> hosts;          // by machine name, "default" included; in file order
    private final Map<String, List<String>> macros;  // by name; each line with its "\n"

    private Netrc(Map<String, Entry> hosts, Map<String, List<String>> macros) {
        this.hosts = Collections.unmodifiableMap(hosts);
        this.macros = Collections.unmodifiableMap(macros);
    }

    /** The entries by machine name ({@code default} under that name), in file order. asyncio: {@code netrc.hosts} */
    Map<String, Entry> hosts() {
        return hosts;
    }

    /** The macros by name, each line ending with its newline. asyncio: {@code netrc.macros} */
    Map<String, List<String>> macros() {
        return macros;
    }

    /**
     * The entry for {@code host} (compared exactly), else the {@code default} one, else null.
     * asyncio: {@code netrc.authenticators(host)}
     */
    Entry authenticators(String host) {
        Entry e = hosts.get(host);
        return e != null ? e : hosts.get("default");
    }

    /**
     * The netrc of {@code text}, the contents of {@code file} (named in errors only). Line ends are
     * any of LF, CRLF, CR, as Python's text files read them.
     *
     * @throws NetrcParseException where Python's parser raises {@code NetrcParseError}
     */
    static Netrc parse(String text, String file) throws NetrcParseException {
        Lexer lexer = new Lexer(text.replace("\r\n", "\n").replace('\r', '\n'));
        Map<String, Entry> hosts = new LinkedHashMap<>();
        Map<String, List<String>> macros = new LinkedHashMap<>();
        while (true) {
            int savedLine = lexer.line;
            String top = lexer.token();
            String name;
            if (top.isEmpty()) {
                break;
            } else if (top.charAt(0) == '#') {
                if (lexer.line == savedLine && top.length() == 1) {
                    lexer.readLine();
                }
                continue;
            } else if (top.equals("machine")) {
                name = lexer.token();
            } else if (top.equals("default")) {
                name = "default";
            } else if (top.equals("macdef")) {
                name = lexer.token();
                List<String> lines = new ArrayList<>();
                macros.put(name, lines);
                while (true) {
                    String line = lexer.readLine();
                    if (line.isEmpty()) {
                        throw new NetrcParseException("Macro definition missing null line terminator.", file, lexer.line);
                    }
                    if (line.equals("\n")) {
                        break; // the empty line that ends a macro
                    }
                    lines.add(line);
                }
                macros.put(name, List.copyOf(lines));
                continue;
            } else {
                throw new NetrcParseException("bad toplevel token " + pythonRepr(top), file, lexer.line);
            }
            if (name.isEmpty()) {
                throw new NetrcParseException("missing " + pythonRepr(top) + " name", file, lexer.line);
            }
            String login = "";
            String account = "";
            String password = "";
            while (true) {
                int prevLine = lexer.line;
                String t = lexer.token();
                if (t.startsWith("#")) {
                    if (lexer.line == prevLine) {
                        lexer.readLine();
                    }
                    continue;
                }
                if (t.isEmpty() || t.equals("machine") || t.equals("default") || t.equals("macdef")) {
                    hosts.put(name, new Entry(login, account, password));
                    lexer.pushBack(t);
                    break;
                } else if (t.equals("login") || t.equals("user")) {
                    login = lexer.token();
                } else if (t.equals("account")) {
                    account = lexer.token();
                } else if (t.equals("password")) {
                    password = lexer.token();
                } else {
                    throw new NetrcParseException("bad follower token " + pythonRepr(t), file, lexer.line);
                }
            }
        }
        return new Netrc(hosts, macros);
    }

    /**
     * The netrc a trusting session reads from {@code env}: the file {@code NETRC} names, else
     * {@code .netrc} ({@code _netrc} on Windows) in {@code HOME} (else {@code USERPROFILE}); null
     * when there is none, or it cannot be read or parsed. A file that cannot be parsed is reported
     * with a warning; one that cannot be read, only when {@code NETRC} named it or it is a regular
     * file (a missing {@code ~/.netrc} is no news). May block reading the file: call it where a
     * session is made.
     * asyncio: aiohttp's {@code helpers.netrc_from_env()}
     */
    static Netrc fromEnvironment(Map<String, String> env) {
        String named = env.get("NETRC");
        Path path;
        if (named != null) {
            path = Path.of(named);
        } else {
            String home = env.get("HOME") != null ? env.get("HOME") : env.get("USERPROFILE");
            if (home == null) {
                return null; // Python's Path.home() would ask the password database; we look no further
            }
            boolean windows = System.getProperty("os.name", "").startsWith("Windows");
            path = Path.of(home, windows ? "_netrc" : ".netrc");
        }
        String text;
        try {
            text = decode(Files.readAllBytes(path));
        } catch (IOException | RuntimeException e) {
            if ((named != null && !named.isEmpty()) || Files.isRegularFile(path)) {
                LOG.log(System.Logger.Level.WARNING, "Could not read .netrc file " + path + ", ignoring it: " + e);
            }
            return null;
        }
        try {
            return parse(text, path.toString());
        } catch (NetrcParseException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not parse .netrc file, ignoring it: " + e.getMessage());
            return null;
        }
    }

    /** UTF-8, else the platform's encoding, as Python opens the file. */
    private static String decode(byte[] bytes) throws CharacterCodingException {
        try {
            return strict(StandardCharsets.UTF_8, bytes);
        } catch (CharacterCodingException e) {
            return strict(Charset.forName(System.getProperty("native.encoding", "UTF-8")), bytes);
        }
    }

    private static String strict(Charset cs, byte[] bytes) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Python's {@code repr()} of a str, for the messages to read as Python's. */
    static String pythonRepr(String s) {
        return io.asyncio4j.internal.util.PythonRepr.ofString(s);
    }

    /** {@code hosts=[machine names] macros=[names]}, never the credentials. */
    @Override
    public String toString() {
        return "<Netrc hosts=" + hosts.keySet() + " macros=" + macros.keySet() + ">";
    }

    /**
     * Python's {@code _netrclex}: a character at a time, so that a comment or a macro can take
     * the rest of the line the reader is on. {@link #readLine()} does not count lines, as
     * Python's does not (the line numbers in messages follow).
     */
    private static final class Lexer {
        private final String text;
        private int pos;
        int line = 1;
        private final List<String> pushedBack = new ArrayList<>();

        Lexer(String text) {
            this.text = text;
        }

        /** The next character, or -1 at the end. */
        private int read() {
            if (pos >= text.length()) {
                return -1;
            }
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
            }
            return c;
        }

        private static boolean isSpace(int c) {
            return c == '\n' || c == '\t' || c == '\r' || c == ' ';
        }

        /** The next token, "" at the end. */
        String token() {
            if (!pushedBack.isEmpty()) {
                return pushedBack.removeFirst();
            }
            StringBuilder token = new StringBuilder();
            int c;
            while ((c = read()) != -1) {
                if (isSpace(c)) {
                    continue;
                }
                if (c == '"') {
                    while ((c = read()) != -1) {
                        if (c == '"') {
                            return token.toString();
                        }
                        if (c == '\\') {
                            c = read();
                            if (c == -1) {
                                continue; // Python appends the "" it read
                            }
                        }
                        token.append((char) c);
                    }
                } else {
                    if (c == '\\') {
                        c = read();
                    }
                    if (c != -1) {
                        token.append((char) c);
                    }
                    while ((c = read()) != -1) {
                        if (isSpace(c)) {
                            return token.toString();
                        }
                        if (c == '\\') {
                            c = read();
                            if (c == -1) {
                                continue;
                            }
                        }
                        token.append((char) c);
                    }
                }
            }
            return token.toString();
        }

        void pushBack(String token) {
            pushedBack.add(token);
        }

        /** The rest of the current line with its "\n" (none at the end of the text); "" at the end. */
        String readLine() {
            int end = text.indexOf('\n', pos);
            end = end < 0 ? text.length() : end + 1;
            String s = text.substring(pos, end);
            pos = end;
            return s;
        }
    }
}
