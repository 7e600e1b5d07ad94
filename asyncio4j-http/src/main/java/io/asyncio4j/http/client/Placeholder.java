package io.asyncio4j.http.client;

final class Placeholder {
}
