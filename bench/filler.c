/*
 * A memory filler for bench/reaction.sh: allocates and touches RATE MB/s (in 4 MiB steps) until the kernel kills it.
 *
 *   filler RATE_MB_PER_S
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: filler RATE_MB_PER_S\n");
    return 2;
  }
  double rate = atof(argv[1]) * 1e6;
  const size_t step = 4u << 20;
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  size_t total = 0;
  for (;;) {
    char *p = malloc(step);
    if (!p) return 1;
    memset(p, 0x5a, step);
    total += step;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
    double ahead = total / rate - elapsed;
    if (ahead > 0) {
      struct timespec pause = {(time_t) ahead, (long) ((ahead - (time_t) ahead) * 1e9)};
      nanosleep(&pause, NULL);
    }
  }
}
