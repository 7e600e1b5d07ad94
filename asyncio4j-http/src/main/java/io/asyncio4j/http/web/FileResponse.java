package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.HttpDate;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.toThread;

/**
 * A response whose body is a file, sent by the server once the handler (and every middleware)
 * has returned it: zero-copy ({@code sendfile}) on a plain connection, in pieces through TLS.
 * It answers what HTTP caches and download managers ask:
 * <ul>
 *   <li>an {@code ETag} ({@code "<mtime ns hex>-<size hex>"}, aiohttp's), {@code Last-Modified}
 *       and {@code Accept-Ranges: bytes} on every answer;
 *   <li>304 to a matching {@code If-None-Match} or a not-older {@code If-Modified-Since}; 412 to
 *       a failed {@code If-Match} or {@code If-Unmodified-Since} (RFC 9110 §13.2.2's order);
 *   <li>206 with {@code Content-Range} for one {@code Range} (under an {@code If-Range} that
 *       still holds); 416 with {@code Content-Range: bytes *}{@code /size} for a range past the end;
 *   <li>the sibling {@code name.gz}, with {@code Content-Encoding: gzip}, to a client accepting
 *       gzip;
 *   <li>its Content-Type guessed from the name unless the handler set one.
 * </ul>
 * A missing file answers 404, and one that is not a regular file or may not be read 403
 * (aiohttp 3.8 lets the error through as a 500). Deliberate differences, per RFC 9110: a Range field with several
 * ranges or a malformed one is ignored (200, the whole file; aiohttp answers 416); a weak
 * {@code W/"…"} in {@code If-None-Match} matches (weak comparison; aiohttp compares strongly);
 * an {@code If-Range} may carry an entity tag as well as a date; {@code If-None-Match} on a
 * method other than GET/HEAD answers 412; times compare in whole seconds, as
 * {@code Last-Modified} carries them. The file system is touched on the default executor,
 * never on the loop thread; the {@code sendfile} itself runs on the loop, as in asyncio.
 * With {@link #enableCompression()} the body goes in compressed chunks instead (no sendfile),
 * as aiohttp does.
 * <p>
 * Threading: the task handling the request.
 * <p>
 * asyncio: aiohttp's {@code web.FileResponse(path, chunk_size=256 * 1024)}
 */
public final class FileResponse extends Response {
    /** Bytes per piece when the file cannot go zero-copy (compression). */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

    private final Path path;
    private final int chunkSize;

    /** A 200 answer with the file at {@code path}. asyncio: {@code web.FileResponse(path)} */
    public FileResponse(Path path) {
        this(path, DEFAULT_CHUNK_SIZE);
    }

    /**
     * A 200 answer with the file at {@code path}, read {@code chunkSize} bytes at a time when it
     * cannot go zero-copy. asyncio: {@code web.FileResponse(path, chunk_size=...)}
     *
     * @throws IllegalArgumentException for a null path or a chunk size below 1
     */
    public FileResponse(Path path, int chunkSize) {
        super(200);
        if (path == null) {
            throw new IllegalArgumentException("FileResponse(): the path is null; give the file to send");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("FileResponse(): chunkSize must be at least 1, got " + chunkSize);
        }
        this.path = path;
        this.chunkSize = chunkSize;
    }

    /** The file sent. asyncio: {@code resp._path} */
    public Path path() {
        return path;
    }

    /** Bytes per piece when not sent zero-copy. asyncio: {@code resp._chunk_size} */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Refused with IllegalStateException: the body is the file. asyncio: none
     */
    @Override
    public Response body(byte[] body) {
        throw new IllegalStateException("FileResponse.body(): the body is the file " + path
                + "; use Response.bytes() for a body held in memory");
    }

    /**
     * -1: the length is the file's (or a range's, or its {@code .gz} sibling's) size, read when the
     * response is sent. asyncio: {@code resp.content_length} (None before it is prepared)
     */
    @Override
    public long contentLength() {
        return -1;
    }

