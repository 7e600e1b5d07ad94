package io.asyncio4j.internal.net;

/**
 * Marks the selector attachments of this package (transports, listeners, connect waiters): a
 * channel registered with one of them serves the networking layer, so the low-level socket calls
 * refuse it, and the loop closes it when it closes ({@link NetLoop#loopClosing()}).
 */
interface NetChannelOwner {
}
