package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;

/**
 * A file uploaded in a {@code multipart/form-data} body: a part with a {@code filename}.
 * <p>
 * Threading: immutable (the content array is the form's: do not change it); any thread.
 * <p>
 * asyncio: aiohttp's {@code web.FileField}
 *
 * @param name        the form field's name
 * @param filename    the file's name as the client gave it (not a safe path: never join it to a
 *                    directory unchecked)
 * @param contentType the part's Content-Type ({@code application/octet-stream} when it gave none)
 * @param content     the file's bytes
 * @param headers     the part's header fields
 */
public record FileField(String name, String filename, String contentType, byte[] content, Headers headers) {
    /** {@code FileField(name="f", filename="a.txt", 12 bytes, text/plain)}. asyncio: {@code repr(field)} */
    @Override
    public String toString() {
        return "FileField(name=\"" + name + "\", filename=\"" + filename + "\", " + content.length + " bytes, "
                + contentType + ")";
    }
}
