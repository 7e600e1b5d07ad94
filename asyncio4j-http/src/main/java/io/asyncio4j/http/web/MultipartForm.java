package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.ContentType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * Reads a {@code multipart/form-data} body into a {@link FormData} part by part as it arrives
 * ({@link Request#post()}), as aiohttp's {@code post()} does: the size limit holds for each
 * field's decoded content on its own, strictly ({@code 0 < max < size}, so a field of exactly
 * {@code clientMaxSize} bytes is taken, and a form of many fields each under it is taken too),
 * not for the body as a whole.
 * <p>
 * Threading: the task serving the request.
 * <p>
 * asyncio: the multipart branch of aiohttp's {@code BaseRequest.post}
 */
final class MultipartForm {
    private static final int CHUNK = 1 << 16; // aiohttp's read_chunk(size=2**16)

    private MultipartForm() {
    }

    /**
     * The form in {@code reader}'s parts; text parts decoded with their own charset, else
     * {@code charset}; {@code maxSize} 0 for no limit. May suspend.
     *
     * @throws HttpRequestEntityTooLarge (413) once a field's content is over {@code maxSize}
     * @throws MultipartException (400) for a malformed body, a nested multipart part, a part
     *         without a name (aiohttp lets its ValueError or AssertionError through: a 500)
     */
    static FormData read(MultipartReader reader, long maxSize, Charset charset) throws IOException {
        FormData.Builder form = new FormData.Builder();
        MultipartPart p = reader.next();
        while (p != null) {
            if (!(p instanceof BodyPartReader part)) {
                throw new MultipartException("a nested multipart part in a form; read it with Request.multipart()");
            }
            String name = part.name();
            if (name == null) {
                throw new MultipartException("a part without a name in its Content-Disposition (RFC 7578 §4.2)");
            }
            String contentType = part.headers().get("Content-Type");
            String filename = part.filename();
            if (filename != null && !filename.isEmpty()) { // aiohttp's `if field.filename`
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long size = 0;
                byte[] chunk = part.readChunk(CHUNK);
                while (chunk.length > 0) {
                    chunk = part.decode(chunk);
                    out.write(chunk, 0, chunk.length);
                    size += chunk.length;
                    checkSize(maxSize, size);
                    chunk = part.readChunk(CHUNK);
                }
                form.add(name, new FileField(name, filename, contentType == null ? "application/octet-stream"
                        : ContentType.mediaType(contentType), out.toByteArray(), part.headers()));
            } else {
                byte[] value = part.read(true);
                form.add(name, new String(value, ContentType.charsetOr(contentType, charset)));
                checkSize(maxSize, value.length);
            }
            p = reader.next();
        }
        return form.build();
    }

    private static void checkSize(long maxSize, long size) {
        if (0 < maxSize && maxSize < size) {
            throw new HttpRequestEntityTooLarge(maxSize, size);
        }
    }
}
