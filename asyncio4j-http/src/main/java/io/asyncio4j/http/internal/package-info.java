/** Not exported: body reading on a stream, the Date header's clock. */
package io.asyncio4j.http.internal;
