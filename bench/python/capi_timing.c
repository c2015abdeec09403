/*
 * capi_timing.c — the C side of bench/python/bench_python.py: classifies the
 * very posts the Python benchmark classifies, through the public C API only,
 * so that the binding's cost per post is the difference of the two figures.
 *
 *   capi_timing RULES.yaml|ENGINE.vigil CORPUS.bin [--threads=N] [--repeat=R]
 *               [--json] [--verdicts=OUT.jsonl]
 *
 * CORPUS.bin is written by bench_python.py (write_corpus_bin): "VGLC", a
 * uint32 post count, then per post seven strings (id, title, body, author id,
 * author name, channel, lang), three int64 (trust level, account age, post
 * count; INT64_MIN = unknown), the roles and the links (count 0xFFFFFFFF =
 * NULL links: the library finds them in the body). A string is a uint32
 * length (0xFFFFFFFF = absent) and its bytes; all little-endian.
 *
 * --threads=N  N threads, one scanner each, taking 16 posts at a time from a
 *              shared counter (what classify_many does).
 * --json       also fetch each verdict's JSON (what the binding does).
 * --verdicts   writes every verdict's JSON, one per line, before timing.
 * Prints one line of JSON: {"posts", "threads", "json", "seconds",
 * "cpu_seconds", "posts_per_s"}: the best wall-clock and the best CPU time
 * (all threads) of --repeat runs (default 5), after one warm-up run.
 */
#define _POSIX_C_SOURCE 200809L
#include <vigil/vigil.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  vigil_post post;
  vigil_str* roles;
  vigil_str* links;
} corpus_post;

static const vigil_engine* g_engine;
static corpus_post* g_posts;
static size_t g_count;
static int g_json;
static atomic_size_t g_next;

static void die(const char* what) {
  fprintf(stderr, "capi_timing: %s\n", what);
  exit(1);
}

