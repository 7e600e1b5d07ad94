package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;

import java.io.IOException;

/**
 * What {@link MultipartReader#next()} gives: a {@link BodyPartReader} for an ordinary part, or a
 * nested {@link MultipartReader} for a part whose Content-Type is {@code multipart/*}. Tell them
 * apart with a pattern:
 * <pre>{@code
 * for (MultipartPart p = reader.next(); p != null; p = reader.next()) {
 *     if (p instanceof BodyPartReader part) { ... part.readChunk(8192) ... }
 *     else if (p instanceof MultipartReader nested) { ... nested.next() ... }
 * }
 * }</pre>
 * Threading: the task reading the body.
 * <p>
 * asyncio: the {@code Union[MultipartReader, BodyPartReader]} that {@code MultipartReader.next()} returns
 */
public sealed interface MultipartPart permits BodyPartReader, MultipartReader {
    /** The part's header fields (for a top-level reader, the request's). asyncio: {@code part.headers} */
    Headers headers();

    /** Whether the part has been read (or released) to its end. Never suspends. asyncio: {@code part.at_eof()} */
    boolean atEof();

    /** Reads the rest of the part and drops it. May suspend. asyncio: {@code await part.release()} */
    void release() throws IOException;
}