    /** What the server learned of the file, in one trip to the executor; the channel is open. */
    private record Opened(FileChannel channel, boolean gzipped, long size, long mtimeNanos, long modifiedSecond) {
    }

    /**
     * Answers {@code request}: either a response without a body the server then writes as any
     * other (304, 412, 416), or a {@link StreamResponse} already prepared with the whole file (or
     * range) sent, which the server ends. May suspend. Called by the server once the handler
     * returned this response; the task handling the request only.
     *
     * @throws HttpException 404 (no such file), 403 (not a regular file)
     * @throws IOException from the file or the connection; after the head went out the connection
     *         is closed, so the peer sees the body cut short
     */
    Response send(Request request) throws IOException {
        boolean gzipAccepted = acceptsGzip(request.headers().get("Accept-Encoding"));
        Opened f = toThread(() -> open(gzipAccepted));
        try {
            return send(request, f);
        } finally {
            // closing a descriptor opened for reading does not wait on the disk: done in place
            f.channel.close();
        }
    }

    private Response send(Request request, Opened f) throws IOException {
        String etag = Long.toHexString(f.mtimeNanos) + "-" + Long.toHexString(f.size);
        String quotedEtag = "\"" + etag + "\"";
        String lastModified = HttpDate.format(f.modifiedSecond);
        var h = request.headers();
        String method = request.method();
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");

        String ifMatch = h.get("If-Match");
        if (ifMatch != null ? !EntityTags.matches(ifMatch, etag, true)
                : modifiedAfter(f.modifiedSecond, h.get("If-Unmodified-Since"))) {
            return status(412);
        }
        String ifNoneMatch = h.get("If-None-Match");
        if (ifNoneMatch != null ? EntityTags.matches(ifNoneMatch, etag, false)
                : getOrHead && notModifiedSince(f.modifiedSecond, h.get("If-Modified-Since"))) {
            if (!getOrHead) {
                return status(412);
            }
            status(304);
            headers().set("Etag", quotedEtag).set("Last-Modified", lastModified);
            return this;
        }

        ByteRange range = rangeStillValid(h.get("If-Range"), etag, f.modifiedSecond)
                ? ByteRange.select(h.get("Range"), f.size) : null;
        if (range == ByteRange.UNSATISFIABLE) {
            status(416);
            headers().set("Content-Range", "bytes */" + f.size);
            return this;
        }

        // the head is set on this response, so that the prepare hooks see the FileResponse (as in
        // aiohttp); the StreamResponse that sends the body is made from what they leave
        Headers fields = headers();
        if (!fields.contains("Content-Type")) {
            fields.set("Content-Type", guessContentType(path.getFileName() == null ? "" : path.getFileName().toString()));
        }
        if (f.gzipped) {
            fields.set("Content-Encoding", "gzip");
            fields.set("Vary", "Accept-Encoding");
        }
        // the name as aiohttp spells it (hdrs.ETAG); the order of these fields is aiohttp's too
        long offset = range != null ? range.start() : 0;
        long count = range != null ? range.count() : f.size;
        fields.set("Etag", quotedEtag).set("Last-Modified", lastModified)
                .set("Content-Length", Long.toString(count)).set("Accept-Ranges", "bytes");
        if (range != null) {
            status(206);
            fields.set("Content-Range", range.contentRange(f.size));
        }
        RequestHandler connection = request.connection();
        connection.runPrepareHooksFor(request, this);
        StreamResponse r = new StreamResponse(status());
        copyHeadTo(r);
        boolean sendBody = !method.equals("HEAD") && RequestHandler.bodyAllowed(r.status());
        if (f.gzipped || !r.compressionRequested()) {
            r.contentLength(count);
            r.prepareAfterHooks(request);
            if (count > 0 && sendBody) {
                long sent = r.sendfile(f.channel, offset, count);
                if (sent != count) {
                    throw shrank(sent, count);
                }
            }
            return r;
        }
        r.prepareAfterHooks(request); // compressed: its length is not known, so chunks
        if (sendBody) {
            sendPieces(r, f.channel, offset, count);
        }
        return r;
    }

