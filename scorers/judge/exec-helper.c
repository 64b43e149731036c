/* r1bench judge exec helper: runs argv[2..] and writes "exit signal cpu_us maxrss_kb wall_us" to the
 * file argv[1]. Node cannot read a child's resource usage; this does, for the whole process tree:
 * as a child subreaper it adopts bwrap's orphaned init, so RUSAGE_CHILDREN covers every process. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* If the judge dies, take the sandbox down with us: the helper leads the process group. */
static void on_parent_death(int sig) { (void)sig; kill(0, SIGKILL); _exit(125); }

int main(int argc, char **argv) {
  if (argc < 3) return 120;
  int rfd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (rfd < 0) return 121;
  signal(SIGTERM, on_parent_death);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() == 1) on_parent_death(0);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) return 122;
  if (pid == 0) {
    signal(SIGTERM, SIG_DFL);
    execv(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  for (;;) {
    int st;
    pid_t w = waitpid(-1, &st, 0);
    if (w < 0) break;
    if (w == pid) status = st;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  long cpu_us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
  long wall_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
  dprintf(rfd, "%d %d %ld %ld %ld\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          WIFSIGNALED(status) ? WTERMSIG(status) : 0, cpu_us, ru.ru_maxrss, wall_us);
  close(rfd);
  return 0;
}
