/*
 * An open-loop HTTP/1.1 load generator: sends one request, read from a file, at a fixed rate and
 * reports latency percentiles measured from each request's scheduled send time.
 *
 *   openloop HOST PORT RATE SECONDS CONNECTIONS REQUEST_FILE
 *
 * wrk keeps every connection busy and so measures the tail at saturation, where the queue of waiting
 * requests and the scheduling of the load generator itself set the 99th percentile. A target like
 * "10,000 calls/s with p99 <= 5 ms" is a latency at a given rate: this tool offers that rate whatever
 * the answers do, and a request that could not be sent on time (every connection still waiting for
 * an answer) counts its wait too, so a stalled server shows in the figures instead of slowing the
 * load (the "coordinated omission" wrk2 corrects for). One thread, epoll, keep-alive connections,
 * no pipelining; answers must carry Content-Length. Linux 5.11 or later (epoll_pwait2: sleeps of
 * microseconds, not milliseconds).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  int busy;
  int64_t scheduled_ns; /* when the request now on this connection was due */
  size_t sent;
  char head[16384]; /* the answer's status line and headers, read until the blank line */
  size_t filled;
  long body_left;   /* bytes of the body still to read once the head is read, or -1 before */
  int status_2xx;
  int closing;      /* the answer said Connection: close */
} connection;

static const char *request;
static size_t request_length;
static struct sockaddr_in address;
static int64_t *latencies;
static size_t latency_count, latency_capacity;
static long non_2xx, errors;

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

static void fail(const char *what) {
  perror(what);
  exit(2);
}

static void open_connection(connection *c, int epoll) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) fail("socket");
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(c->fd, (struct sockaddr *) &address, sizeof address) < 0 && errno != EINPROGRESS) fail("connect");
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
  if (epoll_ctl(epoll, EPOLL_CTL_ADD, c->fd, &event) < 0) fail("epoll_ctl");
  c->busy = 0;
  c->filled = 0;
  c->body_left = -1;
}

/* A closed connection is opened again; a request it carried is lost and counted. */
static void reconnect(connection *c, int epoll) {
  close(c->fd);
  if (c->busy) errors++;
  open_connection(c, epoll);
}

/* Writes what the socket takes; the rest waits for EPOLLOUT. */
static void send_rest(connection *c, int epoll) {
  while (c->sent < request_length) {
    ssize_t n = write(c->fd, request + c->sent, request_length - c->sent);
    if (n < 0 && (errno == EAGAIN || errno == ENOTCONN)) {
      struct epoll_event event = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
      epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &event);
      return;
    }
    if (n <= 0) {
      reconnect(c, epoll);
      return;
    }
    c->sent += (size_t) n;
  }
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
  epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &event);
}

static void start(connection *c, int64_t scheduled_ns, int epoll) {
  c->busy = 1;
  c->scheduled_ns = scheduled_ns;
  c->sent = 0;
  c->filled = 0;
  c->body_left = -1;
  c->closing = 0;
  send_rest(c, epoll);
}

/*
 * Takes n more bytes of the answer (the head is kept, the body only counted); returns 1 once the
 * answer is complete.
 */
static int take(connection *c, const char *bytes, size_t n) {
  if (c->body_left < 0) {
    size_t room = sizeof c->head - c->filled;
    size_t copied = n < room ? n : room;
    memcpy(c->head + c->filled, bytes, copied);
    c->filled += copied;
    char *end = memmem(c->head, c->filled, "\r\n\r\n", 4);
    if (end == NULL) return 0;
    long body = 0;
    for (char *line = c->head; line < end; line = strstr(line, "\r\n") + 2) {
      if (strncasecmp(line, "Content-Length:", 15) == 0) body = strtol(line + 15, NULL, 10);
      if (strncasecmp(line, "Connection: close", 17) == 0) c->closing = 1;
    }
    c->status_2xx = strncmp(c->head, "HTTP/1.1 2", 10) == 0;
    size_t head_length = (size_t) (end - c->head) + 4;
    /* bytes of this read past the head belong to the body */
    c->body_left = body - (long) (c->filled - head_length) - (long) (n - copied);
  } else {
    c->body_left -= (long) n;
  }
  return c->body_left <= 0;
}

