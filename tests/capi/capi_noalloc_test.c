/*
 * capi_noalloc_test.c — vigil.h promises that vigil_scanner_classify
 * "allocates nothing once the scanner's buffers have grown to the posts it
 * sees". This program replaces malloc and friends (glibc lets an executable
 * interpose them for every library it loads), warms a scanner up on a set of
 * posts, then classifies the same posts again and counts the allocations.
 */
#define _GNU_SOURCE

#include "vigil/vigil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void* __libc_malloc(size_t size);
extern void* __libc_calloc(size_t n, size_t size);
extern void* __libc_realloc(void* p, size_t size);
extern void* __libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void* p);

static int g_counting;
static long g_allocations;

void* malloc(size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_realloc(p, size);
}
void free(void* p) { __libc_free(p); }
void* aligned_alloc(size_t alignment, size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_memalign(alignment, size);
}
void* memalign(size_t alignment, size_t size) {
  if (g_counting) ++g_allocations;
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
  void* p;
  if (g_counting) ++g_allocations;
  p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

static const char kRules[] =
    "ruleset: noalloc\n"
    "guidelines:\n"
    "  g: {title: G, url: \"https://g.example\"}\n"
    "escalations:\n"
    "  mods: {priority: normal, description: Mods}\n"
    "  tns: {priority: urgent, description: TnS}\n"
    "rules:\n"
    "  - id: email\n"
    "    guideline: g\n"
    "    category: private_info\n"
    "    detect: email\n"
    "    action: redact\n"
    "    escalate: [tns, mods]\n"
    "    tell_author: \"Hidden ({guideline.title}).\"\n"
    "  - id: phone\n"
    "    guideline: g\n"
    "    category: private_info\n"
    "    detect: phone\n"
    "    action: redact\n"
    "  - id: rude\n"
    "    guideline: g\n"
    "    category: abuse\n"
    "    words: [idiot, moron, \"\xe5\x9e\x83\xe5\x9c\xbe\"]\n"
    "    action: censor\n"
    "    escalate: mods\n"
    "  - id: links\n"
    "    guideline: g\n"
    "    category: spam\n"
    "    regex: 'https?://[a-z0-9./]+'\n"
    "    when: {author.trust_level: {below: 1}}\n"
    "    min_count: 2\n"
    "    action: hold\n"
    "  - id: promo\n"
    "    guideline: g\n"
    "    category: spam\n"
    "    phrases: [\"buy now\"]\n"
    "    action: flag\n"
    "    mode: dry_run\n";

static const char* const kBodies[] = {
    "hello world, nothing to see here",
    "write to john.doe@example.com, you idiot",
    "see http://a.example/x and http://b.example/y, buy now",
    "\xe4\xbd\xa0\xe6\x98\xaf\xe5\x9e\x83\xe5\x9c\xbe \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
    "MORON MORON MORON idiot idiot a@b.example c@d.example",
    /* Phone numbers: national (US, French, Chinese in Han text, Iranian in
       Persian text), international, a bare digit run that is none. */
    "call me at (415) 555-0132 or +44 20 7946 0958, not 1234567890",
    "tel 06 12 34 56 78, 0049 30 12345678",
    "\xe6\x89\x8b\xe6\x9c\xba\xef\xbc\x9a" "13812345678",
    "\xd8\xaa\xd9\x84\xd9\x81\xd9\x86 0912 345 6789",
    "",
};
#define N_BODIES (sizeof kBodies / sizeof kBodies[0])
/* kBodies[FIRST_PHONE_BODY .. N_BODIES - 2] each hold a phone number. */
#define FIRST_PHONE_BODY 5

int main(void) {
  vigil_engine* engine = NULL;
  vigil_scanner* scanner = NULL;
  vigil_diagnostics* diags = NULL;
  size_t round, i;
  long during_classify = 0;
  if (vigil_engine_compile_string(kRules, sizeof kRules - 1, "noalloc.yaml", NULL,
                                  &engine, &diags) != VIGIL_OK) {
    for (i = 0; i < vigil_diagnostics_count(diags); ++i)
      fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
    return 1;
  }
  vigil_diagnostics_free(diags);
  if (vigil_scanner_create(engine, &scanner) != VIGIL_OK) return 1;
  for (round = 0; round < 4; ++round) {
    for (i = 0; i < N_BODIES; ++i) {
      vigil_post post = VIGIL_POST_INIT;
      const vigil_verdict* verdict = NULL;
      int status;
      post.body = vigil_str_from_cstr(kBodies[i]);
      post.author_trust_level = 0;
      long before = g_allocations;
      g_counting = round >= 2; /* two warm-up rounds, then count */
      status = vigil_scanner_classify(scanner, &post, &verdict);
      g_counting = 0;
      if (g_allocations != before)
        fprintf(stderr, "round %zu, post %zu (\"%s\"): %ld allocations\n", round, i,
                kBodies[i], g_allocations - before);
      if (status != VIGIL_OK) {
        fprintf(stderr, "classify: %s\n", vigil_scanner_last_error(scanner));
        return 1;
      }
      if (i >= FIRST_PHONE_BODY && i + 1 < N_BODIES && vigil_verdict_hit_count(verdict) == 0) {
        fprintf(stderr, "post %zu (\"%s\"): the phone number was not found\n", i, kBodies[i]);
        return 1;
      }
    }
  }
  during_classify = g_allocations;
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
  printf("allocations in %zu warm classify calls: %ld\n", 2 * N_BODIES,
         during_classify);
  if (during_classify != 0) {
    fprintf(stderr, "%s:%d: vigil_scanner_classify allocated %ld times after "
            "warm-up (vigil.h: \"Allocates nothing once the scanner's buffers "
            "have grown\")\n", __FILE__, __LINE__, during_classify);
    return 1;
  }
  return 0;
}
