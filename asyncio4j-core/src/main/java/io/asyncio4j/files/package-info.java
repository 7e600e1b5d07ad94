/**
 * Files read and written from tasks without blocking the event loop (what {@code aiofiles}
 * gives asyncio).
 */
package io.asyncio4j.files;
