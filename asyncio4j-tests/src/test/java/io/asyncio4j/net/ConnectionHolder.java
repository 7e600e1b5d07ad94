package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamPair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link ManyConnectionsTest}, run in a JVM of its own (one process could not
 * hold both ends of 10,000 connections under this machine's open-files limit): opens N
 * connections to HOST:PORT with asyncio4j streams, checks each with an echo, prints
 * {@code held N}, keeps them all open until its standard input closes, then closes them and
 * prints {@code closed N}.
 */
public final class ConnectionHolder {
    private ConnectionHolder() {
    }

    public static void main(String[] args) {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        Asyncio.run(() -> {
            List<StreamPair> held = new ArrayList<>(n);
            int batch = 500;
            for (int i = 0; i < n; i += batch) {
                List<Task<StreamPair>> connecting = new ArrayList<>();
                for (int k = i; k < Math.min(n, i + batch); k++) {
                    connecting.add(Asyncio.createTask(() -> {
                        StreamPair c = Asyncio.openConnection(host, port);
                        c.writer().write("hi\n".getBytes(StandardCharsets.UTF_8));
                        byte[] echo = c.reader().readline();
                        if (echo.length != 3) {
                            throw new IllegalStateException("bad echo: " + new String(echo, StandardCharsets.UTF_8));
                        }
                        return c;
                    }));
                }
                for (Task<StreamPair> t : connecting) {
                    held.add(t.await());
                }
            }
            System.out.println("held " + held.size());
            System.out.flush();
            Asyncio.toThread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for the parent to close our stdin
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            for (StreamPair c : held) {
                c.writer().close();
            }
            for (StreamPair c : held) {
                c.writer().waitClosed();
            }
            System.out.println("closed " + held.size());
            System.out.flush();
            return null;
        });
    }
}
