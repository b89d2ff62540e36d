/*
 * The floor for Medic's sweep benchmark: the bare cost of reading the same kernel files a sweep reads, in C, with
 * no parsing beyond picking VmRSS out of status to choose the top N. See docs/benchmarks.md.
 *
 *   floor pass SPEC PASSES TOPN [all]   two lines: the wall ms of each pass, then its CPU ms (user + system)
 *   floor exec RUNS -- CMD [ARG...]     two lines: the wall ms of each run of CMD (stdout/stderr to /dev/null),
 *                                       then the CPU ms CMD used
 *   floor kinds PASSES NAME...          the cost of each per-pid file kind alone: for each NAME (a file, a
 *                                       directory ending in '/', listed, or stat:NAME, stat() only), PASSES passes
 *                                       over every pid touching only it; one line per NAME: name, pids, median wall
 *                                       ms, median CPU ms, µs a pid
 *
 * SPEC lines (written by bench/run.sh from an strace of one Medic sweep, or its fallback list):
 *   G  <path>   a global file, read whole            GD <path>  a global directory, listed
 *   P  <name>   /proc/<pid>/<name> for every pid     PD <name>  /proc/<pid>/<name>/, listed, for every pid
 *   PS <name>   stat() of /proc/<pid>/<name> for every pid (Medic's open fd count on Linux 6.2+)
 *   GS <path>   stat() of a global path
 *   T  <name>   /proc/<pid>/<name> for the TOPN pids by VmRSS (for every pid with "all")
 * cmdline is read up to 64 KiB, like Medic; everything else to its end (a short read is the end).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SPEC 256
#define BUF (64 * 1024)

static char kind[MAX_SPEC][3];
static char name[MAX_SPEC][512];
static int nspec;
static int per_pid[MAX_SPEC], nper_pid; /* the P, PD and PS lines: the only ones the per-pid loop looks at */
static char buf[BUF];
static long files_read;

static double cpu_ms(struct rusage *u) {
  return u->ru_utime.tv_sec * 1e3 + u->ru_utime.tv_usec / 1e3 + u->ru_stime.tv_sec * 1e3 + u->ru_stime.tv_usec / 1e3;
}

static double self_cpu_ms(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return cpu_ms(&u);
}

static void print_line(const double *v, int n) {
  for (int i = 0; i < n; i++) printf("%s%.3f", i ? " " : "", v[i]);
  printf("\n");
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * Files printed one record per seq_file step (a mapping each): a read returns about a page of them at a time, so a
 * short read is not their end. Medic reads none of them per process; smem reads smaps.
 */
static int multi_record(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return strcmp(base, "smaps") == 0 || strcmp(base, "maps") == 0 || strcmp(base, "numa_maps") == 0;
}

/*
 * Reads a file to its end (or max bytes); returns bytes read, -1 when it cannot be opened. A read shorter than asked
 * is the end, as in procps's file2str and Medic's ReadBuffer: the per-process files Medic reads are printed whole on
 * the first read (single-record seq_files, cmdline), except the multi_record ones, read until read() returns 0.
 */
static long slurp(const char *path, long max, char *keep, long keep_len) {
  int whole_at_once = !multi_record(path);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  long total = 0;
  ssize_t n;
  while (total < max && (n = read(fd, buf, sizeof buf)) > 0) {
    if (keep && total < keep_len) memcpy(keep + total, buf, (size_t)(n < keep_len - total ? n : keep_len - total));
    total += n;
    if (whole_at_once && n < (ssize_t)sizeof buf) break;
  }
  close(fd);
  files_read++;
  return total;
}

static long list_dir(const char *path) {
  DIR *d = opendir(path);
  if (!d) return -1;
  long n = 0;
  while (readdir(d)) n++;
  closedir(d);
  files_read++;
  return n;
}

static void load_spec(const char *file) {
  FILE *f = fopen(file, "r");
  if (!f) { perror(file); exit(2); }
  char line[600];
  while (fgets(line, sizeof line, f) && nspec < MAX_SPEC) {
    char k[3], v[512];
    if (sscanf(line, "%2s %511s", k, v) == 2 && k[0] != '#') {
      strcpy(kind[nspec], k);
      strcpy(name[nspec], v);
      if (k[0] == 'P') per_pid[nper_pid++] = nspec;
      nspec++;
    }
  }
  fclose(f);
}

typedef struct { int pid; long rss_kb; } proc_t;

static int by_rss_desc(const void *a, const void *b) {
  long x = ((const proc_t *)a)->rss_kb, y = ((const proc_t *)b)->rss_kb;
  return x < y ? 1 : x > y ? -1 : 0;
}

static void one_pass(int topn, int all) {
  static proc_t procs[1 << 16];
  int np = 0;
  char path[600], status[4096];
  DIR *d = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(d)) && np < (1 << 16)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    int pid = atoi(e->d_name);
    long rss = -1;
    for (int j = 0; j < nper_pid; j++) {
      int i = per_pid[j];
      snprintf(path, sizeof path, "/proc/%d/%.500s", pid, name[i]);
      if (strcmp(kind[i], "P") == 0) {
        int is_status = strcmp(name[i], "status") == 0;
        status[0] = 0;
        long got = slurp(path, strcmp(name[i], "cmdline") == 0 ? BUF : 1L << 30, is_status ? status : NULL,
                         sizeof status - 1);
        if (is_status && got > 0) {
          status[got < (long)sizeof status - 1 ? got : (long)sizeof status - 1] = 0;
          char *v = strstr(status, "VmRSS:");
          rss = v ? atol(v + 6) : 0;
        }
      } else if (strcmp(kind[i], "PD") == 0) {
        list_dir(path);
      } else if (strcmp(kind[i], "PS") == 0) {
        struct stat st;
        stat(path, &st);
      }
    }
    procs[np].pid = pid;
    procs[np].rss_kb = rss;
    np++;
  }
  closedir(d);
  qsort(procs, np, sizeof *procs, by_rss_desc);
  int top = all ? np : (topn < np ? topn : np);
  for (int p = 0; p < top; p++) {
    if (procs[p].rss_kb <= 0) continue; /* kernel threads and zombies have no memory map, as in Medic */
    for (int i = 0; i < nspec; i++) {
      if (strcmp(kind[i], "T") == 0) {
        snprintf(path, sizeof path, "/proc/%d/%.500s", procs[p].pid, name[i]);
        slurp(path, 1L << 30, NULL, 0);
      }
    }
  }
  for (int i = 0; i < nspec; i++) {
    if (strcmp(kind[i], "G") == 0) slurp(name[i], 1L << 30, NULL, 0);
    else if (strcmp(kind[i], "GD") == 0) list_dir(name[i]);
    else if (strcmp(kind[i], "GS") == 0) {
      struct stat st;
      stat(name[i], &st);
    }
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/*
 * One pass over every pid reading only /proc/<pid>/<file> (listing it when it ends in '/', stat() of it when it
 * starts with "stat:"); returns pids seen.
 */
static int kind_pass(const char *file) {
  char path[600];
  int pids = 0, dir = file[strlen(file) - 1] == '/', stat_only = strncmp(file, "stat:", 5) == 0;
  struct stat st;
  DIR *d = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    snprintf(path, sizeof path, "/proc/%s/%s", e->d_name, stat_only ? file + 5 : file);
    if (stat_only) stat(path, &st);
    else if (dir) list_dir(path);
    else slurp(path, strcmp(file, "cmdline") == 0 ? BUF : 1L << 30, NULL, 0);
    pids++;
  }
  closedir(d);
  return pids;
}

