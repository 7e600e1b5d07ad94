/**
 * Files read and written from tasks without blocking the event loop: what {@code aiofiles}
 * gives asyncio. {@link io.asyncio4j.files.AsyncFiles#open} and
 * {@link io.asyncio4j.files.AsyncFiles#openBinary} take Python's modes and return an
 * {@link io.asyncio4j.files.AsyncTextFile} or {@link io.asyncio4j.files.AsyncBinaryFile}
 * (try-with-resources closes and flushes; for-each iterates over lines);
 * {@link io.asyncio4j.files.AsyncFiles} also has whole-file helpers, and temporary files and
 * directories ({@code namedTemporaryFile}, {@code temporaryFile},
 * {@code spooledTemporaryFile}: {@link io.asyncio4j.files.AsyncSpooledBinaryFile} and
 * {@link io.asyncio4j.files.AsyncSpooledTextFile}, in memory until a size;
 * {@code temporaryDirectory}: {@link io.asyncio4j.files.AsyncTemporaryDirectory}).
 * {@link io.asyncio4j.files.TextOptions} sets a text file's encoding, {@code newline=} and
 * {@code errors=} ({@link io.asyncio4j.files.TextErrors}).
 * <p>
 * asyncio: {@code aiofiles} (a third-party package; {@code aiofiles.tempfile}), {@code asyncio.to_thread}
 */
package io.asyncio4j.files;
