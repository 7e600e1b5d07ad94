package io.asyncio4j.http.client;

import io.asyncio4j.files.AsyncBinaryFile;
import io.asyncio4j.files.AsyncFiles;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A request body (or a multipart part's content) written piece by piece instead of from one
 * array: a file streamed from disk, chunks from an iterator (an async generator's), a
 * {@link MultipartWriter}. Its size, when known, becomes the Content-Length; otherwise the request
 * goes {@code Transfer-Encoding: chunked}. In-memory bodies ({@code byte[]}) keep the one-write
 * path of {@link RequestEncoder#write} and never come here as a request body; as a part they do.
 * <p>
 * Threading: the task sending the request; {@link #writeTo} may suspend.
 * <p>
 * asyncio: aiohttp's {@code Payload} family ({@code BytesPayload}, {@code BufferedReaderPayload},
 * {@code AsyncIterablePayload}, {@code MultipartWriter})
 */
abstract class RequestBody {
    /** The piece size a file is read in: aiohttp's {@code 2**16}. */
    static final int FILE_PIECE = 64 * 1024;

    /** Where the pieces go; an empty piece is ignored (in chunked framing it would end the body). */
    interface Sink {
        /** Sends {@code b} (kept by the sink: do not change it afterwards). May suspend. */
        void write(byte[] b) throws IOException;
    }

    /** The size in bytes, or -1 when it is known only once written (chunks). May do I/O (a file's size). */
    abstract long size() throws IOException;

    /** Whether {@link #writeTo} may run again (a redirect's 307, a retry): not for chunks an iterator hands out once. */
    abstract boolean replayable();

    /** Writes the body to {@code sink}. May suspend. */
    abstract void writeTo(Sink sink) throws IOException;

    /** What the request says about it in {@code toString}. */
    abstract String describe();

    static RequestBody of(byte[] data) {
        return new Bytes(data);
    }

    static RequestBody of(Path file) {
        return new FileBody(file);
    }

    static RequestBody of(Iterable<byte[]> chunks) {
        return new Chunks(chunks);
    }

    static RequestBody of(MultipartWriter writer) {
        return new Multipart(writer);
    }

    /**
     * The type of a file from its name, as aiohttp's {@code mimetypes.guess_type}, through the
     * JDK's table ({@code URLConnection.guessContentTypeFromName}); {@code application/octet-stream}
     * when neither knows it.
     */
    static String guessContentType(Path file) {
        Path name = file.getFileName();
        String t = name == null ? null : URLConnection.guessContentTypeFromName(name.toString());
        return t == null ? "application/octet-stream" : t;
    }

    private static final class Bytes extends RequestBody {
        private final byte[] data;

        Bytes(byte[] data) {
            this.data = data;
        }

        @Override
        long size() {
            return data.length;
        }

        @Override
        boolean replayable() {
            return true;
        }

        @Override
        void writeTo(Sink sink) throws IOException {
            sink.write(data);
        }

        @Override
        String describe() {
            return data.length + " bytes";
        }
    }

    private static final class FileBody extends RequestBody {
        private final Path file;

        FileBody(Path file) {
            this.file = file;
        }

        @Override
        long size() throws IOException {
            return Files.size(file);
        }

        @Override
        boolean replayable() {
            return true;
        }

        @Override
        void writeTo(Sink sink) throws IOException {
            // read on the loop's executor, a piece at a time: never the whole file in memory
            try (AsyncBinaryFile in = AsyncFiles.openBinary(file, "rb")) {
                while (true) {
                    byte[] piece = in.read(FILE_PIECE);
                    if (piece.length == 0) {
                        return;
                    }
                    sink.write(piece);
                }
            }
        }

        @Override
        String describe() {
            return "file " + file;
        }
    }

    private static final class Chunks extends RequestBody {
        private final Iterable<byte[]> chunks;

        Chunks(Iterable<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        long size() {
            return -1;
        }

        @Override
        boolean replayable() {
            return false;
        }

        @Override
        void writeTo(Sink sink) throws IOException {
            Iterator<byte[]> it = chunks.iterator();
            while (it.hasNext()) {
                byte[] piece = it.next();
                if (piece == null) {
                    throw new NullPointerException("RequestOptions.withBody(chunks): the iterator handed out a null "
                            + "chunk; hand out byte arrays (an empty one is skipped)");
                }
                sink.write(piece);
            }
        }

        @Override
        String describe() {
            return "chunks";
        }
    }

    private static final class Multipart extends RequestBody {
        private final MultipartWriter writer;

        Multipart(MultipartWriter writer) {
            this.writer = writer;
        }

        @Override
        long size() throws IOException {
            return writer.contentLength();
        }

        @Override
        boolean replayable() {
            return writer.replayable();
        }

        @Override
        void writeTo(Sink sink) throws IOException {
            writer.writeTo(sink);
        }

        @Override
        String describe() {
            return writer.toString();
        }
    }
}
