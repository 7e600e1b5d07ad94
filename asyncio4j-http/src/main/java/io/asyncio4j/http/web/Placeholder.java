package io.asyncio4j.http.web;

final class Placeholder {
}