    private void sendPieces(StreamResponse r, FileChannel ch, long offset, long count) throws IOException {
        long pos = offset;
        long end = offset + count;
        while (pos < end) {
            long at = pos;
            int want = (int) Math.min(chunkSize, end - pos);
            byte[] piece = toThread(() -> {
                ByteBuffer b = ByteBuffer.allocate(want);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // until the piece is full or the file ends
                }
                return b.position() == want ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
            });
            if (piece.length == 0) {
                throw shrank(pos - offset, count);
            }
            r.write(piece);
            pos += piece.length;
        }
    }

    private IOException shrank(long sent, long count) {
        return new IOException("FileResponse: " + path + " shrank while being sent; " + sent + " of " + count
                + " bytes went out, and the connection is closed so the peer sees the body cut short");
    }

    /** The file (or its .gz sibling) opened, with its facts, or an HttpException (blocking). */
    private Opened open(boolean gzipAccepted) throws IOException {
        if (gzipAccepted && path.getFileName() != null) {
            Path gz = path.resolveSibling(path.getFileName() + ".gz");
            Opened o = openRegular(gz, true);
            if (o != null) {
                return o;
            }
        }
        Opened o = openRegular(path, false);
        if (o == null) {
            throw Files.exists(path) ? new HttpForbidden() : new HttpNotFound();
        }
        return o;
    }

    /** {@code file} opened if it is a regular file, else null. */
    private static Opened openRegular(Path file, boolean gzipped) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw new HttpForbidden();
        }
        if (!a.isRegularFile()) {
            return null;
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new HttpForbidden();
        }
        try {
            long nanos = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return new Opened(ch, gzipped, ch.size(), nanos, Math.floorDiv(nanos, 1_000_000_000L));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether an {@code If-Range} field (absent: yes) lets the Range field apply. */
    private static boolean rangeStillValid(String ifRange, String etag, long modifiedSecond) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return EntityTags.matches(v, etag, true);
        }
        long date = HttpDate.parse(v);
        return date >= 0 && modifiedSecond <= date;
    }

    private static boolean notModifiedSince(long modifiedSecond, String ifModifiedSince) {
        long since = HttpDate.parse(ifModifiedSince); // -1: absent or unreadable, and then ignored
        return since >= 0 && modifiedSecond <= since;
    }

    private static boolean modifiedAfter(long modifiedSecond, String ifUnmodifiedSince) {
        long since = HttpDate.parse(ifUnmodifiedSince);
        return since >= 0 && modifiedSecond > since;
    }

    /** Whether an {@code Accept-Encoding} field accepts gzip (listed without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String item : acceptEncoding.split(",")) {
            int semi = item.indexOf(';');
            String coding = (semi < 0 ? item : item.substring(0, semi)).strip();
            if (coding.equalsIgnoreCase("gzip")) {
                return semi < 0 || !item.substring(semi + 1).strip().toLowerCase(Locale.ROOT).matches("q\\s*=\\s*0(\\.0*)?");
            }
        }
        return false;
    }

    /** The Content-Type for a file named {@code fileName}: guessed from its extension, without charset. */
    static String guessContentType(String fileName) {
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        if (guessed == null) {
            int dot = fileName.lastIndexOf('.');
            String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            guessed = switch (ext) {
                case "css" -> "text/css";
                case "js", "mjs" -> "text/javascript";
                case "json" -> "application/json";
                case "svg" -> "image/svg+xml";
                case "wasm" -> "application/wasm";
                case "woff2" -> "font/woff2";
                case "md" -> "text/markdown";
                case "gz" -> "application/gzip";
                default -> "application/octet-stream";
            };
        }
        return guessed; // no charset: a file's bytes are sent as they are, as aiohttp's FileResponse does
    }

    /** {@code <FileResponse 200 OK /srv/a.txt>}: the status and the file. asyncio: {@code repr(resp)} */
    @Override
    public String toString() {
        return "<FileResponse " + status() + " " + reason() + " " + path + ">";
    }
}
