/*
 * wsload - closed-loop WebSocket echo load generator, built on the kit's echoload.c
 * (../shared/bench): CONNS connections, each does the opening handshake (RFC 6455 section 4)
 * to ws://HOST:PORT/PATH, then keeps exactly one message in flight: a masked text frame of
 * MSGSIZE payload bytes goes out, the unmasked echo frame (the server's header + MSGSIZE bytes)
 * comes back, its round trip is recorded, the next one goes. Single-threaded epoll in C, so the
 * client costs far less CPU than the servers under test. The server must echo each text message
 * as one frame (every server in bench/ws_side_by_side.py does).
 *
 * build: gcc -O2 -Wall -o wsload wsload.c
 * usage: wsload HOST PORT PATH CONNS MSGSIZE SECONDS [WARMUP_S=1] [SPIN=0]
 * prints one JSON line on stdout.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HIST_US 200000

typedef struct {
    int fd;
    size_t sent, recvd;
    double t0;
} conn_t;

static long hist[HIST_US + 1];
static unsigned char *frame, *rbuf;
static size_t frame_len, reply_len;
static int epfd;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void set_events(conn_t *c, unsigned ev) {
    struct epoll_event e = {.events = ev, .data.ptr = c};
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) < 0) die("epoll_ctl mod");
}

static void pump_write(conn_t *c) {
    while (c->sent < frame_len) {
        ssize_t n = write(c->fd, frame + c->sent, frame_len - c->sent);
        if (n > 0) {
            c->sent += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            set_events(c, EPOLLIN | EPOLLOUT);
            return;
        } else {
            die("write");
        }
    }
}

static void start_msg(conn_t *c, double t) {
    c->sent = c->recvd = 0;
    c->t0 = t;
    pump_write(c);
}

static double percentile(long total, double p) {
    long want = (long)(p * (double)total), seen = 0;
    for (int i = 0; i <= HIST_US; i++) {
        seen += hist[i];
        if (seen > want) return i;
    }
    return HIST_US;
}

/* a frame header for a payload of len bytes: returns its length (masked adds the 4-byte key) */
static size_t header(unsigned char *h, size_t len, int masked) {
    size_t p;
    h[0] = 0x81; /* FIN, text */
    if (len < 126) {
        h[1] = (unsigned char)len;
        p = 2;
    } else if (len <= 0xffff) {
        h[1] = 126;
        h[2] = (unsigned char)(len >> 8);
        h[3] = (unsigned char)len;
        p = 4;
    } else {
        h[1] = 127;
        for (int i = 0; i < 8; i++) h[2 + i] = (unsigned char)((unsigned long long)len >> (56 - 8 * i));
        p = 10;
    }
    if (masked) {
        h[1] |= 0x80;
        memcpy(h + p, "\x12\x34\x56\x78", 4);
        p += 4;
    }
    return p;
}

/* blocking opening handshake: the request, then the answer's head must be a 101 */
static void handshake(int fd, const char *host, int port, const char *path) {
    char req[512], head[4096];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     path, host, port);
    if (write(fd, req, (size_t)n) != n) die("handshake write");
    size_t got = 0;
    while (got < sizeof head - 1) {
        ssize_t r = read(fd, head + got, 1); /* byte by byte: not one byte past the head */
        if (r <= 0) die("handshake read");
        got++;
        if (got >= 4 && memcmp(head + got - 4, "\r\n\r\n", 4) == 0) break;
    }
    head[got] = 0;
    if (strncmp(head, "HTTP/1.1 101", 12) != 0) {
        fprintf(stderr, "handshake refused: %.60s\n", head);
        exit(3);
    }
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s HOST PORT PATH CONNS MSGSIZE SECONDS [WARMUP_S] [SPIN]\n", argv[0]);
        return 1;
    }
    const char *host = argv[1], *path = argv[3];
    int port = atoi(argv[2]), nconn = atoi(argv[4]);
    size_t msgsize = (size_t)atol(argv[5]);
    double seconds = atof(argv[6]);
    double warmup = argc > 7 ? atof(argv[7]) : 1.0;
    int spin = argc > 8 ? atoi(argv[8]) : 0;
    if (nconn < 1 || msgsize < 1 || seconds <= 0) return 1;
    alarm((unsigned)(warmup + seconds + 10));

    unsigned char h[14];
    size_t hl = header(h, msgsize, 1);
    frame_len = hl + msgsize;
    frame = malloc(frame_len);
    memcpy(frame, h, hl);
    for (size_t i = 0; i < msgsize; i++) frame[hl + i] = (unsigned char)('x' ^ h[hl - 4 + (i & 3)]);
    reply_len = header(h, msgsize, 0) + msgsize;
    rbuf = malloc(reply_len);
    conn_t *conns = calloc((size_t)nconn, sizeof(conn_t));
    epfd = epoll_create1(0);
    if (epfd < 0) die("epoll_create1");

    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "bad IPv4 address %s\n", host);
        return 1;
    }
    for (int i = 0; i < nconn; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        if (fd < 0) die("socket");
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("connect");
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        handshake(fd, host, port, path);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        conns[i].fd = fd;
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = &conns[i]};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) die("epoll_ctl add");
    }

    double t_start = now(), t_meas = t_start + warmup, t_end = t_meas + seconds;
    long counted = 0;
    for (int i = 0; i < nconn; i++) start_msg(&conns[i], t_start);
    struct epoll_event evs[256];
    double t = t_start;
    while (t < t_end) {
        int n = epoll_wait(epfd, evs, 256, spin ? 0 : 50);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        t = now();
        for (int k = 0; k < n; k++) {
            conn_t *c = evs[k].data.ptr;
            if (evs[k].events & EPOLLOUT) {
                pump_write(c);
                if (c->sent == frame_len) set_events(c, EPOLLIN);
            }
            if (!(evs[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            ssize_t r = read(c->fd, rbuf, reply_len - c->recvd);
            if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (r <= 0) {
                fprintf(stderr, "server closed connection\n");
                return 3;
            }
            c->recvd += (size_t)r;
            if (c->recvd < reply_len) continue;
            if (c->t0 >= t_meas && t <= t_end) {
                long us = (long)((t - c->t0) * 1e6);
                hist[us < HIST_US ? us : HIST_US]++;
                counted++;
            }
            if (t < t_end) start_msg(c, t);
        }
    }
    for (int i = 0; i < nconn; i++) close(conns[i].fd);
    printf("{\"conns\": %d, \"msgsize\": %zu, \"seconds\": %.3f, \"messages\": %ld, \"msgs_per_s\": %.1f, "
           "\"p50_us\": %.0f, \"p99_us\": %.0f}\n",
           nconn, msgsize, seconds, counted, counted / seconds, percentile(counted, 0.50),
           percentile(counted, 0.99));
    return 0;
}
