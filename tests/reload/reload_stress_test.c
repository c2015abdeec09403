/*
 * reload_stress_test.c — hot reload under load, through the public C API only.
 *
 * N worker threads classify continuously while the main thread replaces the
 * engine hundreds of times, the way docs/RELIABILITY.md tells embedders to:
 * the current engine sits behind a mutex; a worker that sees a new generation
 * retains the engine under the mutex, creates its scanner outside it, drops
 * its own reference and frees its old scanner (which releases the old
 * engine); the reloader swaps the pointer under the mutex and frees its
 * reference to the old engine while workers may still be classifying with it.
 *
 * Every generation g has its own ruleset whose rule ids name it ("g17.word",
 * "g17.phrase"), and the two shapes alternate (literal words + phrase, regex +
 * words), built alternately by compiling and by deserializing a compiled
 * engine. Each verdict must hold exactly the two hits of ONE generation, and
 * a worker's generations never go backwards. A leak or use after free is
 * left to the sanitizer builds (scripts/sanitize.sh).
 *
 *   reload_stress_test [threads=4] [reloads=300]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/vigil.h"

#define FAIL(...)                                   \
  do {                                              \
    fprintf(stderr, "reload_stress_test: ");        \
    fprintf(stderr, __VA_ARGS__);                   \
    fprintf(stderr, "\n");                          \
    exit(1);                                        \
  } while (0)

/* ------------------------------------------------------------ the engines */

static vigil_engine* build_generation(unsigned generation) {
  char yaml[2048];
  int n;
  vigil_engine* engine = NULL;
  vigil_diagnostics* diags = NULL;
  int status;
  size_t i;

  if (generation % 2 == 0) {
    n = snprintf(yaml, sizeof yaml,
                 "ruleset: gen-%u\n"
                 "format: 1\n"
                 "guidelines:\n"
                 "  g: {title: Reload test, url: \"https://example.org/g\"}\n"
                 "rules:\n"
                 "  - id: g%u.word\n"
                 "    guideline: g\n"
                 "    category: spam\n"
                 "    words: [forbidden]\n"
                 "    action: flag\n"
                 "  - id: g%u.phrase\n"
                 "    guideline: g\n"
                 "    category: spam\n"
                 "    phrases: [\"banned phrase\"]\n"
                 "    action: hold\n",
                 generation, generation, generation);
  } else {
    n = snprintf(yaml, sizeof yaml,
                 "ruleset: gen-%u\n"
                 "format: 1\n"
                 "guidelines:\n"
                 "  g: {title: Reload test, url: \"https://example.org/g\"}\n"
                 "rules:\n"
                 "  - id: g%u.word\n"
                 "    guideline: g\n"
                 "    category: spam\n"
                 "    regex: 'forb[i1]dden'\n"
                 "    action: flag\n"
                 "  - id: g%u.phrase\n"
                 "    guideline: g\n"
                 "    category: spam\n"
                 "    words: [\"banned phrase\", unrelated]\n"
                 "    action: hold\n",
                 generation, generation, generation);
  }
  if (n <= 0 || (size_t)n >= sizeof yaml) FAIL("ruleset does not fit");

  status = vigil_engine_compile_string(yaml, (size_t)n, "reload.yaml", NULL, &engine, &diags);
  if (status != VIGIL_OK) {
    for (i = 0; i < vigil_diagnostics_count(diags); ++i)
      fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
    FAIL("generation %u: compile failed: %s", generation, vigil_status_name(status));
  }
  vigil_diagnostics_free(diags);

  /* Every fourth generation comes from a compiled file, as a reload from
   * `vigil compile` output would. */
  if (generation % 4 == 1) {
    void* bytes = NULL;
    size_t size = 0;
    vigil_engine* loaded = NULL;
    status = vigil_engine_serialize(engine, &bytes, &size);
    if (status != VIGIL_OK) FAIL("serialize: %s", vigil_status_name(status));
    vigil_engine_free(engine);
    status = vigil_engine_deserialize(bytes, size, &loaded, NULL);
    vigil_buffer_free(bytes);
    if (status != VIGIL_OK) FAIL("deserialize: %s", vigil_status_name(status));
    engine = loaded;
  }
  return engine;
}

/* ------------------------------------------------------- the shared state */

static pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;
static vigil_engine* g_current;   /* one reference owned by the reloader */
static unsigned g_generation;     /* of g_current */
static int g_stop;

typedef struct worker {
  pthread_t thread;
  unsigned index;
  unsigned long classified;
  unsigned long switches;
} worker;

/* The generation a verdict came from, or FAIL if it is not exactly the two
 * hits of a single generation. */
static unsigned verdict_generation(const vigil_verdict* verdict, unsigned worker_index) {
  unsigned generations[2];
  int seen_word = 0, seen_phrase = 0;
  size_t i;
  if (vigil_verdict_hit_count(verdict) != 2) {
    FAIL("worker %u: %zu hits, want 2: %s", worker_index, vigil_verdict_hit_count(verdict),
         vigil_verdict_json(verdict, NULL));
  }
  for (i = 0; i < 2; ++i) {
    const vigil_hit* hit = vigil_verdict_hit(verdict, i);
    char kind[16];
    if (!hit || sscanf(hit->rule_id, "g%u.%15s", &generations[i], kind) != 2)
      FAIL("worker %u: unexpected hit %s", worker_index, hit ? hit->rule_id : "(null)");
    if (strcmp(kind, "word") == 0) seen_word = 1;
    if (strcmp(kind, "phrase") == 0) seen_phrase = 1;
  }
  if (!seen_word || !seen_phrase || generations[0] != generations[1]) {
    FAIL("worker %u: hits from two engines: %s and %s", worker_index,
         vigil_verdict_hit(verdict, 0)->rule_id, vigil_verdict_hit(verdict, 1)->rule_id);
  }
  if (vigil_verdict_action(verdict) != VIGIL_ACTION_HOLD)
    FAIL("worker %u: action %s", worker_index, vigil_action_name(vigil_verdict_action(verdict)));
  return generations[0];
}

