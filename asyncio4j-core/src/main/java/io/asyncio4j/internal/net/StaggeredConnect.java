package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.streams.ConnectOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Happy Eyeballs (RFC 8305) for {@code createConnection}: the first address is tried at once; the
 * next one when the one before it fails or {@code delay} after it started, whichever comes first;
 * the first attempt to connect wins and every other one is cancelled (its socket closed) before
 * the race returns.
 * <p>
 * Each attempt is a task running {@link NetLoop#connectOne}. A failure only hurries the attempt
 * right after it (as asyncio's {@code previous_failed} event): once that one has started, an
 * earlier attempt's failure changes nothing.
 * <p>
 * Threading: loop thread only, from a task (suspends). Everything here is local to one call.
 * <p>
 * asyncio: {@code staggered.staggered_race}, as {@code loop.create_connection(happy_eyeballs_delay=)} uses it
 */
final class StaggeredConnect {
    private StaggeredConnect() {
    }

    /**
     * Races {@code targets}; returns the winner, or null when every attempt failed, with their
     * errors appended to {@code errors} in the order the attempts started.
     */
    static NetLoop.Connected race(NetLoop net, List<InetSocketAddress> targets, ConnectOptions o, Duration delay,
                                  List<IOException> errors) throws IOException {
        EventLoop loop = net.loop;
        int n = targets.size();
        List<Task<NetLoop.Connected>> attempts = new ArrayList<>(n);
        IOException[] failed = new IOException[n];
        // completes (with null) when the next attempt may start: the latest one failed, or delay passed
        Future<NetLoop.Connected> mayStartNext = null;
        TimerHandle timer = null;
        NetLoop.Connected winner = null;
        boolean handedOver = false;
        try {
            while (winner == null) {
                if (attempts.size() < n && (mayStartNext == null || mayStartNext.isDone())) {
                    InetSocketAddress target = targets.get(attempts.size());
                    attempts.add(loop.createTask(() -> net.connectOne(target, o)));
                    Future<NetLoop.Connected> next = loop.createFuture();
                    mayStartNext = next;
                    if (timer != null) {
                        timer.cancel();
                    }
                    timer = loop.callLater(delay, () -> {
                        if (!next.isDone()) {
                            next.setResult(null);
                        }
                    });
                    continue;
                }
                List<Future<NetLoop.Connected>> watched = new ArrayList<>();
                for (int i = 0; i < attempts.size(); i++) {
                    if (!attempts.get(i).isDone()) {
                        watched.add(attempts.get(i));
                    }
                }
                if (attempts.size() < n) {
                    watched.add(mayStartNext);
                }
                if (watched.isEmpty()) {
                    break; // all started, all failed
                }
                Asyncio.wait(watched, ReturnWhen.FIRST_COMPLETED);
                for (int i = 0; i < attempts.size() && winner == null; i++) {
                    Task<NetLoop.Connected> a = attempts.get(i);
                    if (!a.isDone() || failed[i] != null) {
                        continue;
                    }
                    Throwable e = a.exception();
                    if (e == null) {
                        winner = a.result();
                    } else if (e instanceof IOException io) {
                        failed[i] = io;
                        if (i == attempts.size() - 1 && !mayStartNext.isDone()) {
                            mayStartNext.setResult(null);
                        }
                    } else {
                        throw Sneaky.rethrow(e);
                    }
                }
            }
            if (winner != null) {
                // the losers: cancelled, and their sockets closed, before the winner goes on
                List<Task<NetLoop.Connected>> losers = new ArrayList<>();
                for (Task<NetLoop.Connected> a : attempts) {
                    if (!a.isDone()) {
                        a.cancel();
                        losers.add(a);
                    }
                }
                if (!losers.isEmpty()) {
                    Asyncio.wait(losers);
                }
            }
            for (IOException e : failed) {
                if (e != null) {
                    errors.add(e);
                }
            }
            handedOver = winner != null;
            return winner;
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Task<NetLoop.Connected> a : attempts) {
                if (!a.isDone()) {
                    a.cancel(); // this call is failing or cancelled: its cleanup closes the socket
                } else if (!a.isCancelled() && a.exception() == null
                        && (!handedOver || a.result() != winner)) {
                    net.closeConnected(a.result()); // connected too, after the winner or in vain
                }
            }
        }
    }
}
