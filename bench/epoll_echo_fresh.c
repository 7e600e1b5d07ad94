/*
 * epoll_echo_fresh - the kit's C "limit" echo server (../shared/bench/epoll_echo.c), changed in
 * one place: each read() lands in FRESH memory, as a JVM's read(n) result does, instead of one
 * reused 64 KiB buffer.
 *
 * A JVM hands out every new array from a bump pointer walking all of eden (tens of MB): the
 * memory an array lands in was last touched one whole eden ago, so it is out of the CPU's caches.
 * CPython's malloc, and the kit's limit server, reuse the block just freed, still in cache.
 * This server walks a --region of that size the same way (each read at the next 16-byte-aligned
 * offset, wrapping at the end), so the cost of "a new buffer per read" is measured alone, with
 * nothing else of a runtime around it. --fionread 1 also asks the kernel how many bytes wait
 * (ioctl FIONREAD) before each read and reads exactly that many, as asyncio4j's right-sized
 * read(n) does.
 *
 * --region 65536 gives back the kit's limit server (one buffer, reused).
 *
 * build: gcc -O2 -Wall -o epoll_echo_fresh epoll_echo_fresh.c   (bench/fresh_memory.sh does this)
 * usage: epoll_echo_fresh [--port 25000] [--host 127.0.0.1] [--max-seconds 900]
 *                         [--region BYTES (default 64 MiB)] [--fionread 0|1]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 65536
#define MAX_EVENTS 512

typedef struct {
    int fd;
    char *pend;          /* unsent rest of the last echo, or NULL */
    size_t plen, poff;
} conn_t;

static int epfd;
static char *region;        /* where reads land: walked front to back, wrapping */
static size_t region_size = 64u << 20;
static size_t region_off;
static int use_fionread;

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void set_events(conn_t *c, unsigned ev) {
    struct epoll_event e = {.events = ev, .data.ptr = c};
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) < 0) die("epoll_ctl mod");
}

static void close_conn(conn_t *c) {
    close(c->fd);        /* also removes it from the epoll set */
    free(c->pend);
    free(c);
}

/* keep the unsent tail; stop reading until it is written */
static void keep_rest(conn_t *c, const char *p, size_t n) {
    c->pend = malloc(n);
    if (!c->pend) die("malloc");
    memcpy(c->pend, p, n);
    c->plen = n;
    c->poff = 0;
    set_events(c, EPOLLOUT);
}

static void accept_all(int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) perror("accept4");
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn_t *c = calloc(1, sizeof *c);
        if (!c) die("calloc");
        c->fd = fd;
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) die("epoll_ctl add");
    }
}

static void on_writable(conn_t *c) {
    ssize_t w = write(c->fd, c->pend + c->poff, c->plen - c->poff);
    if (w < 0) {
        if (errno == EAGAIN || errno == EINTR) return;
        close_conn(c);
        return;
    }
    c->poff += (size_t)w;
    if (c->poff == c->plen) {
        free(c->pend);
        c->pend = NULL;
        set_events(c, EPOLLIN);
    }
}

static void on_readable(conn_t *c) {
    if (region_off + BUF_SIZE > region_size) region_off = 0;
    char *buf = region + region_off;
    size_t want = BUF_SIZE;
    if (use_fionread) {
        int queued = 0;
        if (ioctl(c->fd, FIONREAD, &queued) == 0 && queued > 0 && queued < BUF_SIZE) want = (size_t)queued;
    }
    ssize_t r = read(c->fd, buf, want);
    if (r > 0) region_off += ((size_t)r + 15) & ~(size_t)15;
    if (r <= 0) {
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) return;
        close_conn(c);   /* EOF or error (e.g. ECONNRESET) */
        return;
    }
    ssize_t w = write(c->fd, buf, (size_t)r);
    if (w == r) return;
    if (w < 0) {
        if (errno != EAGAIN && errno != EINTR) {
            close_conn(c);
            return;
        }
        w = 0;
    }
    keep_rest(c, buf + w, (size_t)(r - w));
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 25000;
    unsigned max_seconds = 900;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--host")) host = argv[i + 1];
        else if (!strcmp(argv[i], "--region"))
            region_size = strtoul(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--fionread"))
            use_fionread = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--max-seconds"))
            max_seconds = (unsigned)atoi(argv[i + 1]);
        else {
            fprintf(stderr, "usage: %s [--port N] [--host A] "
                            "[--max-seconds S] [--region BYTES] [--fionread 0|1]\n", argv[0]);
            return 1;
        }
    }
    if (region_size < BUF_SIZE) region_size = BUF_SIZE;
    region_size = (region_size + 4095) & ~(size_t)4095;
    region = aligned_alloc(4096, region_size);
    if (!region) die("aligned_alloc");
    memset(region, 0, region_size);   /* touched once up front, as -XX:+AlwaysPreTouch does */
    signal(SIGPIPE, SIG_IGN);
    if (max_seconds) alarm(max_seconds);     /* default action: terminate */

    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "bad IPv4 address %s\n", host);
        return 1;
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0) die("socket");
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0) die("bind");
    if (listen(lfd, 1024) < 0) die("listen");

    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) die("epoll_create1");
    struct epoll_event le = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &le) < 0) die("epoll_ctl listen");
    printf("echo serving on %s:%d\n", host, port);
    fflush(stdout);

    struct epoll_event evs[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(epfd, evs, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int k = 0; k < n; k++) {
            conn_t *c = evs[k].data.ptr;
            if (c == NULL) {
                accept_all(lfd);
            } else if (c->pend) {
                on_writable(c);
            } else {
                on_readable(c);
            }
        }
    }
}
