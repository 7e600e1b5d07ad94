package io.asyncio4j.internal.net;

import io.asyncio4j.streams.ConnectionResetException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a socket's I/O error becomes for the awaiting task (asyncio's ConnectionError family). */
class TranslateErrorTest {

    @Test
    void aResetBecomesConnectionResetException() {
        IOException t = StreamTransport.translate(new SocketException("Connection reset"));
        assertInstanceOf(ConnectionResetException.class, t);
        assertEquals("Connection reset by peer", t.getMessage());
    }

    @Test
    void aBrokenPipeBecomesASocketExceptionAsBrokenPipeErrorIsAConnectionError() {
        IOException nio = new IOException("Broken pipe");
        IOException t = StreamTransport.translate(nio);
        assertInstanceOf(SocketException.class, t);
        assertEquals("Broken pipe", t.getMessage());
        assertSame(nio, t.getCause());
    }

    @Test
    void otherErrorsStayAsTheyAre() {
        IOException e = new IOException("No route to host");
        assertSame(e, StreamTransport.translate(e));
    }
}