static uint32_t read_u32(FILE* f) {
  unsigned char b[4];
  if (fread(b, 1, 4, f) != 4) die("corpus: truncated");
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int64_t read_i64(FILE* f) {
  uint64_t lo = read_u32(f);
  uint64_t hi = read_u32(f);
  return (int64_t)(lo | hi << 32);
}

static vigil_str read_str(FILE* f) {
  vigil_str s = {NULL, 0};
  uint32_t n = read_u32(f);
  char* data;
  if (n == 0xFFFFFFFFu) return s;
  data = malloc(n + 1);
  if (!data) die("out of memory");
  if (n && fread(data, 1, n, f) != n) die("corpus: truncated");
  data[n] = '\0';
  s.data = data;
  s.size = n;
  return s;
}

static void read_corpus(const char* path) {
  FILE* f = fopen(path, "rb");
  char magic[4];
  size_t i, j;
  if (!f) die("cannot open the corpus");
  if (fread(magic, 1, 4, f) != 4 || memcmp(magic, "VGLC", 4) != 0) die("corpus: bad magic");
  g_count = read_u32(f);
  g_posts = calloc(g_count ? g_count : 1, sizeof *g_posts);
  if (!g_posts) die("out of memory");
  for (i = 0; i < g_count; ++i) {
    corpus_post* p = &g_posts[i];
    vigil_post init = VIGIL_POST_INIT;
    uint32_t n;
    p->post = init;
    p->post.id = read_str(f);
    p->post.title = read_str(f);
    p->post.body = read_str(f);
    p->post.author_id = read_str(f);
    p->post.author_name = read_str(f);
    p->post.channel = read_str(f);
    p->post.lang = read_str(f);
    p->post.author_trust_level = read_i64(f);
    p->post.author_account_age_days = read_i64(f);
    p->post.author_post_count = read_i64(f);
    n = read_u32(f);
    if (n) {
      p->roles = calloc(n, sizeof(vigil_str));
      if (!p->roles) die("out of memory");
      for (j = 0; j < n; ++j) p->roles[j] = read_str(f);
      p->post.author_roles = p->roles;
      p->post.author_role_count = n;
    }
    n = read_u32(f);
    if (n != 0xFFFFFFFFu) {
      p->links = calloc(n ? n : 1, sizeof(vigil_str));
      if (!p->links) die("out of memory");
      for (j = 0; j < n; ++j) p->links[j] = read_str(f);
      p->post.links = p->links;
      p->post.link_count = n;
    }
  }
  fclose(f);
}

static double clock_seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void* worker(void* arg) {
  vigil_scanner* scanner = NULL;
  size_t* flagged = arg;
  if (vigil_scanner_create(g_engine, &scanner) != VIGIL_OK) die("vigil_scanner_create");
  for (;;) {
    size_t begin = atomic_fetch_add(&g_next, 16), end, i;
    if (begin >= g_count) break;
    end = begin + 16 < g_count ? begin + 16 : g_count;
    for (i = begin; i < end; ++i) {
      const vigil_verdict* v = NULL;
      if (vigil_scanner_classify(scanner, &g_posts[i].post, &v) != VIGIL_OK) {
        fprintf(stderr, "post %zu: %s\n", i, vigil_scanner_last_error(scanner));
        exit(1);
      }
      if (g_json) *flagged += vigil_verdict_json(v, NULL)[0] == '{';
      *flagged += vigil_verdict_action(v) != VIGIL_ACTION_ALLOW;
    }
  }
  vigil_scanner_free(scanner);
  return NULL;
}

/* Wall-clock seconds; *cpu gets the process's CPU seconds (all threads). */
static double run(int threads, double* cpu) {
  pthread_t ids[256];
  size_t flagged[256] = {0};
  double start = clock_seconds(CLOCK_MONOTONIC);
  double cpu_start = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
  int t;
  atomic_store(&g_next, 0);
  for (t = 1; t < threads; ++t) {
    if (pthread_create(&ids[t], NULL, worker, &flagged[t]) != 0) die("pthread_create");
  }
  worker(&flagged[0]);
  for (t = 1; t < threads; ++t) pthread_join(ids[t], NULL);
  *cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
  return clock_seconds(CLOCK_MONOTONIC) - start;
}

static void write_verdicts(const char* path) {
  FILE* out = fopen(path, "w");
  vigil_scanner* scanner = NULL;
  size_t i;
  if (!out) die("cannot write --verdicts");
  if (vigil_scanner_create(g_engine, &scanner) != VIGIL_OK) die("vigil_scanner_create");
  for (i = 0; i < g_count; ++i) {
    const vigil_verdict* v = NULL;
    if (vigil_scanner_classify(scanner, &g_posts[i].post, &v) != VIGIL_OK) {
      fprintf(out, "{\"error\":\"%s\"}\n", vigil_scanner_last_error(scanner));
    } else {
      fprintf(out, "%s\n", vigil_verdict_json(v, NULL));
    }
  }
  vigil_scanner_free(scanner);
  fclose(out);
}

int main(int argc, char** argv) {
  int threads = 1, repeat = 5, i, status;
  const char* verdicts = NULL;
  vigil_engine* engine = NULL;
  vigil_diagnostics* diags = NULL;
  double best = 1e30, best_cpu = 1e30, cpu = 0;
  size_t len;

  if (argc < 3) die("usage: capi_timing RULES|ENGINE CORPUS.bin [--threads=N] [--repeat=R] [--json] [--verdicts=F]");
  for (i = 3; i < argc; ++i) {
    if (strncmp(argv[i], "--threads=", 10) == 0) threads = atoi(argv[i] + 10);
    else if (strncmp(argv[i], "--repeat=", 9) == 0) repeat = atoi(argv[i] + 9);
    else if (strcmp(argv[i], "--json") == 0) g_json = 1;
    else if (strncmp(argv[i], "--verdicts=", 11) == 0) verdicts = argv[i] + 11;
    else die("unknown option");
  }
  if (threads < 1 || threads > 256) die("--threads must be 1..256");
  len = strlen(argv[1]);
  if (len > 5 && strcmp(argv[1] + len - 5, ".yaml") == 0) {
    status = vigil_engine_compile_file(argv[1], NULL, &engine, &diags);
  } else {
    status = vigil_engine_load(argv[1], &engine, &diags);
  }
  if (status != VIGIL_OK) {
    size_t k;
    for (k = 0; k < vigil_diagnostics_count(diags); ++k)
      fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, k));
    die(vigil_status_name(status));
  }
  vigil_diagnostics_free(diags);
  g_engine = engine;
  read_corpus(argv[2]);
  if (verdicts) write_verdicts(verdicts);
  run(threads, &cpu);  /* warm-up: scanners' buffers, caches */
  for (i = 0; i < repeat; ++i) {
    double s = run(threads, &cpu);
    if (s < best) best = s;
    if (cpu < best_cpu) best_cpu = cpu;
  }
  printf("{\"posts\": %zu, \"threads\": %d, \"json\": %s, \"seconds\": %.6f, "
         "\"cpu_seconds\": %.6f, \"posts_per_s\": %.1f}\n",
         g_count, threads, g_json ? "true" : "false", best, best_cpu, (double)g_count / best);
  vigil_engine_free(engine);
  return 0;
}