static void* worker_main(void* arg) {
  worker* self = (worker*)arg;
  vigil_scanner* scanner = NULL;
  unsigned scanner_generation = 0;
  unsigned last_seen = 0;
  vigil_post post = VIGIL_POST_INIT;
  char body[128];
  int stop = 0;

  while (!stop) {
    unsigned generation;
    vigil_engine* engine = NULL;

    pthread_mutex_lock(&g_mutex);
    stop = g_stop;
    generation = g_generation;
    /* Odd workers move on at once; even ones lag behind for a while, so old
     * engines are still classifying when the reloader frees them. */
    if (scanner == NULL ||
        (generation != scanner_generation &&
         (self->index % 2 == 1 || self->classified % 16 == 0))) {
      engine = g_current;
      if (vigil_engine_retain(engine) != VIGIL_OK) FAIL("retain failed");
    }
    pthread_mutex_unlock(&g_mutex);

    if (engine) {
      vigil_scanner* fresh = NULL;
      int status = vigil_scanner_create(engine, &fresh);
      if (status != VIGIL_OK) FAIL("scanner_create: %s", vigil_status_name(status));
      vigil_engine_free(engine); /* the scanner holds its own reference */
      vigil_scanner_free(scanner); /* may destroy the previous engine */
      scanner = fresh;
      scanner_generation = generation;
      ++self->switches;
    }

    snprintf(body, sizeof body, "post %lu from worker %u: forbidden words, a banned phrase",
             self->classified, self->index);
    post.body = vigil_str_from_cstr(body);
    {
      const vigil_verdict* verdict = NULL;
      unsigned got;
      int status = vigil_scanner_classify(scanner, &post, &verdict);
      if (status != VIGIL_OK)
        FAIL("classify: %s: %s", vigil_status_name(status), vigil_scanner_last_error(scanner));
      got = verdict_generation(verdict, self->index);
      if (got != scanner_generation)
        FAIL("worker %u: verdict from generation %u, scanner of %u", self->index, got,
             scanner_generation);
      if (got < last_seen)
        FAIL("worker %u: generation went back from %u to %u", self->index, last_seen, got);
      last_seen = got;
    }
    ++self->classified;
  }
  vigil_scanner_free(scanner);
  return NULL;
}

int main(int argc, char** argv) {
  unsigned threads = argc > 1 ? (unsigned)atoi(argv[1]) : 4;
  unsigned reloads = argc > 2 ? (unsigned)atoi(argv[2]) : 300;
  worker* workers;
  unsigned t, g;
  unsigned long total = 0, switches = 0;

  if (threads == 0 || reloads == 0) FAIL("usage: reload_stress_test [threads] [reloads]");
  workers = calloc(threads, sizeof *workers);
  if (!workers) FAIL("out of memory");

  /* NULL is refused, and freeing NULL is a no-op. */
  if (vigil_engine_retain(NULL) != VIGIL_E_INVALID_ARGUMENT) FAIL("retain(NULL)");
  vigil_engine_free(NULL);

  /* The documented ownership, single-threaded: a scanner outlives every
   * reference its creator held, and a retained engine outlives one free. */
  {
    vigil_engine* engine = build_generation(0);
    vigil_scanner* scanner = NULL;
    const vigil_verdict* verdict = NULL;
    vigil_post post = VIGIL_POST_INIT;
    if (vigil_engine_retain(engine) != VIGIL_OK) FAIL("retain");
    vigil_engine_free(engine); /* one reference left */
    if (vigil_scanner_create(engine, &scanner) != VIGIL_OK) FAIL("scanner_create");
    vigil_engine_free(engine); /* only the scanner's reference is left */
    post.body = vigil_str_from_cstr("forbidden, and a banned phrase");
    if (vigil_scanner_classify(scanner, &post, &verdict) != VIGIL_OK) FAIL("classify");
    if (verdict_generation(verdict, 0) != 0) FAIL("generation 0 expected");
    vigil_scanner_free(scanner); /* destroys the engine */
  }

  g_generation = 1;
  g_current = build_generation(1);
  for (t = 0; t < threads; ++t) {
    workers[t].index = t;
    if (pthread_create(&workers[t].thread, NULL, worker_main, &workers[t]) != 0)
      FAIL("pthread_create");
  }

  for (g = 2; g < reloads + 2; ++g) {
    vigil_engine* fresh = build_generation(g);
    vigil_engine* old;
    pthread_mutex_lock(&g_mutex);
    old = g_current;
    g_current = fresh;
    g_generation = g;
    pthread_mutex_unlock(&g_mutex);
    vigil_engine_free(old); /* workers may still be classifying with it */
  }

  pthread_mutex_lock(&g_mutex);
  g_stop = 1;
  pthread_mutex_unlock(&g_mutex);
  for (t = 0; t < threads; ++t) {
    if (pthread_join(workers[t].thread, NULL) != 0) FAIL("pthread_join");
    total += workers[t].classified;
    switches += workers[t].switches;
  }
  vigil_engine_free(g_current);
  free(workers);

  printf("reload_stress_test: %u threads, %u reloads, %lu posts classified, "
         "%lu scanner switches, every verdict from one engine\n",
         threads, reloads, total, switches);
  if (total == 0) FAIL("no post was classified");
  return 0;
}