static void record(int64_t latency_ns) {
  if (latency_count == latency_capacity) {
    latency_capacity = latency_capacity ? latency_capacity * 2 : 1 << 20;
    latencies = realloc(latencies, latency_capacity * sizeof *latencies);
    if (latencies == NULL) fail("realloc");
  }
  latencies[latency_count++] = latency_ns;
}

static int by_value(const void *a, const void *b) {
  int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
  return (x > y) - (x < y);
}

static double percentile_ms(double p) {
  size_t index = (size_t) (p / 100.0 * (double) (latency_count - 1) + 0.5);
  return (double) latencies[index] / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: openloop HOST PORT RATE SECONDS CONNECTIONS REQUEST_FILE\n");
    return 2;
  }
  double rate = atof(argv[3]), seconds = atof(argv[4]);
  int connection_count = atoi(argv[5]);
  FILE *file = fopen(argv[6], "rb");
  if (file == NULL) fail(argv[6]);
  static char request_bytes[1 << 16];
  request_length = fread(request_bytes, 1, sizeof request_bytes, file);
  fclose(file);
  request = request_bytes;
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t) atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) fail("address");

  int epoll = epoll_create1(0);
  connection *connections = calloc((size_t) connection_count, sizeof *connections);
  for (int i = 0; i < connection_count; i++) open_connection(&connections[i], epoll);

  const int64_t interval_ns = (int64_t) (1e9 / rate);
  const int64_t begin = now_ns() + 100000000; /* connections open first */
  const int64_t finish = begin + (int64_t) (seconds * 1e9);
  int64_t next_due = begin; /* the next request's scheduled time; those past due wait for a free connection */
  int all_busy;
  struct epoll_event events[256];
  while (1) {
    int64_t now = now_ns();
    all_busy = 0;
    while (next_due <= now && next_due < finish) {
      connection *idle = NULL;
      for (int i = 0; i < connection_count && idle == NULL; i++) {
        if (!connections[i].busy) idle = &connections[i];
      }
      if (idle == NULL) { /* every connection waits for an answer: this one is late, and counted so */
        all_busy = 1;
        break;
      }
      start(idle, next_due, epoll);
      next_due += interval_ns;
    }
    int busy = 0;
    for (int i = 0; i < connection_count; i++) busy |= connections[i].busy;
    if (now >= finish && next_due >= finish && !busy) break;
    if (now >= finish + 10000000000LL) break; /* answers 10 s overdue: give up on them */
    /* sleep until the next request is due, or until an answer frees a connection */
    int64_t timeout_ns = all_busy || next_due >= finish ? 10000000 : next_due > now ? next_due - now : 0;
    struct timespec timeout = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
    int ready = epoll_pwait2(epoll, events, 256, &timeout, NULL);
    if (ready < 0 && errno != EINTR) fail("epoll_pwait2");
    for (int e = 0; e < ready; e++) {
      connection *c = events[e].data.ptr;
      if (events[e].events & EPOLLOUT) send_rest(c, epoll);
      if (!(events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) continue;
      static char bytes[1 << 16];
      ssize_t n = read(c->fd, bytes, sizeof bytes);
      if (n < 0 && errno == EAGAIN) continue;
      if (n <= 0) {
        reconnect(c, epoll);
        continue;
      }
      if (!c->busy || !take(c, bytes, (size_t) n)) continue;
      record(now_ns() - c->scheduled_ns);
      if (!c->status_2xx) non_2xx++;
      c->busy = 0;
      if (c->closing) reconnect(c, epoll);
    }
  }
  if (latency_count == 0) {
    fprintf(stderr, "openloop: no answers\n");
    return 1;
  }
  qsort(latencies, latency_count, sizeof *latencies, by_value);
  /* the columns of the benchmark's wrk lines, then the rest of the distribution */
  printf("%9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (p90 %.2f, p99.9 %.2f, max %.2f ms)",
      (double) latency_count / seconds, percentile_ms(50), percentile_ms(99), percentile_ms(90),
      percentile_ms(99.9), (double) latencies[latency_count - 1] / 1e6);
  if (non_2xx) printf("  (%ld non-2xx!)", non_2xx);
  if (errors) printf("  (%ld requests lost with their connection)", errors);
  printf("\n");
  return 0;
}
