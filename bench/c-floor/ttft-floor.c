/* The floor of TTFT measurement error on this machine: a small C epoll client, one thread, no parsing
 * beyond what timing needs. W workers, each on its own keep-alive connection, send R requests one after
 * another (new requests start while the others stream). Each request carries x-kts-id: c-W-R so the
 * known-timing server's truth can be matched. Prints one line per request:
 *   ID SENT_EPOCH_MS TTFT_MS E2E_MS
 * and a last line "cpu_ms X" (user + system). Usage: ttft-floor PORT WORKERS REQUESTS MAX_TOKENS [RAMP_MS]
 * RAMP_MS spreads the workers' first requests evenly over that many ms (the continuous case: requests
 * keep arriving while the others stream); 0 (the default) starts them all at once. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TAIL 64

typedef struct {
  int fd, worker, sent_count;
  double sent_mono, sent_epoch, first_mono;
  int got_first, got_done;
  char tail[TAIL * 2 + 1];
  size_t tail_len;
} Conn;

static double now_ms(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int port, workers, requests, max_tokens, remaining;

static void send_request(Conn *c) {
  char body[256], req[1024];
  int bl = snprintf(body, sizeof body, "{\"model\":\"kts\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":%d,\"stream\":true}", max_tokens);
  int rl = snprintf(req, sizeof req,
                    "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\nx-kts-id: c-%d-%d\r\nContent-Length: %d\r\n\r\n%s",
                    port, c->worker, c->sent_count, bl, body);
  c->got_first = c->got_done = 0;
  c->tail_len = 0;
  c->sent_epoch = now_ms(CLOCK_REALTIME);
  c->sent_mono = now_ms(CLOCK_MONOTONIC);
  if (write(c->fd, req, rl) != rl) { perror("write"); exit(1); }
}

/* A token: a reasoning_content or content string that is not empty. */
static int has_token(const char *s) {
  const char *keys[] = {"\"reasoning_content\":\"", "\"content\":\""};
  for (int k = 0; k < 2; k++)
    for (const char *p = strstr(s, keys[k]); p; p = strstr(p + 1, keys[k])) {
      char next = p[strlen(keys[k])];
      if (next != '"' && next != '\0') return 1;
    }
  return 0;
}

static void on_data(Conn *c, const char *buf, size_t n, double t) {
  /* Scan the last bytes of the previous read with this one, so a key split across reads is found. */
  size_t keep = c->tail_len, take = n < TAIL ? n : TAIL;
  char scan[TAIL * 2 + 65536 + 1];
  memcpy(scan, c->tail, keep);
  memcpy(scan + keep, buf, n);
  scan[keep + n] = '\0';
  if (!c->got_first && has_token(scan)) { c->got_first = 1; c->first_mono = t; }
  if (!c->got_done && strstr(scan, "[DONE]")) c->got_done = 1;
  int end = c->got_done && strstr(scan, "\r\n0\r\n\r\n") != NULL;
  memcpy(c->tail, buf + n - take, take);
  c->tail_len = take;
  c->tail[take] = '\0';
  if (!end) return;
  printf("c-%d-%d %.3f %.3f %.3f\n", c->worker, c->sent_count, c->sent_epoch, c->first_mono - c->sent_mono, t - c->sent_mono);
  remaining--;
  if (++c->sent_count < requests) send_request(c);
}

int main(int argc, char **argv) {
  if (argc != 5 && argc != 6) { fprintf(stderr, "usage: ttft-floor PORT WORKERS REQUESTS MAX_TOKENS [RAMP_MS]\n"); return 2; }
  port = atoi(argv[1]); workers = atoi(argv[2]); requests = atoi(argv[3]); max_tokens = atoi(argv[4]);
  double ramp_ms = argc == 6 ? atof(argv[5]) : 0;
  remaining = workers * requests;
  int ep = epoll_create1(0);
  Conn *conns = calloc(workers, sizeof(Conn));
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  for (int i = 0; i < workers; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) { perror("connect"); return 1; }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conns[i].fd = fd;
    conns[i].worker = i;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &conns[i]};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  /* Worker i sends its first request at start + i * ramp_ms / workers. */
  double start = now_ms(CLOCK_MONOTONIC);
  int started = 0;
  struct epoll_event evs[256];
  static char buf[65536];
  while (remaining > 0) {
    double now = now_ms(CLOCK_MONOTONIC);
    while (started < workers && now >= start + started * ramp_ms / workers) send_request(&conns[started++]);
    int wait_ms = 30000; /* until the next worker's start (rounded up), or 30 s of silence */
    if (started < workers) {
      double due = start + started * ramp_ms / workers - now;
      wait_ms = due <= 0 ? 0 : (int)due + 1;
    }
    int n = epoll_wait(ep, evs, 256, wait_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 && started < workers) continue;
    if (n <= 0) { fprintf(stderr, "ttft-floor: no data for 30 s, %d requests unfinished\n", remaining); return 1; }
    for (int i = 0; i < n; i++) {
      Conn *c = evs[i].data.ptr;
      ssize_t r = read(c->fd, buf, sizeof buf);
      double t = now_ms(CLOCK_MONOTONIC); /* at the read, before any scanning */
      if (r <= 0) { fprintf(stderr, "ttft-floor: connection of worker %d closed\n", c->worker); return 1; }
      on_data(c, buf, (size_t)r, t);
    }
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("cpu_ms %.3f\n", (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
  return 0;
}
