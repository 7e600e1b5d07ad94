package io.asyncio4j.http.internal;

import io.asyncio4j.http.IncompleteBodyException;
import io.asyncio4j.http.codec.BodyFraming;
import io.asyncio4j.http.codec.HeadParser;
import io.asyncio4j.http.codec.HttpParseException;
import io.asyncio4j.streams.IncompleteReadException;
import io.asyncio4j.streams.LimitOverrunException;
import io.asyncio4j.streams.StreamReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads one message's body off a connection's {@link StreamReader}, as its {@link BodyFraming}
 * says: a length, chunks, or everything until EOF. The body may be taken whole
 * ({@link #readAll}), piece by piece ({@link #readSome}), or skipped ({@link #discard}) so that
 * the next message on a kept-alive connection starts where it should.
 * <p>
 * States ({@link State}); {@code DONE} and {@code FAILED} are final:
 * <pre>
 *   (made) ──no body, or a length of 0──▶ DONE
 *   (made) ──a body to read──▶ READING ──its last byte (or EOF, for UNTIL_CLOSE)──▶ DONE
 *                              READING ──truncated or malformed──▶ FAILED
 * </pre>
 * After FAILED the connection cannot be reused: where the next message starts is unknown. A body
 * too large for {@link #readAll} is no framing failure: the reader stays READING past what it
 * read, and {@link #discard} can skip the rest (as aiohttp's server does after its 413).
 * <p>
 * Threading: the task that owns the connection; the reading methods may suspend.
 * <p>
 * asyncio: aiohttp's {@code HttpPayloadParser} feeding a {@code StreamReader} payload
 */
public final class BodyReader {
    /** Body reading states; see the class comment. asyncio: none (aiohttp's payload parser keeps {@code done} flags) */
    public enum State {
        /** Body bytes are still to come. */
        READING,
        /** The body has been read to its end, or there was none; final. */
        DONE,
        /** Reading failed; final: the connection is unusable. */
        FAILED
    }

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] LF = {'\n'};

    private final StreamReader in;
    private final BodyFraming framing;
    private State state;
    private long remaining;      // LENGTH: bytes left; CHUNKED: bytes left in the current chunk
    private boolean lastChunk;   // CHUNKED: the zero-size chunk was read
    private long received;

    /**
     * A reader of the body {@code framing} describes, from {@code in}.
     * asyncio: {@code HttpPayloadParser(payload, length=, chunked=, ...)}
     */
    public BodyReader(StreamReader in, BodyFraming framing) {
        this.in = in;
        this.framing = framing;
        this.remaining = framing.kind() == BodyFraming.Kind.LENGTH ? framing.length() : 0;
        boolean empty = framing.kind() == BodyFraming.Kind.NONE
                || framing.kind() == BodyFraming.Kind.LENGTH && framing.length() == 0;
        this.state = empty ? State.DONE : State.READING;
    }

    /** Whether the whole body has been read (or there was none). asyncio: {@code payload.is_eof()} */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** The state; see the class comment. asyncio: none (see {@link State}) */
    public State state() {
        return state;
    }

    /**
     * The rest of the body. May suspend. asyncio: {@code await payload.read()}
     *
     * @param max the most bytes accepted; more is an {@link HttpParseException} with status 413,
     *            after which the reader is still READING (or DONE, had the last piece read ended it)
     * @throws IOException on a truncated or malformed body (the connection is then unusable)
     */
    public byte[] readAll(long max) throws IOException {
        if (state == State.DONE) {
            return EMPTY;
        }
        if (framing.kind() == BodyFraming.Kind.LENGTH && remaining <= max && received == 0) {
            if (remaining > Integer.MAX_VALUE - 16) {
                state = State.FAILED;
                throw new HttpParseException(413, "BodyReader.readAll(): the body's " + remaining + " bytes do not "
                        + "fit one Java array (2 GiB at most); read it in pieces with readSome()");
            }
            byte[] all = guard(() -> in.readexactly((int) remaining));
            received = remaining;
            remaining = 0;
            state = State.DONE;
            return all;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] piece = readSome(64 * 1024);
            if (piece.length == 0) {
                return out.toByteArray();
            }
            if (out.size() + (long) piece.length > max) {
                throw tooLarge(max); // not FAILED: the framing is intact, discard() can skip the rest
            }
            out.write(piece, 0, piece.length);
        }
    }

    /**
     * The next piece of the body, at most {@code max} bytes; an empty array once it has all been
     * read. May suspend. asyncio: {@code await payload.readany()} (bounded by {@code max})
     *
     * @throws IOException on a truncated or malformed body
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public byte[] readSome(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("BodyReader.readSome(): max is " + max + "; ask for 1 byte or more");
        }
        if (state == State.DONE) {
            return EMPTY;
        }
        if (state == State.FAILED) {
            throw new IOException("BodyReader.readSome(): an earlier read of this body failed, so the connection is "
                    + "unusable; close it and read nothing more from it");
        }
        return switch (framing.kind()) {
            case LENGTH -> {
                byte[] b = guard(() -> in.read((int) Math.min(max, remaining)));
                if (b.length == 0) {
                    throw truncated(framing.length() - remaining, framing.length());
                }
                took(b.length);
                yield b;
            }
            case CHUNKED -> readChunked(max);
            case UNTIL_CLOSE -> {
                byte[] b = guard(() -> in.read(max));
                if (b.length == 0) {
                    state = State.DONE;
                }
                received += b.length;
                yield b;
            }
            case NONE -> EMPTY;
        };
    }

    /**
     * Reads and drops the rest of the body, so the connection can carry the next message.
     * May suspend. asyncio: {@code await payload.readany()} until EOF (aiohttp's unread-body skip)
     *
     * @throws IOException on a truncated or malformed body; the connection is then unusable
     */
    public void discard() throws IOException {
        while (state == State.READING) {
            readSome(64 * 1024);
        }
        if (state == State.FAILED) {
            throw new IOException("BodyReader.discard(): the body could not be read to its end, so the connection "
                    + "is unusable; close it");
        }
    }

    private void took(int n) {
        received += n;
        remaining -= n;
        if (remaining == 0) {
            state = State.DONE;
        }
    }

    private byte[] readChunked(int max) throws IOException {
        if (remaining == 0) {
            if (received > 0 || lastChunk) {
                // the CRLF after the previous chunk's data
                expectLineEnd();
            }
            byte[] sizeLine = guard(() -> in.readuntil(LF));
            long size;
            try {
                if (sizeLine.length < 2 || sizeLine[sizeLine.length - 2] != '\r') {
                    // a bare LF ends no chunk line (RFC 9112 7.1; aiohttp: "Invalid character in chunk size")
                    throw new HttpParseException(400, "Bad chunked body: a chunk size line must end in CRLF, "
                            + "not a bare LF");
                }
                size = BodyFraming.chunkSize(sizeLine);
            } catch (HttpParseException e) {
                state = State.FAILED;
                throw e;
            }
            if (size == 0) {
                lastChunk = true;
                // trailer fields, up to the empty line: read and dropped, as many as a head may hold
                for (int fields = 0; ; fields++) {
                    byte[] line = guard(() -> in.readuntil(LF));
                    if (line.length <= 2 && (line.length == 1 || line[0] == '\r')) {
                        break;
                    }
                    if (fields >= HeadParser.MAX_FIELDS) {
                        state = State.FAILED;
                        throw new HttpParseException(431, "Bad chunked body: more than " + HeadParser.MAX_FIELDS
                                + " trailer fields");
                    }
                }
                state = State.DONE;
                return EMPTY;
            }
            remaining = size;
        }
        byte[] b = guard(() -> in.read((int) Math.min(max, remaining)));
        if (b.length == 0) {
            throw truncated(received, -1);
        }
        received += b.length;
        remaining -= b.length;
        return b;
    }

    private void expectLineEnd() throws IOException {
        byte[] line = guard(() -> in.readuntil(LF));
        if (line.length != 2 || line[0] != '\r') { // a bare LF neither (aiohttp refuses it)
            state = State.FAILED;
            throw new HttpParseException(400, "Bad chunked body: a chunk's data is not followed by CRLF");
        }
    }

    private interface Read {
        byte[] run() throws IOException;
    }

    private byte[] guard(Read r) throws IOException {
        try {
            return r.run();
        } catch (IncompleteReadException e) {
            state = State.FAILED;
            // a LENGTH body's partial bytes are body; a chunked body's are a size, CRLF or trailer line
            throw framing.kind() == BodyFraming.Kind.LENGTH
                    ? truncated(received + e.partial().length, framing.length()) : truncated(received, -1);
        } catch (LimitOverrunException e) {
            state = State.FAILED;
            throw new HttpParseException(400, "Bad chunked body: a chunk size or trailer line is longer than the "
                    + in.limit() + " bytes accepted");
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private IOException truncated(long got, long expected) {
        state = State.FAILED;
        return new IncompleteBodyException(got, expected);
    }

    private HttpParseException tooLarge(long max) {
        return new HttpParseException(413, "The body is larger than the " + max + " bytes accepted");
    }

    /** The body bytes read so far (skipped ones included). asyncio: none */
    public long received() {
        return received;
    }

    /** {@code <BodyReader READING LENGTH received=2>}: the state, the framing, the bytes so far. asyncio: none */
    @Override
    public String toString() {
        return "<BodyReader " + state + " " + framing.kind() + " received=" + received + ">";
    }
}