/* Per-kind costs, passes of different kinds interleaved so that load changes hit every kind alike. */
static int kinds(int passes, int nkinds, char **files) {
  double *wall = calloc((size_t)passes * nkinds, sizeof *wall), *cpu = calloc((size_t)passes * nkinds, sizeof *cpu);
  int pids = 0;
  for (int i = 0; i < nkinds; i++) kind_pass(files[i]); /* warm the dentry cache */
  for (int p = 0; p < passes; p++) {
    for (int i = 0; i < nkinds; i++) {
      double t0 = now_ms(), c0 = self_cpu_ms();
      pids = kind_pass(files[i]);
      wall[i * passes + p] = now_ms() - t0;
      cpu[i * passes + p] = self_cpu_ms() - c0;
    }
  }
  for (int i = 0; i < nkinds; i++) {
    qsort(wall + i * passes, passes, sizeof *wall, cmp_double);
    qsort(cpu + i * passes, passes, sizeof *cpu, cmp_double);
    double w = wall[i * passes + passes / 2], c = cpu[i * passes + passes / 2];
    printf("%-16s %5d pids %8.2f ms wall %8.2f ms cpu %6.2f us/pid\n", files[i], pids, w, c, 1e3 * w / pids);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "kinds") == 0) return kinds(atoi(argv[2]), argc - 3, argv + 3);
  if (argc >= 5 && strcmp(argv[1], "pass") == 0) {
    load_spec(argv[2]);
    int passes = atoi(argv[3]), topn = atoi(argv[4]);
    int all = argc >= 6 && strcmp(argv[5], "all") == 0;
    double *wall = calloc(passes, sizeof *wall), *cpu = calloc(passes, sizeof *cpu);
    for (int i = 0; i < passes; i++) {
      files_read = 0;
      double t0 = now_ms(), c0 = self_cpu_ms();
      one_pass(topn, all);
      wall[i] = now_ms() - t0;
      cpu[i] = self_cpu_ms() - c0;
    }
    print_line(wall, passes);
    print_line(cpu, passes);
    if (getenv("FLOOR_VERBOSE")) fprintf(stderr, "floor: %ld files or directories per pass\n", files_read);
    return 0;
  }
  if (argc >= 5 && strcmp(argv[1], "exec") == 0 && strcmp(argv[3], "--") == 0) {
    int runs = atoi(argv[2]);
    double *wall = calloc(runs, sizeof *wall), *cpu = calloc(runs, sizeof *cpu);
    for (int i = 0; i < runs; i++) {
      double t0 = now_ms();
      pid_t pid = fork();
      if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[4], argv + 4);
        _exit(127);
      }
      int st;
      struct rusage u;
      wait4(pid, &st, 0, &u);
      wall[i] = now_ms() - t0;
      cpu[i] = cpu_ms(&u);
      if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "floor: %s exited with status %d\n", argv[4], st);
        return 1;
      }
    }
    print_line(wall, runs);
    print_line(cpu, runs);
    return 0;
  }
  fprintf(stderr, "usage: floor pass SPEC PASSES TOPN [all] | floor exec RUNS -- CMD [ARG...] | floor kinds PASSES NAME...\n");
  return 2;
}
