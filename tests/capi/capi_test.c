/*
 * capi_test.c — the whole public C API, exercised the way a C program uses
 * it: through libvigil.so and include/vigil/vigil.h only, as C99.
 *
 * Each section is its own ctest test (`capi_test verdicts`), so one broken
 * behaviour does not hide the others; with no argument every section runs.
 * A failed check prints file:line and what was expected, and exits non-zero.
 *
 *   capi_test [section...]     e.g. capi_test serialize corrupt
 */
#define _POSIX_C_SOURCE 200809L

#include "vigil/vigil.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VIGIL_CAPI_TMP_DIR
#define VIGIL_CAPI_TMP_DIR "/tmp"
#endif

/* ------------------------------------------------------------ assertions */

static long g_checks;

#define CHECK(cond)                                                     \
  do {                                                                  \
    ++g_checks;                                                         \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,  \
              #cond);                                                   \
      exit(1);                                                          \
    }                                                                   \
  } while (0)

#define CHECK_INT(actual, expected)                                     \
  check_int(__FILE__, __LINE__, #actual, (long long)(actual),           \
            (long long)(expected))

#define CHECK_STATUS(actual, expected)                                  \
  check_status(__FILE__, __LINE__, #actual, (actual), (expected))

#define CHECK_STR(actual, expected)                                     \
  check_str(__FILE__, __LINE__, #actual, (actual), (expected))

#define CHECK_CONTAINS(haystack, needle)                                \
  check_contains(__FILE__, __LINE__, #haystack, (haystack), (needle), 1)

#define CHECK_NOT_CONTAINS(haystack, needle)                            \
  check_contains(__FILE__, __LINE__, #haystack, (haystack), (needle), 0)

static void check_int(const char* file, int line, const char* expr,
                      long long actual, long long expected) {
  ++g_checks;
  if (actual != expected) {
    fprintf(stderr, "%s:%d: CHECK failed: %s is %lld, expected %lld\n", file,
            line, expr, actual, expected);
    exit(1);
  }
}

static void check_status(const char* file, int line, const char* expr,
                         int actual, int expected) {
  ++g_checks;
  if (actual != expected) {
    fprintf(stderr, "%s:%d: CHECK failed: %s returned %d (%s), expected %d (%s)\n",
            file, line, expr, actual, vigil_status_name(actual), expected,
            vigil_status_name(expected));
    exit(1);
  }
}

static void check_str(const char* file, int line, const char* expr,
                      const char* actual, const char* expected) {
  ++g_checks;
  if (actual == NULL || expected == NULL) {
    if (actual != expected) {
      fprintf(stderr, "%s:%d: CHECK failed: %s is %s%s%s, expected %s%s%s\n",
              file, line, expr, actual ? "\"" : "", actual ? actual : "NULL",
              actual ? "\"" : "", expected ? "\"" : "",
              expected ? expected : "NULL", expected ? "\"" : "");
      exit(1);
    }
    return;
  }
  if (strcmp(actual, expected) != 0) {
    fprintf(stderr, "%s:%d: CHECK failed: %s is \"%s\", expected \"%s\"\n",
            file, line, expr, actual, expected);
    exit(1);
  }
}

static void check_contains(const char* file, int line, const char* expr,
                           const char* haystack, const char* needle,
                           int want) {
  ++g_checks;
  if (haystack == NULL || (strstr(haystack, needle) != NULL) != want) {
    fprintf(stderr, "%s:%d: CHECK failed: %s (\"%s\") %s \"%s\"\n", file,
            line, expr, haystack ? haystack : "NULL",
            want ? "does not contain" : "contains", needle);
    exit(1);
  }
}

/* ------------------------------------------------------------- helpers */

/* Joins lines with '\n' into a new buffer: C99 only promises string
 * literals of 4095 bytes, and the line numbers are wanted anyway. */
static char* join_lines(const char* const* lines, size_t n, size_t* size) {
  size_t total = 0, i;
  char* out;
  char* p;
  for (i = 0; i < n; ++i) total += strlen(lines[i]) + 1;
  out = (char*)malloc(total + 1);
  CHECK(out != NULL);
  p = out;
  for (i = 0; i < n; ++i) {
    size_t len = strlen(lines[i]);
    memcpy(p, lines[i], len);
    p += len;
    *p++ = '\n';
  }
  *p = '\0';
  if (size) *size = total;
  return out;
}

/* 1-based number of the first line containing `needle`. */
static uint32_t line_of(const char* const* lines, size_t n,
                        const char* needle) {
  size_t i;
  for (i = 0; i < n; ++i)
    if (strstr(lines[i], needle)) return (uint32_t)(i + 1);
  fprintf(stderr, "line_of: \"%s\" not in the ruleset\n", needle);
  exit(1);
}

static char* g_tmp_dir;

static const char* tmp_dir(void) {
  if (!g_tmp_dir) {
    static char templ[] = VIGIL_CAPI_TMP_DIR "/capi-XXXXXX";
    g_tmp_dir = mkdtemp(templ);
    CHECK(g_tmp_dir != NULL);
  }
  return g_tmp_dir;
}

static char* tmp_path(const char* name) {
  size_t len = strlen(tmp_dir()) + strlen(name) + 2;
  char* path = (char*)malloc(len);
  CHECK(path != NULL);
  snprintf(path, len, "%s/%s", tmp_dir(), name);
  return path;
}

static void write_file(const char* path, const void* data, size_t size) {
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  CHECK(fwrite(data, 1, size, f) == size);
  CHECK(fclose(f) == 0);
}

static char* dup_str(const char* s) {
  size_t len = strlen(s);
  char* out = (char*)malloc(len + 1);
  CHECK(out != NULL);
  memcpy(out, s, len + 1);
  return out;
}

/* A small deterministic generator for the fuzz-like sections. */
static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) {
  uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* ------------------------------------------------ a minimal JSON checker */

/* Enough of RFC 8259 to say whether the verdict JSON is well formed. */
static const char* json_ws(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}
static const char* json_value(const char* p, int depth);
static const char* json_string(const char* p) {
  if (*p != '"') return NULL;
  ++p;
  while (*p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c == 0 || c < 0x20) return NULL;
    if (c == '\\') {
      ++p;
      if (*p == 'u') {
        int i;
        for (i = 1; i <= 4; ++i) {
          char h = p[i];
          if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                (h >= 'A' && h <= 'F')))
            return NULL;
        }
        p += 5;
        continue;
      }
      if (!strchr("\"\\/bfnrt", *p) || *p == 0) return NULL;
    }
    ++p;
  }
  return p + 1;
}
static const char* json_number(const char* p) {
  const char* start;
  if (*p == '-') ++p;
  start = p;
  while (*p >= '0' && *p <= '9') ++p;
  if (p == start) return NULL;
  if (*p == '.') {
    ++p;
    start = p;
    while (*p >= '0' && *p <= '9') ++p;
    if (p == start) return NULL;
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    start = p;
    while (*p >= '0' && *p <= '9') ++p;
    if (p == start) return NULL;
  }
  return p;
}
static const char* json_value(const char* p, int depth) {
  if (depth > 64) return NULL;
  p = json_ws(p);
  if (*p == '{') {
    p = json_ws(p + 1);
    if (*p == '}') return p + 1;
    for (;;) {
      p = json_string(json_ws(p));
      if (!p) return NULL;
      p = json_ws(p);
      if (*p != ':') return NULL;
      p = json_value(p + 1, depth + 1);
      if (!p) return NULL;
      p = json_ws(p);
      if (*p == '}') return p + 1;
      if (*p != ',') return NULL;
      ++p;
    }
  }
  if (*p == '[') {
    p = json_ws(p + 1);
    if (*p == ']') return p + 1;
    for (;;) {
      p = json_value(p, depth + 1);
      if (!p) return NULL;
      p = json_ws(p);
      if (*p == ']') return p + 1;
      if (*p != ',') return NULL;
      ++p;
    }
  }
  if (*p == '"') return json_string(p);
  if (strncmp(p, "true", 4) == 0) return p + 4;
  if (strncmp(p, "false", 5) == 0) return p + 5;
  if (strncmp(p, "null", 4) == 0) return p + 4;
  return json_number(p);
}
static int json_is_valid(const char* text) {
  const char* end = json_value(text, 0);
  return end != NULL && *json_ws(end) == '\0';
}

/* The verdict JSON: one well-formed line, with the size it reports. */
static const char* checked_json(const vigil_verdict* v) {
  size_t size = 12345;
  const char* json = vigil_verdict_json(v, &size);
  CHECK(json != NULL);
  CHECK_INT(size, strlen(json));
  CHECK(vigil_verdict_json(v, NULL) == json || strcmp(vigil_verdict_json(v, NULL), json) == 0);
  CHECK(strchr(json, '\n') == NULL);
  if (!json_is_valid(json)) {
    fprintf(stderr, "invalid verdict JSON: %s\n", json);
    CHECK(json_is_valid(json));
  }
  return json;
}

/* The JSON without whitespace outside strings, to search it for
 * `"key":value` whatever spacing the library chose. Freed by the caller. */
static char* compact_json(const char* json) {
  char* out = (char*)malloc(strlen(json) + 1);
  char* o = out;
  int in_string = 0;
  CHECK(out != NULL);
  for (; *json; ++json) {
    if (in_string) {
      *o++ = *json;
      if (*json == '\\' && json[1]) *o++ = *++json;
      else if (*json == '"') in_string = 0;
    } else if (*json == '"') {
      in_string = 1;
      *o++ = *json;
    } else if (*json != ' ' && *json != '\t' && *json != '\r' && *json != '\n') {
      *o++ = *json;
    }
  }
  *o = '\0';
  return out;
}

/* The verdict JSON (compacted) contains `needle`, or does not. */
#define CHECK_JSON_HAS(verdict, needle) check_json_has(__FILE__, __LINE__, (verdict), (needle), 1)
#define CHECK_JSON_LACKS(verdict, needle) check_json_has(__FILE__, __LINE__, (verdict), (needle), 0)
static void check_json_has(const char* file, int line, const vigil_verdict* v,
                           const char* needle, int want) {
  char* json = compact_json(checked_json(v));
  check_contains(file, line, "verdict JSON", json, needle, want);
  free(json);
}

/* ------------------------------------------------------------- rulesets */

/* The ruleset most sections use: every matcher, condition, action, mode and
 * template of the format, small enough to know every verdict exactly. */
static const char* const kRules[] = {
    "ruleset: capi-test",
    "format: 1",
    "guidelines:",
    "  privacy: {title: Keep private information private, url: \"https://forum.example/g#privacy\"}",
    "  respect: {title: Respect everyone, url: \"https://forum.example/g#respect\"}",
    "  no-spam: {title: No spam, url: \"https://forum.example/g#spam\"}",
    "escalations:",
    "  moderators: {priority: normal, description: Volunteer moderators}",
    "  trust-and-safety: {priority: urgent, description: Trust and safety team}",
    "  sales: {priority: low, description: Sales team}",
    "  legal: {priority: high, description: Legal team}",
    "lists:",
    "  rude: {terms: [idiot, moron, \"\xd0\xb4\xd1\x83\xd1\x80\xd0\xb0\xd0\xba\", \"\xe5\x9e\x83\xe5\x9c\xbe\"]}",
    "rules:",
    "  - id: privacy.email",
    "    guideline: privacy",
    "    category: private_info",
    "    severity: high",
    "    detect: email",
    "    action: redact",
    "    replacement: \"[email removed]\"",
    "    escalate: [trust-and-safety, moderators]",
    "    tell_author: \"We hid an email address ({guideline.title}: {guideline.url}).\"",
    "    note_for_moderators: \"Email found by {rule.id}.\"",
    "  - id: respect.rude",
    "    guideline: respect",
    "    category: abuse",
    "    words: {list: rude}",
    "    action: censor",
    "    escalate: moderators",
    "    tell_author: \"Please be kind ({guideline.id}).\"",
    "  - id: respect.threat",
    "    guideline: respect",
    "    category: abuse",
    "    severity: critical",
    "    phrases: {terms: [\"i will find you\"]}",
    "    action: reject",
    "    escalate: [trust-and-safety, legal]",
    "    tell_author: \"Threats are not allowed ({rule.id}).\"",
    "  - id: spam.links-new",
    "    guideline: no-spam",
    "    category: spam",
    "    regex: 'https?://[a-z0-9.]+'",
    "    when:",
    "      author.trust_level: {below: 1}",
    "    unless:",
    "      author.roles: {in: [moderator]}",
    "    min_count: 2",
    "    action: hold",
    "    escalate: moderators",
    "    tell_author: \"New members may post one link at a time.\"",
    "  - id: spam.promo",
    "    guideline: no-spam",
    "    category: spam",
    "    severity: low",
    "    phrases: [\"buy now\", \"limited offer\"]",
    "    action: flag",
    "    escalate: sales",
    "    tell_author: \"Please do not advertise ({guideline.title}).\"",
    "  - id: spam.marketplace-tag",
    "    guideline: no-spam",
    "    category: spam",
    "    severity: low",
    "    words: [sale]",
    "    when:",
    "      channel: marketplace",
    "    action: tag",
    "    escalate: sales",
    "  - id: spam.bad-domain",
    "    guideline: no-spam",
    "    category: spam",
    "    phrases: [evil.example]",
    "    fields: [links]",
    "    action: flag",
    "    escalate: moderators",
    "  - id: respect.impersonation",
    "    guideline: respect",
    "    category: abuse",
    "    words: [admin]",
    "    fields: [author.name]",
    "    action: hold",
    "    escalate: moderators",
    "  - id: respect.stupid-dry",
    "    guideline: respect",
    "    category: abuse",
    "    severity: low",
    "    words: [stupid]",
    "    mode: dry_run",
    "    action: reject",
    "    escalate: legal",
    "    tell_author: \"Dry run.\"",
    "  - id: spam.disabled",
    "    guideline: no-spam",
    "    category: spam",
    "    words: [banana]",
    "    action: reject",
    "overrides:",
    "  spam.disabled: {disabled: true}",
};
#define N_RULES_LINES (sizeof kRules / sizeof kRules[0])

static const char* const kRuleIds[] = {
    "privacy.email",       "respect.rude",         "respect.threat",
    "spam.links-new",      "spam.promo",           "spam.marketplace-tag",
    "spam.bad-domain",     "respect.impersonation", "respect.stupid-dry",
};
#define N_RULE_IDS (sizeof kRuleIds / sizeof kRuleIds[0])

static vigil_engine* compile_lines(const char* const* lines, size_t n,
                                   const char* name,
                                   const vigil_compile_options* options) {
  size_t size;
  char* yaml = join_lines(lines, n, &size);
  vigil_engine* engine = NULL;
  vigil_diagnostics* diags = NULL;
  int status =
      vigil_engine_compile_string(yaml, size, name, options, &engine, &diags);
  if (status != VIGIL_OK) {
    size_t i;
    for (i = 0; i < vigil_diagnostics_count(diags); ++i)
      fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
  }
  CHECK_STATUS(status, VIGIL_OK);
  CHECK(engine != NULL);
  if (diags) CHECK_INT(vigil_diagnostics_error_count(diags), 0);
  vigil_diagnostics_free(diags);
  free(yaml);
  return engine;
}

static vigil_engine* compile_main(void) {
  return compile_lines(kRules, N_RULES_LINES, "capi-test.yaml", NULL);
}

/* ---------------------------------------------------------------- posts */

/* A post described with C strings; "a|b" lists roles and links. */
typedef struct post_spec {
  const char* id;
  const char* title;
  const char* body;
  const char* trust_level; /* NULL: unknown */
  const char* roles;
  const char* channel;
  const char* author_name;
  const char* links;
} post_spec;

typedef struct built_post {
  vigil_post post;
  vigil_str roles[4];
  vigil_str links[4];
} built_post;

static size_t split(const char* s, vigil_str* out, size_t max) {
  size_t n = 0;
  while (n < max) {
    const char* bar = strchr(s, '|');
    out[n].data = s;
    out[n].size = bar ? (size_t)(bar - s) : strlen(s);
    ++n;
    if (!bar) break;
    s = bar + 1;
  }
  return n;
}

/* Fills b in place (the post points into b itself: do not copy b). */
static void build_post(const post_spec* spec, built_post* b) {
  vigil_post init = VIGIL_POST_INIT;
  b->post = init;
  b->post.id = vigil_str_from_cstr(spec->id);
  b->post.title = vigil_str_from_cstr(spec->title);
  b->post.body = vigil_str_from_cstr(spec->body);
  if (spec->trust_level) b->post.author_trust_level = atoll(spec->trust_level);
  if (spec->roles) {
    b->post.author_role_count = split(spec->roles, b->roles, 4);
    b->post.author_roles = b->roles;
  }
  b->post.channel = vigil_str_from_cstr(spec->channel);
  b->post.author_name = vigil_str_from_cstr(spec->author_name);
  if (spec->links) {
    b->post.link_count = split(spec->links, b->links, 4);
    b->post.links = b->links;
  }
}

static const vigil_verdict* classify_ok(vigil_scanner* scanner,
                                        const vigil_post* post) {
  const vigil_verdict* verdict = NULL;
  int status = vigil_scanner_classify(scanner, post, &verdict);
  if (status != VIGIL_OK)
    fprintf(stderr, "classify failed: %s\n", vigil_scanner_last_error(scanner));
  CHECK_STATUS(status, VIGIL_OK);
  CHECK(verdict != NULL);
  CHECK_STR(vigil_scanner_last_error(scanner), "");
  checked_json(verdict);
  return verdict;
}

static const vigil_verdict* classify_spec(vigil_scanner* scanner,
                                          const post_spec* spec) {
  built_post b;
  build_post(spec, &b);
  return classify_ok(scanner, &b.post);
}

static const vigil_verdict* classify_body(vigil_scanner* scanner,
                                          const char* body) {
  post_spec spec;
  memset(&spec, 0, sizeof spec);
  spec.body = body;
  return classify_spec(scanner, &spec);
}

static const vigil_hit* find_hit(const vigil_verdict* v, const char* rule_id) {
  size_t i;
  for (i = 0; i < vigil_verdict_hit_count(v); ++i) {
    const vigil_hit* hit = vigil_verdict_hit(v, i);
    CHECK(hit != NULL);
    if (strcmp(hit->rule_id, rule_id) == 0) return hit;
  }
  return NULL;
}

static const vigil_hit* find_dry_run(const vigil_verdict* v,
                                     const char* rule_id) {
  size_t i;
  for (i = 0; i < vigil_verdict_dry_run_count(v); ++i) {
    const vigil_hit* hit = vigil_verdict_dry_run(v, i);
    CHECK(hit != NULL);
    if (strcmp(hit->rule_id, rule_id) == 0) return hit;
  }
  return NULL;
}

/* Exactly these enforced hits (in any order among equal actions), most
 * severe action first. */
static void check_hits(const vigil_verdict* v, const char* const* ids,
                       size_t n) {
  size_t i;
  if (vigil_verdict_hit_count(v) != n) {
    fprintf(stderr, "hits:");
    for (i = 0; i < vigil_verdict_hit_count(v); ++i)
      fprintf(stderr, " %s", vigil_verdict_hit(v, i)->rule_id);
    fprintf(stderr, "\nverdict: %s\n", vigil_verdict_json(v, NULL));
  }
  CHECK_INT(vigil_verdict_hit_count(v), n);
  for (i = 0; i < n; ++i) {
    if (!find_hit(v, ids[i])) fprintf(stderr, "missing hit %s\n", ids[i]);
    CHECK(find_hit(v, ids[i]) != NULL);
  }
  for (i = 1; i < n; ++i)
    CHECK(vigil_verdict_hit(v, i - 1)->action >= vigil_verdict_hit(v, i)->action);
}

static int has_escalation(const vigil_hit* hit, const char* id) {
  size_t i;
  for (i = 0; i < hit->escalation_count; ++i)
    if (strcmp(hit->escalations[i], id) == 0) return 1;
  return 0;
}

/* The verdict's escalations, exactly and in this order. */
static void check_escalations(const vigil_verdict* v, const char* const* ids,
                              const vigil_priority* priorities, size_t n) {
  size_t i;
  CHECK_INT(vigil_verdict_escalation_count(v), n);
  for (i = 0; i < n; ++i) {
    const vigil_escalation* e = vigil_verdict_escalation(v, i);
    CHECK(e != NULL);
    CHECK_STR(e->id, ids[i]);
    CHECK_INT(e->priority, priorities[i]);
    CHECK(e->description != NULL);
  }
}

/* A match of `needle` (its first occurrence at or after `from`) in `text`. */
static void check_match(const vigil_match* m, vigil_field field,
                        const char* text, const char* needle, size_t from) {
  const char* at = strstr(text + from, needle);
  CHECK(at != NULL);
  CHECK_INT(m->field, field);
  CHECK_INT(m->start, at - text);
  CHECK_INT(m->end, (at - text) + strlen(needle));
  CHECK_INT(m->text_size, strlen(needle));
  CHECK(m->text != NULL);
  CHECK(memcmp(m->text, needle, m->text_size) == 0);
  CHECK(m->text[m->text_size] == '\0');
}

static const vigil_author_message* find_message(const vigil_verdict* v,
                                                const char* guideline_id) {
  size_t i, found = 0;
  const vigil_author_message* result = NULL;
  for (i = 0; i < vigil_verdict_message_count(v); ++i) {
    const vigil_author_message* m = vigil_verdict_message(v, i);
    CHECK(m != NULL);
    if (strcmp(m->guideline_id, guideline_id) == 0) {
      result = m;
      ++found;
    }
  }
  CHECK(found <= 1); /* one message per guideline */
  return result;
}

static void check_not_censored(const vigil_verdict* v) {
  size_t size = 99;
  CHECK(vigil_verdict_censored_body(v, &size) == NULL);
  CHECK_INT(size, 0);
  size = 99;
  CHECK(vigil_verdict_censored_title(v, &size) == NULL);
  CHECK_INT(size, 0);
}

/* ============================================================= sections */

static void test_version(void) {
  char expected[32];
  CHECK_INT(vigil_version_number(), VIGIL_VERSION_NUMBER);
  snprintf(expected, sizeof expected, "%d.%d.%d", VIGIL_VERSION_MAJOR,
           VIGIL_VERSION_MINOR, VIGIL_VERSION_PATCH);
  CHECK_STR(vigil_version_string(), expected);
  CHECK(vigil_version_string() == vigil_version_string()); /* static */
}

static void test_status(void) {
  static const char* const kNames[] = {
      "VIGIL_OK",
      "VIGIL_E_INVALID_ARGUMENT",
      "VIGIL_E_NO_MEMORY",
      "VIGIL_E_RULESET",
      "VIGIL_E_IO",
      "VIGIL_E_INVALID_UTF8",
      "VIGIL_E_POST_TOO_LARGE",
      "VIGIL_E_ENGINE_CORRUPT",
      "VIGIL_E_ENGINE_TRUNCATED",
      "VIGIL_E_ENGINE_VERSION",
      "VIGIL_E_ENGINE_PLATFORM",
      "VIGIL_E_STRUCT_SIZE",
      "VIGIL_E_SCAN",
      "VIGIL_E_OUT_OF_RANGE",
      "VIGIL_E_INTERNAL",
  };
  static const int kUnknown[] = {1, 42, -15, -100, INT32_MIN};
  int code;
  size_t i;
  CHECK_INT(VIGIL_E_OUT_OF_RANGE, -13);
  for (code = 0; code >= VIGIL_E_INTERNAL; --code) {
    const char* describe = vigil_status_describe(code);
    int other;
    CHECK_STR(vigil_status_name(code), kNames[-code]);
    CHECK(describe != NULL && describe[0] != '\0');
    CHECK(strchr(describe, '\n') == NULL);
    for (other = 0; other > code; --other)
      CHECK(strcmp(describe, vigil_status_describe(other)) != 0);
  }
  for (i = 0; i < sizeof kUnknown / sizeof kUnknown[0]; ++i) {
    CHECK_STR(vigil_status_name(kUnknown[i]), "VIGIL_E_UNKNOWN");
    CHECK(vigil_status_describe(kUnknown[i]) != NULL);
  }
}

static void test_names(void) {
  vigil_str s = vigil_str_from_cstr("hello");
  CHECK(s.size == 5 && memcmp(s.data, "hello", 5) == 0);
  s = vigil_str_from_cstr("");
  CHECK(s.data != NULL && s.size == 0);
  s = vigil_str_from_cstr(NULL);
  CHECK(s.data == NULL && s.size == 0);

  CHECK_STR(vigil_action_name(VIGIL_ACTION_ALLOW), "allow");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_TAG), "tag");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_FLAG), "flag");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_CENSOR), "censor");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_REDACT), "redact");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_HOLD), "hold");
  CHECK_STR(vigil_action_name(VIGIL_ACTION_REJECT), "reject");
  CHECK_STR(vigil_action_name((vigil_action)7), "unknown");
  CHECK_STR(vigil_action_name((vigil_action)-1), "unknown");

  CHECK_STR(vigil_priority_name(VIGIL_PRIORITY_LOW), "low");
  CHECK_STR(vigil_priority_name(VIGIL_PRIORITY_NORMAL), "normal");
  CHECK_STR(vigil_priority_name(VIGIL_PRIORITY_HIGH), "high");
  CHECK_STR(vigil_priority_name(VIGIL_PRIORITY_URGENT), "urgent");
  CHECK_STR(vigil_priority_name((vigil_priority)0), "unknown");
  CHECK_STR(vigil_priority_name((vigil_priority)5), "unknown");

  CHECK_STR(vigil_field_name(VIGIL_FIELD_TITLE), "title");
  CHECK_STR(vigil_field_name(VIGIL_FIELD_BODY), "body");
  CHECK_STR(vigil_field_name(VIGIL_FIELD_LINKS), "links");
  CHECK_STR(vigil_field_name(VIGIL_FIELD_AUTHOR_NAME), "author.name");
  CHECK_STR(vigil_field_name((vigil_field)4), "unknown");
  CHECK_STR(vigil_field_name((vigil_field)-1), "unknown");
}

static void test_engine_facts(void) {
  vigil_engine* engine = compile_main();
  size_t i, j;
  CHECK_STR(vigil_engine_ruleset_name(engine), "capi-test");
  /* spam.disabled is switched off by the override. */
  CHECK_INT(vigil_engine_rule_count(engine), N_RULE_IDS);
  for (i = 0; i < N_RULE_IDS; ++i) {
    int found = 0;
    for (j = 0; j < vigil_engine_rule_count(engine); ++j)
      found += strcmp(vigil_engine_rule_id(engine, j), kRuleIds[i]) == 0;
    if (found != 1) fprintf(stderr, "rule %s\n", kRuleIds[i]);
    CHECK_INT(found, 1);
  }
  /* Past the end: no crash, nothing to read. */
  CHECK(vigil_engine_rule_id(engine, 1000) == NULL ||
        vigil_engine_rule_id(engine, 1000)[0] == '\0');
  vigil_engine_free(engine);

  /* The yaml is read by its size, not up to a NUL. */
  {
    size_t size;
    char* yaml = join_lines(kRules, N_RULES_LINES, &size);
    char* padded = (char*)malloc(size + 64);
    vigil_engine* e = NULL;
    CHECK(padded != NULL);
    memcpy(padded, yaml, size);
    memset(padded + size, '@', 64); /* not valid YAML if it were read */
    CHECK_STATUS(vigil_engine_compile_string(padded, size, "padded.yaml",
                                             NULL, &e, NULL),
                 VIGIL_OK);
    CHECK_INT(vigil_engine_rule_count(e), N_RULE_IDS);
    vigil_engine_free(e);
    free(padded);
    free(yaml);
  }
}

static void test_verdicts(void) {
  vigil_engine* engine = compile_main();
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v;
  const vigil_hit* hit;
  const vigil_author_message* msg;
  const char* text;
  size_t size;

  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  CHECK(scanner != NULL);

  /* A clean post. */
  {
    post_spec p = {"p-clean", NULL, "hello world, nice weather today",
                   NULL, NULL, NULL, NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_STR(vigil_verdict_post_id(v), "p-clean");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    CHECK_INT(vigil_verdict_hit_count(v), 0);
    CHECK_INT(vigil_verdict_dry_run_count(v), 0);
    CHECK_INT(vigil_verdict_escalation_count(v), 0);
    CHECK_INT(vigil_verdict_message_count(v), 0);
    check_not_censored(v);
    CHECK_JSON_HAS(v, "\"id\":\"p-clean\"");
    CHECK_JSON_HAS(v, "\"action\":\"allow\"");
    CHECK_JSON_HAS(v, "\"hits\":[]");
    CHECK_JSON_LACKS(v, "\"censored\"");
    /* Past the end: NULL. */
    CHECK(vigil_verdict_hit(v, 0) == NULL);
    CHECK(vigil_verdict_dry_run(v, 0) == NULL);
    CHECK(vigil_verdict_escalation(v, 0) == NULL);
    CHECK(vigil_verdict_message(v, 0) == NULL);
  }

  /* An email: redacted, every field of the hit. */
  {
    static const char* const kIds[] = {"privacy.email"};
    static const char* const kEsc[] = {"trust-and-safety", "moderators"};
    static const vigil_priority kPri[] = {VIGIL_PRIORITY_URGENT,
                                          VIGIL_PRIORITY_NORMAL};
    post_spec p = {"p-email", "Contact",
                   "write me at john.doe@example.com please",
                   NULL, NULL, NULL, NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_STR(vigil_verdict_post_id(v), "p-email");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_REDACT);
    check_hits(v, kIds, 1);
    hit = vigil_verdict_hit(v, 0);
    CHECK_STR(hit->rule_id, "privacy.email");
    CHECK_STR(hit->category, "private_info");
    CHECK_STR(hit->severity, "high");
    CHECK_STR(hit->guideline_id, "privacy");
    CHECK_STR(hit->guideline_title, "Keep private information private");
    CHECK_STR(hit->guideline_url, "https://forum.example/g#privacy");
    CHECK_INT(hit->action, VIGIL_ACTION_REDACT);
    CHECK_INT(hit->dry_run, 0);
    CHECK_INT(hit->escalation_count, 2);
    CHECK(has_escalation(hit, "trust-and-safety"));
    CHECK(has_escalation(hit, "moderators"));
    CHECK_STR(hit->tell_author,
              "We hid an email address (Keep private information private: "
              "https://forum.example/g#privacy).");
    CHECK_STR(hit->note_for_moderators, "Email found by privacy.email.");
    CHECK_INT(hit->match_count, 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, p.body,
                "john.doe@example.com", 0);
    check_escalations(v, kEsc, kPri, 2);
    CHECK_STR(vigil_verdict_escalation(v, 0)->description,
              "Trust and safety team");
    CHECK_INT(vigil_verdict_message_count(v), 1);
    msg = vigil_verdict_message(v, 0);
    CHECK_STR(msg->guideline_id, "privacy");
    CHECK_STR(msg->guideline_title, "Keep private information private");
    CHECK_STR(msg->guideline_url, "https://forum.example/g#privacy");
    CHECK_STR(msg->text, hit->tell_author);
    text = vigil_verdict_censored_body(v, &size);
    CHECK_STR(text, "write me at [email removed] please");
    CHECK_INT(size, strlen("write me at [email removed] please"));
    text = vigil_verdict_censored_body(v, NULL);
    CHECK_STR(text, "write me at [email removed] please");
    /* The title had nothing to mask, and comes back as it was. */
    text = vigil_verdict_censored_title(v, &size);
    CHECK_STR(text, "Contact");
    CHECK_INT(size, 7);
    CHECK_JSON_HAS(v, "\"id\":\"p-email\"");
    CHECK_JSON_HAS(v, "\"action\":\"redact\"");
    CHECK_JSON_HAS(v, "\"rule\":\"privacy.email\"");
    CHECK_JSON_HAS(v, "\"category\":\"private_info\"");
    CHECK_JSON_HAS(v, "\"severity\":\"high\"");
    CHECK_JSON_HAS(v, "\"guideline\":{\"id\":\"privacy\",\"title\":"
                      "\"Keep private information private\",\"url\":"
                      "\"https://forum.example/g#privacy\"}");
    CHECK_JSON_HAS(v, "\"escalate\":[\"trust-and-safety\",\"moderators\"]");
    CHECK_JSON_HAS(v, "\"note_for_moderators\":\"Email found by privacy.email.\"");
    CHECK_JSON_HAS(v, "{\"field\":\"body\",");
    CHECK_JSON_HAS(v, "\"start\":12,\"end\":32,\"text\":\"john.doe@example.com\"");
    CHECK_JSON_HAS(v, "\"escalations\":[{\"id\":\"trust-and-safety\",\"priority\":\"urgent\"");
    CHECK_JSON_HAS(v, "\"messages\":[{\"guideline\":\"privacy\",");
    CHECK_JSON_HAS(v, "\"censored\":{\"title\":\"Contact\",\"body\":"
                      "\"write me at [email removed] please\"}");
  }

  /* Words: whole words only, case-insensitive, every match kept. */
  {
    static const char* const kIds[] = {"respect.rude"};
    static const char* const kEsc[] = {"moderators"};
    static const vigil_priority kPri[] = {VIGIL_PRIORITY_NORMAL};
    const char* body = "you idiot, you MORON!";
    v = classify_body(scanner, body);
    CHECK_STR(vigil_verdict_post_id(v), "");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    check_hits(v, kIds, 1);
    hit = vigil_verdict_hit(v, 0);
    CHECK_STR(hit->category, "abuse");
    CHECK_STR(hit->severity, "medium"); /* the default */
    CHECK_STR(hit->note_for_moderators, "");
    CHECK_INT(hit->match_count, 2);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, body, "idiot", 0);
    check_match(&hit->matches[1], VIGIL_FIELD_BODY, body, "MORON", 0);
    check_escalations(v, kEsc, kPri, 1);
    CHECK_INT(vigil_verdict_message_count(v), 1);
    msg = vigil_verdict_message(v, 0);
    CHECK_STR(msg->guideline_id, "respect");
    CHECK_STR(msg->text, "Please be kind (respect).");
    /* docs/VERDICT.md: censor masks character by character with '*'. */
    text = vigil_verdict_censored_body(v, &size);
    CHECK_STR(text, "you *****, you *****!");
    CHECK_INT(size, strlen("you *****, you *****!"));
    /* The post has no title: NULL or "" both say there is nothing. */
    text = vigil_verdict_censored_title(v, &size);
    CHECK(text == NULL || text[0] == '\0');
    CHECK_INT(size, 0);
    CHECK_JSON_HAS(v, "\"body\":\"you *****, you *****!\"");

    v = classify_body(scanner, "idiotic remarks, idiot2 and moronic");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    v = classify_body(scanner, "l'IDIOT");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
  }

  /* Unicode: byte offsets, Unicode case, no word boundary needed for Han. */
  {
    const char* body = "\xe8\x81\x94\xe7\xb3\xbb\xe6\x88\x91 zhang@example.cn "
                       "\xe8\xb0\xa2\xe8\xb0\xa2"; /* 联系我 … 谢谢 */
    v = classify_body(scanner, body);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_REDACT);
    hit = find_hit(v, "privacy.email");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, body, "zhang@example.cn", 0);
    CHECK_INT(hit->matches[0].start, 10);
    CHECK_STR(vigil_verdict_censored_body(v, NULL),
              "\xe8\x81\x94\xe7\xb3\xbb\xe6\x88\x91 [email removed] "
              "\xe8\xb0\xa2\xe8\xb0\xa2");

    body = "\xd1\x82\xd1\x8b \xd0\x94\xd0\xa3\xd0\xa0\xd0\x90\xd0\x9a!"; /* ты ДУРАК! */
    v = classify_body(scanner, body);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    hit = find_hit(v, "respect.rude");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, body,
                "\xd0\x94\xd0\xa3\xd0\xa0\xd0\x90\xd0\x9a", 0);
    /* One '*' per character, not per byte. */
    CHECK_STR(vigil_verdict_censored_body(v, NULL), "\xd1\x82\xd1\x8b *****!");

    body = "\xe4\xbd\xa0\xe6\x98\xaf\xe5\x9e\x83\xe5\x9c\xbe\xe5\x90\xa7"; /* 你是垃圾吧 */
    v = classify_body(scanner, body);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    hit = find_hit(v, "respect.rude");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, body,
                "\xe5\x9e\x83\xe5\x9c\xbe", 0);
    CHECK_STR(vigil_verdict_censored_body(v, NULL),
              "\xe4\xbd\xa0\xe6\x98\xaf**\xe5\x90\xa7");
  }

  /* Many rules at once: order, dedup and urgency of escalations, one
   * message per guideline, dry-run hits kept apart. */
  {
    static const char* const kIds[] = {"respect.threat", "privacy.email",
                                       "respect.rude", "spam.promo"};
    static const char* const kEsc[] = {"trust-and-safety", "legal",
                                       "moderators", "sales"};
    static const vigil_priority kPri[] = {
        VIGIL_PRIORITY_URGENT, VIGIL_PRIORITY_HIGH, VIGIL_PRIORITY_NORMAL,
        VIGIL_PRIORITY_LOW};
    post_spec p = {"p-all", NULL,
                   "i will find you, idiot. mail bob@example.org now. "
                   "buy now! so stupid",
                   NULL, NULL, NULL, NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_REJECT);
    check_hits(v, kIds, 4);
    CHECK_STR(vigil_verdict_hit(v, 0)->rule_id, "respect.threat");
    CHECK_STR(vigil_verdict_hit(v, 1)->rule_id, "privacy.email");
    CHECK_STR(vigil_verdict_hit(v, 2)->rule_id, "respect.rude");
    CHECK_STR(vigil_verdict_hit(v, 3)->rule_id, "spam.promo");
    hit = vigil_verdict_hit(v, 0);
    CHECK_STR(hit->severity, "critical");
    CHECK_INT(hit->match_count, 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, p.body, "i will find you", 0);
    hit = vigil_verdict_hit(v, 3);
    CHECK_INT(hit->match_count, 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, p.body, "buy now", 0);
    check_escalations(v, kEsc, kPri, 4);

    CHECK_INT(vigil_verdict_message_count(v), 3);
    msg = find_message(v, "privacy");
    CHECK(msg != NULL);
    CHECK_STR(msg->text,
              "We hid an email address (Keep private information private: "
              "https://forum.example/g#privacy).");
    msg = find_message(v, "no-spam");
    CHECK(msg != NULL);
    CHECK_STR(msg->guideline_url, "https://forum.example/g#spam");
    CHECK_STR(msg->text, "Please do not advertise (No spam).");
    msg = find_message(v, "respect");
    CHECK(msg != NULL);
    CHECK_STR(msg->guideline_title, "Respect everyone");
    CHECK(strstr(msg->text, "Threats are not allowed (respect.threat).") ||
          strstr(msg->text, "Please be kind (respect)."));
    CHECK_NOT_CONTAINS(msg->text, "Dry run.");

    CHECK_INT(vigil_verdict_dry_run_count(v), 1);
    hit = vigil_verdict_dry_run(v, 0);
    CHECK_STR(hit->rule_id, "respect.stupid-dry");
    CHECK_INT(hit->dry_run, 1);
    CHECK(find_hit(v, "respect.stupid-dry") == NULL);
    CHECK(find_dry_run(v, "respect.stupid-dry") == hit);

    /* Censor and redact apply; flag and the dry-run rule do not mask. */
    CHECK_STR(vigil_verdict_censored_body(v, NULL),
              "i will find you, *****. mail [email removed] now. buy now! so stupid");

    CHECK_JSON_HAS(v, "\"id\":\"p-all\"");
    CHECK_JSON_HAS(v, "\"action\":\"reject\"");
    CHECK_JSON_HAS(v, "\"hits\":[{\"rule\":\"respect.threat\"");
    CHECK_JSON_HAS(v, "\"rule\":\"privacy.email\"");
    CHECK_JSON_HAS(v, "\"rule\":\"respect.rude\"");
    CHECK_JSON_HAS(v, "\"rule\":\"spam.promo\"");
    CHECK_JSON_HAS(v, "\"dry_run\":[{\"rule\":\"respect.stupid-dry\"");
    CHECK_JSON_HAS(v, "\"escalations\":[{\"id\":\"trust-and-safety\",\"priority\":\"urgent\"");
    CHECK_JSON_HAS(v, "{\"id\":\"legal\",\"priority\":\"high\"");
    CHECK_JSON_HAS(v, "{\"id\":\"sales\",\"priority\":\"low\"");
    CHECK_JSON_HAS(v, "\"text\":\"Please do not advertise (No spam).\"");
  }

  /* A dry-run rule alone never changes the action, escalates or tells. */
  {
    const char* body = "that is stupid";
    v = classify_body(scanner, body);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    CHECK_INT(vigil_verdict_hit_count(v), 0);
    CHECK_INT(vigil_verdict_dry_run_count(v), 1);
    hit = vigil_verdict_dry_run(v, 0);
    CHECK_STR(hit->rule_id, "respect.stupid-dry");
    CHECK_INT(hit->dry_run, 1);
    CHECK_INT(hit->action, VIGIL_ACTION_REJECT);
    CHECK_INT(hit->match_count, 1);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, body, "stupid", 0);
    CHECK_INT(vigil_verdict_escalation_count(v), 0);
    CHECK_INT(vigil_verdict_message_count(v), 0);
    check_not_censored(v);
    CHECK_JSON_HAS(v, "\"action\":\"allow\"");
    CHECK_JSON_HAS(v, "\"hits\":[]");
    CHECK_JSON_HAS(v, "\"dry_run\":[{\"rule\":\"respect.stupid-dry\"");
    CHECK_JSON_HAS(v, "\"escalations\":[]");
    CHECK_JSON_HAS(v, "\"messages\":[]");
    CHECK_JSON_LACKS(v, "\"censored\"");

    /* …nor adds its escalation beside an enforced hit. */
    v = classify_body(scanner, "stupid idiot");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    CHECK_INT(vigil_verdict_escalation_count(v), 1);
    CHECK_STR(vigil_verdict_escalation(v, 0)->id, "moderators");
    CHECK_INT(vigil_verdict_dry_run_count(v), 1);
  }

  /* The title is scanned and censored apart from the body. */
  {
    post_spec p = {NULL, "idiot", "fine thanks", NULL, NULL, NULL, NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    hit = find_hit(v, "respect.rude");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_TITLE, p.title, "idiot", 0);
    text = vigil_verdict_censored_title(v, &size);
    CHECK_STR(text, "*****");
    CHECK_INT(size, 5);
    CHECK_STR(vigil_verdict_censored_body(v, NULL), "fine thanks");
    CHECK_JSON_HAS(v, "{\"field\":\"title\",");
  }

  /* fields: author.name only. */
  {
    post_spec p = {NULL, NULL, "ask the admin", NULL, NULL, NULL, "Admin", NULL};
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);
    hit = find_hit(v, "respect.impersonation");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_AUTHOR_NAME, "Admin", "Admin", 0);
    CHECK_JSON_HAS(v, "{\"field\":\"author.name\",");
    p.author_name = "Ada";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
  }

  /* fields: links, given explicitly or extracted from the body. */
  {
    post_spec p = {NULL, NULL, "my sites (evil.example is not a link here)",
                   NULL, NULL, NULL, NULL,
                   "https://ok.example|http://evil.example/page"};
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_FLAG);
    hit = find_hit(v, "spam.bad-domain");
    CHECK(hit != NULL && hit->match_count == 1);
    check_match(&hit->matches[0], VIGIL_FIELD_LINKS, "http://evil.example/page",
                "evil.example", 0);
    CHECK_INT(hit->matches[0].link_index, 1);
    CHECK_JSON_HAS(v, "{\"field\":\"links\",\"link_index\":1,\"start\":7,\"end\":19,"
                      "\"text\":\"evil.example\"}");

    p.links = "https://ok.example";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);

    p.links = NULL;
    p.body = "go to http://evil.example/x now";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_FLAG);
    hit = find_hit(v, "spam.bad-domain");
    CHECK(hit != NULL && hit->match_count == 1);
    CHECK_INT(hit->matches[0].field, VIGIL_FIELD_LINKS);
    CHECK_INT(hit->matches[0].link_index, 0);
    CHECK_STR(hit->matches[0].text, "evil.example");
    /* Offsets into the URL found in the body: "http://evil.example/x". */
    CHECK_INT(hit->matches[0].start, 7);
    CHECK_INT(hit->matches[0].end, 19);
  }

  /* A rule switched off by an override never fires. */
  v = classify_body(scanner, "banana");
  CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
  CHECK_INT(vigil_verdict_hit_count(v), 0);

  /* Empty and absent bodies are ordinary, clean posts. */
  v = classify_body(scanner, "");
  CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
  v = classify_body(scanner, NULL);
  CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);

  /* Strings are read by their size, not up to a NUL. */
  {
    vigil_post post = VIGIL_POST_INIT;
    post.body.data = "idiotXXXX";
    post.body.size = 5;
    v = classify_ok(scanner, &post);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    post.body.data = "hello idiot";
    post.body.size = 9;
    v = classify_ok(scanner, &post);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
  }

  /* The post id is echoed, and escaped in the JSON. */
  {
    post_spec p = {"q\"x\\y\tz", NULL, "hello", NULL, NULL, NULL, NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_STR(vigil_verdict_post_id(v), "q\"x\\y\tz");
    text = checked_json(v);
    CHECK_CONTAINS(text, "q\\\"x\\\\y");
    CHECK(strstr(text, "q\\\"x\\\\y\\tz") || strstr(text, "q\\\"x\\\\y\\u0009z"));
  }

  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
}

/* when / unless / min_count / channel conditions. */
static void test_conditions(void) {
  vigil_engine* engine = compile_main();
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v;
  const vigil_hit* hit;
  const char* two_links = "see http://a.example and http://b.example";
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  {
    static const char* const kEsc[] = {"moderators"};
    static const vigil_priority kPri[] = {VIGIL_PRIORITY_NORMAL};
    post_spec p = {NULL, NULL, NULL, "0", NULL, NULL, NULL, NULL};
    p.body = two_links;
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);
    hit = find_hit(v, "spam.links-new");
    CHECK(hit != NULL);
    CHECK_INT(hit->match_count, 2);
    check_match(&hit->matches[0], VIGIL_FIELD_BODY, two_links, "http://a.example", 0);
    check_match(&hit->matches[1], VIGIL_FIELD_BODY, two_links, "http://b.example", 0);
    check_escalations(v, kEsc, kPri, 1);
    CHECK(find_message(v, "no-spam") != NULL);
    CHECK_STR(find_message(v, "no-spam")->text,
              "New members may post one link at a time.");
    check_not_censored(v);

    p.roles = "member"; /* unless: not a moderator → still holds */
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);

    p.roles = "member|moderator"; /* unless holds → the rule does not apply */
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    CHECK_INT(vigil_verdict_hit_count(v), 0);

    p.roles = NULL;
    p.trust_level = "1"; /* below: 1 does not hold */
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);

    p.trust_level = "-3";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);

    p.trust_level = NULL; /* unknown: a number condition is not satisfied */
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);

    p.trust_level = "0";
    p.body = "see http://a.example only"; /* min_count: 2 */
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    CHECK_INT(vigil_verdict_hit_count(v), 0);

    /* min_count counts over all fields. */
    p.title = "http://c.example";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);
    hit = find_hit(v, "spam.links-new");
    CHECK(hit != NULL && hit->match_count == 2);
  }
  {
    static const char* const kEsc[] = {"sales"};
    static const vigil_priority kPri[] = {VIGIL_PRIORITY_LOW};
    post_spec p = {NULL, NULL, "car for sale", NULL, NULL, "marketplace", NULL, NULL};
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_TAG);
    hit = find_hit(v, "spam.marketplace-tag");
    CHECK(hit != NULL);
    CHECK_STR(hit->tell_author, "");
    check_escalations(v, kEsc, kPri, 1);
    check_not_censored(v);
    p.channel = "general";
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
    p.channel = NULL;
    v = classify_spec(scanner, &p);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW);
  }
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
}

/* Several errors in one ruleset are all reported, each where it is. */
static void expect_error_in_rule(const vigil_diagnostics* diags,
                                 const char* const* lines, size_t n,
                                 const char* file, const char* rule_id,
                                 const char* next_rule_id) {
  char id_line[128];
  uint32_t first, last;
  size_t i;
  int found = 0;
  snprintf(id_line, sizeof id_line, "- id: %s", rule_id);
  first = line_of(lines, n, id_line);
  if (next_rule_id) {
    snprintf(id_line, sizeof id_line, "- id: %s", next_rule_id);
    last = line_of(lines, n, id_line) - 1;
  } else {
    last = (uint32_t)n;
  }
  for (i = 0; i < vigil_diagnostics_count(diags); ++i) {
    const char* format;
    char where[256];
    if (strcmp(vigil_diagnostics_rule_id(diags, i), rule_id) != 0) continue;
    found = 1;
    CHECK_INT(vigil_diagnostics_is_error(diags, i), 1);
    CHECK_STR(vigil_diagnostics_file(diags, i), file);
    if (vigil_diagnostics_line(diags, i) < first ||
        vigil_diagnostics_line(diags, i) > last)
      fprintf(stderr, "%s: line %u not in %u..%u\n", rule_id,
              (unsigned)vigil_diagnostics_line(diags, i), (unsigned)first,
              (unsigned)last);
    CHECK(vigil_diagnostics_line(diags, i) >= first);
    CHECK(vigil_diagnostics_line(diags, i) <= last);
    CHECK(vigil_diagnostics_column(diags, i) >= 1);
    CHECK(vigil_diagnostics_message(diags, i)[0] != '\0');
    format = vigil_diagnostics_format(diags, i);
    snprintf(where, sizeof where, "%s:%u:%u: error: ", file,
             (unsigned)vigil_diagnostics_line(diags, i),
             (unsigned)vigil_diagnostics_column(diags, i));
    CHECK_CONTAINS(format, where);
    CHECK_CONTAINS(format, vigil_diagnostics_message(diags, i));
    snprintf(where, sizeof where, "[%s]", rule_id);
    CHECK_CONTAINS(format, where);
  }
  if (!found) fprintf(stderr, "no diagnostic for rule %s\n", rule_id);
  CHECK(found);
}

static void print_diags(const vigil_diagnostics* diags) {
  size_t i;
  for (i = 0; i < vigil_diagnostics_count(diags); ++i)
    fprintf(stderr, "  diag: %s\n", vigil_diagnostics_format(diags, i));
}

static void test_compile_errors(void) {
  static const char* const kBroken[] = {
      "ruleset: broken",
      "guidelines:",
      "  respect: {title: Respect, url: \"https://x.example\"}",
      "rules:",
      "  - id: bad.guideline",
      "    guideline: nope",
      "    category: abuse",
      "    words: [aaa]",
      "    action: flag",
      "  - id: good.one",
      "    guideline: respect",
      "    category: abuse",
      "    words: [fine]",
      "    action: flag",
      "  - id: bad.action",
      "    guideline: respect",
      "    category: abuse",
      "    words: [bbb]",
      "    action: explode",
      "  - id: bad.category",
      "    guideline: respect",
      "    category: nonsense",
      "    words: [ccc]",
      "    action: flag",
      "  - id: bad.escalation",
      "    guideline: respect",
      "    category: abuse",
      "    words: [ddd]",
      "    action: flag",
      "    escalate: [nobody]",
  };
  static const char* const kBadRegex[] = {
      "ruleset: broken-regex",
      "guidelines:",
      "  respect: {title: Respect, url: \"https://x.example\"}",
      "rules:",
      "  - id: fine.words",
      "    guideline: respect",
      "    category: abuse",
      "    words: [fine]",
      "    action: flag",
      "  - id: bad.regex",
      "    guideline: respect",
      "    category: abuse",
      "    regex: 'a(b'",
      "    action: flag",
  };
  static const char* const kStructure[] = {
      "ruleset: broken-structure",
      "rulez: []",
      "guidelines:",
      "  respect: {title: Respect, url: \"https://x.example\"}",
      "rules:",
      "  - id: same.id",
      "    guideline: respect",
      "    category: abuse",
      "    words: [a1]",
      "    action: flag",
      "  - id: same.id",
      "    guideline: respect",
      "    category: abuse",
      "    words: [a2]",
      "    action: flag",
  };
  size_t size, i;
  char* yaml;
  vigil_engine* engine;
  vigil_diagnostics* diags;
  vigil_engine* sentinel = (vigil_engine*)&g_checks;
  const size_t n_broken = sizeof kBroken / sizeof kBroken[0];

  yaml = join_lines(kBroken, n_broken, &size);
  engine = sentinel;
  diags = NULL;
  CHECK_STATUS(vigil_engine_compile_string(yaml, size, "broken.yaml", NULL,
                                           &engine, &diags),
               VIGIL_E_RULESET);
  CHECK(engine == NULL);
  CHECK(diags != NULL);
  print_diags(diags);
  CHECK(vigil_diagnostics_error_count(diags) >= 4);
  CHECK(vigil_diagnostics_count(diags) >= vigil_diagnostics_error_count(diags));
  expect_error_in_rule(diags, kBroken, n_broken, "broken.yaml", "bad.guideline", "good.one");
  expect_error_in_rule(diags, kBroken, n_broken, "broken.yaml", "bad.action", "bad.category");
  expect_error_in_rule(diags, kBroken, n_broken, "broken.yaml", "bad.category", "bad.escalation");
  expect_error_in_rule(diags, kBroken, n_broken, "broken.yaml", "bad.escalation", NULL);
  for (i = 0; i < vigil_diagnostics_count(diags); ++i)
    CHECK(strcmp(vigil_diagnostics_rule_id(diags, i), "good.one") != 0);
  /* The value that is wrong is pointed at, not just the rule. */
  for (i = 0; i < vigil_diagnostics_count(diags); ++i)
    if (strcmp(vigil_diagnostics_rule_id(diags, i), "bad.action") == 0)
      CHECK_INT(vigil_diagnostics_line(diags, i),
                line_of(kBroken, n_broken, "action: explode"));
  CHECK_INT(vigil_diagnostics_is_error(diags, 1000), 0);
  vigil_diagnostics_free(diags);

  /* The same errors, diagnostics not wanted. */
  engine = sentinel;
  CHECK_STATUS(vigil_engine_compile_string(yaml, size, "broken.yaml", NULL,
                                           &engine, NULL),
               VIGIL_E_RULESET);
  CHECK(engine == NULL);

  /* Without a name. */
  engine = NULL;
  diags = NULL;
  CHECK_STATUS(vigil_engine_compile_string(yaml, size, NULL, NULL, &engine, &diags),
               VIGIL_E_RULESET);
  CHECK(vigil_diagnostics_count(diags) >= 1);
  CHECK(strcmp(vigil_diagnostics_file(diags, 0), "<memory>") == 0 ||
        strcmp(vigil_diagnostics_file(diags, 0), "") == 0);
  vigil_diagnostics_free(diags);
  free(yaml);

  /* A regex RE2/Hyperscan refuse, named by its rule. */
  yaml = join_lines(kBadRegex, sizeof kBadRegex / sizeof kBadRegex[0], &size);
  diags = NULL;
  CHECK_STATUS(vigil_engine_compile_string(yaml, size, "regex.yaml", NULL,
                                           &engine, &diags),
               VIGIL_E_RULESET);
  print_diags(diags);
  expect_error_in_rule(diags, kBadRegex, sizeof kBadRegex / sizeof kBadRegex[0],
                       "regex.yaml", "bad.regex", NULL);
  vigil_diagnostics_free(diags);
  free(yaml);

  /* An unknown top-level key and a duplicate id: both reported. */
  yaml = join_lines(kStructure, sizeof kStructure / sizeof kStructure[0], &size);
  diags = NULL;
  CHECK_STATUS(vigil_engine_compile_string(yaml, size, "structure.yaml", NULL,
                                           &engine, &diags),
               VIGIL_E_RULESET);
  print_diags(diags);
  CHECK(vigil_diagnostics_error_count(diags) >= 2);
  {
    int saw_key = 0, saw_dup = 0;
    for (i = 0; i < vigil_diagnostics_count(diags); ++i) {
      if (vigil_diagnostics_line(diags, i) == 2) saw_key = 1;
      if (vigil_diagnostics_line(diags, i) == 11 ||
          strcmp(vigil_diagnostics_rule_id(diags, i), "same.id") == 0)
        saw_dup = 1;
    }
    CHECK(saw_key);
    CHECK(saw_dup);
  }
  vigil_diagnostics_free(diags);
  free(yaml);

  /* Broken YAML. */
  {
    const char* bad = "ruleset: x\nrules: [\n  - id: a\n";
    diags = NULL;
    engine = sentinel;
    CHECK_STATUS(vigil_engine_compile_string(bad, strlen(bad), "syntax.yaml",
                                             NULL, &engine, &diags),
                 VIGIL_E_RULESET);
    CHECK(engine == NULL);
    CHECK(vigil_diagnostics_error_count(diags) >= 1);
    CHECK(vigil_diagnostics_line(diags, 0) >= 1);
    CHECK_STR(vigil_diagnostics_file(diags, 0), "syntax.yaml");
    vigil_diagnostics_free(diags);
  }

  /* Empty input. */
  diags = NULL;
  engine = sentinel;
  CHECK_STATUS(vigil_engine_compile_string("", 0, "empty.yaml", NULL, &engine, &diags),
               VIGIL_E_RULESET);
  CHECK(engine == NULL);
  CHECK(vigil_diagnostics_error_count(diags) >= 1);
  vigil_diagnostics_free(diags);
}

/* compile_file: includes, list files and overrides, relative paths. */
static void test_compile_file(void) {
  static const char kList[] = "# mild words\n\n  darn  \nheck\n";
  static const char* const kBase[] = {
      "guidelines:",
      "  respect: {title: Respect, url: \"https://base.example/respect\"}",
      "escalations:",
      "  moderators: {priority: normal, description: Mods}",
      "lists:",
      "  mild: {file: lists/mild.txt}",
      "rules:",
      "  - id: base.mild",
      "    guideline: respect",
      "    category: abuse",
      "    words: {list: mild}",
      "    action: flag",
      "    escalate: moderators",
      "    tell_author: \"See {guideline.url}\"",
      "  - id: base.other",
      "    guideline: respect",
      "    category: abuse",
      "    words: [gosh]",
      "    action: flag",
  };
  static const char* const kTop[] = {
      "ruleset: top",
      "include: [base/base.yaml]",
      "guidelines:",
      "  respect: {title: Respect here, url: \"https://top.example/respect\"}",
      "rules:",
      "  - id: top.own",
      "    guideline: respect",
      "    category: abuse",
      "    words: [blimey]",
      "    action: hold",
      "overrides:",
      "  base.other: {disabled: true}",
      "  base.mild: {action: censor}",
  };
  static const char* const kBadTop[] = {
      "ruleset: bad-top",
      "include: [base/base.yaml]",
      "rules:",
      "  - id: top.bad",
      "    guideline: respect",
      "    category: abuse",
      "    words: {list: missing-list}",
      "    action: hold",
  };
  char* dir_base = tmp_path("base");
  char* dir_lists = tmp_path("base/lists");
  char* list_path = tmp_path("base/lists/mild.txt");
  char* base_path = tmp_path("base/base.yaml");
  char* top_path = tmp_path("top.yaml");
  char* bad_path = tmp_path("bad-top.yaml");
  char* virtual_path = tmp_path("virtual.yaml");
  char* text;
  size_t size;
  vigil_engine* engine = NULL;
  vigil_diagnostics* diags = NULL;
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v;
  const vigil_hit* hit;
  int pass;

  CHECK(mkdir(dir_base, 0700) == 0);
  CHECK(mkdir(dir_lists, 0700) == 0);
  write_file(list_path, kList, strlen(kList));
  text = join_lines(kBase, sizeof kBase / sizeof kBase[0], &size);
  write_file(base_path, text, size);
  free(text);
  text = join_lines(kTop, sizeof kTop / sizeof kTop[0], &size);
  write_file(top_path, text, size);

  for (pass = 0; pass < 2; ++pass) {
    /* Pass 0 reads top.yaml; pass 1 compiles the same text from memory,
     * named as if it were beside top.yaml, so includes resolve alike. */
    diags = NULL;
    if (pass == 0)
      CHECK_STATUS(vigil_engine_compile_file(top_path, NULL, &engine, &diags),
                   VIGIL_OK);
    else
      CHECK_STATUS(vigil_engine_compile_string(text, size, virtual_path, NULL,
                                               &engine, &diags),
                   VIGIL_OK);
    print_diags(diags);
    if (diags) CHECK_INT(vigil_diagnostics_error_count(diags), 0);
    vigil_diagnostics_free(diags);
    CHECK_STR(vigil_engine_ruleset_name(engine), "top");
    CHECK_INT(vigil_engine_rule_count(engine), 2);
    CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);

    v = classify_body(scanner, "oh heck, darn it");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR); /* overridden */
    hit = find_hit(v, "base.mild");
    CHECK(hit != NULL);
    CHECK_INT(hit->match_count, 2);
    CHECK_STR(hit->guideline_title, "Respect here"); /* the includer wins */
    CHECK_STR(hit->guideline_url, "https://top.example/respect");
    CHECK_STR(hit->tell_author, "See https://top.example/respect");
    v = classify_body(scanner, "# mild words");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW); /* a comment */
    v = classify_body(scanner, "gosh");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_ALLOW); /* disabled */
    v = classify_body(scanner, "blimey");
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_HOLD);
    vigil_scanner_free(scanner);
    vigil_engine_free(engine);
  }
  free(text);

  /* Errors in files name the file they are in. */
  text = join_lines(kBadTop, sizeof kBadTop / sizeof kBadTop[0], &size);
  write_file(bad_path, text, size);
  free(text);
  diags = NULL;
  engine = (vigil_engine*)&g_checks;
  CHECK_STATUS(vigil_engine_compile_file(bad_path, NULL, &engine, &diags),
               VIGIL_E_RULESET);
  CHECK(engine == NULL);
  print_diags(diags);
  CHECK(vigil_diagnostics_error_count(diags) >= 1);
  CHECK_STR(vigil_diagnostics_file(diags, 0), bad_path);
  CHECK_STR(vigil_diagnostics_rule_id(diags, 0), "top.bad");
  CHECK(vigil_diagnostics_line(diags, 0) >= 4);
  CHECK(vigil_diagnostics_line(diags, 0) <= 8);
  vigil_diagnostics_free(diags);

  /* A file that is not there. */
  diags = NULL;
  engine = (vigil_engine*)&g_checks;
  CHECK_STATUS(vigil_engine_compile_file("/nonexistent/vigil/rules.yaml", NULL,
                                         &engine, &diags),
               VIGIL_E_IO);
  CHECK(engine == NULL);
  CHECK(vigil_diagnostics_count(diags) >= 1);
  CHECK(vigil_diagnostics_message(diags, 0)[0] != '\0');
  vigil_diagnostics_free(diags);

  unlink(list_path);
  unlink(base_path);
  unlink(top_path);
  unlink(bad_path);
  rmdir(dir_lists);
  rmdir(dir_base);
  free(dir_base);
  free(dir_lists);
  free(list_path);
  free(base_path);
  free(top_path);
  free(bad_path);
  free(virtual_path);
}

static void test_utf8(void) {
  static const char* const kInvalid[] = {
      "abc\xff def",           /* a byte that never starts a character */
      "ab\xc0\xaf",            /* overlong '/' */
      "\xed\xa0\x80 surrogate", /* U+D800 */
      "cut \xe4\xb8",          /* truncated at the end */
      "\xf4\x90\x80\x80",      /* past U+10FFFF */
      "lone \x80 continuation",
  };
  vigil_engine* engine = compile_main();
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v;
  size_t i;
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  for (i = 0; i < sizeof kInvalid / sizeof kInvalid[0]; ++i) {
    vigil_post post = VIGIL_POST_INIT;
    post.body = vigil_str_from_cstr(kInvalid[i]);
    v = (const vigil_verdict*)&g_checks;
    CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_INVALID_UTF8);
    CHECK(v == NULL);
    CHECK(vigil_scanner_last_error(scanner)[0] != '\0');
    CHECK_CONTAINS(vigil_scanner_last_error(scanner), "body");
    /* A success clears the error. */
    classify_body(scanner, "fine");
    CHECK_STR(vigil_scanner_last_error(scanner), "");
  }
  {
    vigil_post post = VIGIL_POST_INIT;
    post.title = vigil_str_from_cstr("ok \xfe");
    post.body = vigil_str_from_cstr("fine");
    v = NULL;
    CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_INVALID_UTF8);
    CHECK(v == NULL);
    CHECK_CONTAINS(vigil_scanner_last_error(scanner), "title");
  }
  {
    /* A NUL inside a string is valid UTF-8, and the string goes on. */
    vigil_post post = VIGIL_POST_INIT;
    post.body.data = "a\0b idiot";
    post.body.size = 9;
    v = classify_ok(scanner, &post);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
    CHECK_INT(vigil_verdict_hit(v, 0)->matches[0].start, 4);
  }
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
}

static void test_post_size(void) {
  vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
  vigil_engine* engine;
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v;
  char body[200];
  vigil_post post = VIGIL_POST_INIT;
  options.max_post_bytes = 64;
  engine = compile_lines(kRules, N_RULES_LINES, "capi-test.yaml", &options);
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  memset(body, 'a', sizeof body);

  post.body.data = body;
  post.body.size = 64;
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_OK);
  post.body.size = 65;
  v = (const vigil_verdict*)&g_checks;
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_POST_TOO_LARGE);
  CHECK(v == NULL);
  CHECK(vigil_scanner_last_error(scanner)[0] != '\0');

  /* The limit is over all text fields together. */
  post.title.data = body;
  post.title.size = 40;
  post.body.size = 30;
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_POST_TOO_LARGE);
  post.title.size = 34;
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_OK);
  CHECK_STR(vigil_scanner_last_error(scanner), "");

  /* The limit is part of the compiled engine. */
  {
    void* buffer = NULL;
    size_t size = 0;
    vigil_engine* loaded = NULL;
    vigil_scanner* loaded_scanner = NULL;
    CHECK_STATUS(vigil_engine_serialize(engine, &buffer, &size), VIGIL_OK);
    CHECK_STATUS(vigil_engine_deserialize(buffer, size, &loaded, NULL), VIGIL_OK);
    vigil_buffer_free(buffer);
    CHECK_STATUS(vigil_scanner_create(loaded, &loaded_scanner), VIGIL_OK);
    post.title.size = 0;
    post.title.data = NULL;
    post.body.size = 65;
    CHECK_STATUS(vigil_scanner_classify(loaded_scanner, &post, &v), VIGIL_E_POST_TOO_LARGE);
    post.body.size = 64;
    CHECK_STATUS(vigil_scanner_classify(loaded_scanner, &post, &v), VIGIL_OK);
    vigil_scanner_free(loaded_scanner);
    vigil_engine_free(loaded);
  }
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);

  /* The default is 1 MiB. */
  engine = compile_main();
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  {
    char* big = (char*)malloc(1048577);
    CHECK(big != NULL);
    memset(big, 'b', 1048577);
    post.title.data = NULL;
    post.title.size = 0;
    post.body.data = big;
    post.body.size = 1048576;
    CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_OK);
    post.body.size = 1048577;
    CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_POST_TOO_LARGE);
    free(big);
  }
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
}

static void test_null_arguments(void) {
  vigil_engine* engine = compile_main();
  vigil_engine* out = NULL;
  vigil_scanner* scanner = NULL;
  vigil_test_report* report = NULL;
  const vigil_verdict* v = NULL;
  vigil_post post = VIGIL_POST_INIT;
  void* buffer = NULL;
  size_t size = 0;
  size_t yaml_size;
  char* yaml = join_lines(kRules, N_RULES_LINES, &yaml_size);
  char* path = tmp_path("null-args.vigil");

  CHECK_STATUS(vigil_engine_compile_string(NULL, 10, "x", NULL, &out, NULL),
               VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_compile_string(yaml, yaml_size, "x", NULL, NULL, NULL),
               VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_compile_file(NULL, NULL, &out, NULL),
               VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_compile_file("x.yaml", NULL, NULL, NULL),
               VIGIL_E_INVALID_ARGUMENT);
  CHECK(out == NULL);

  CHECK_STATUS(vigil_engine_serialize(NULL, &buffer, &size), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_serialize(engine, NULL, &size), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_serialize(engine, &buffer, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK(buffer == NULL);
  CHECK_STATUS(vigil_engine_deserialize(NULL, 100, &out, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_deserialize("abc", 3, NULL, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_save(NULL, path, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_save(engine, NULL, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_load(NULL, &out, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_load(path, NULL, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK(out == NULL);

  CHECK_STATUS(vigil_engine_run_tests(NULL, &report), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_engine_run_tests(engine, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK(report == NULL);

  CHECK_STATUS(vigil_scanner_create(NULL, &scanner), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_scanner_create(engine, NULL), VIGIL_E_INVALID_ARGUMENT);
  CHECK(scanner == NULL);
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  post.body = vigil_str_from_cstr("idiot");
  CHECK_STATUS(vigil_scanner_classify(NULL, &post, &v), VIGIL_E_INVALID_ARGUMENT);
  CHECK_STATUS(vigil_scanner_classify(scanner, NULL, &v), VIGIL_E_INVALID_ARGUMENT);
  CHECK(v == NULL);
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, NULL), VIGIL_E_INVALID_ARGUMENT);

  /* Inconsistent arrays (a size without data) are refused or read as
   * absent, never dereferenced. */
  {
    int status;
    post.body.data = NULL;
    post.body.size = 5;
    status = vigil_scanner_classify(scanner, &post, &v);
    CHECK(status == VIGIL_E_INVALID_ARGUMENT || status == VIGIL_OK);
    post.body = vigil_str_from_cstr("ok");
    post.author_roles = NULL;
    post.author_role_count = 2;
    status = vigil_scanner_classify(scanner, &post, &v);
    CHECK(status == VIGIL_E_INVALID_ARGUMENT || status == VIGIL_OK);
    post.author_role_count = 0;
  }
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_OK);

  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
  free(yaml);
  free(path);
}

static void test_free_null(void) {
  vigil_diagnostics_free(NULL);
  vigil_engine_free(NULL);
  vigil_buffer_free(NULL);
  vigil_test_report_free(NULL);
  vigil_scanner_free(NULL);
  CHECK(1);
}

static void test_struct_size(void) {
  size_t yaml_size;
  char* yaml = join_lines(kRules, N_RULES_LINES, &yaml_size);
  vigil_compile_options options = VIGIL_COMPILE_OPTIONS_INIT;
  vigil_engine* engine = NULL;
  vigil_scanner* scanner = NULL;
  const vigil_verdict* v = NULL;
  vigil_post post = VIGIL_POST_INIT;

  CHECK_INT(options.struct_size, sizeof(vigil_compile_options));
  CHECK_INT(post.struct_size, sizeof(vigil_post));
  CHECK(post.author_trust_level == VIGIL_UNSET);
  CHECK(post.author_account_age_days == VIGIL_UNSET);
  CHECK(post.author_post_count == VIGIL_UNSET);

  options.struct_size = sizeof(size_t);
  engine = (vigil_engine*)&g_checks;
  CHECK_STATUS(vigil_engine_compile_string(yaml, yaml_size, "s.yaml", &options,
                                           &engine, NULL),
               VIGIL_E_STRUCT_SIZE);
  CHECK(engine == NULL);
  options.struct_size = 0;
  CHECK_STATUS(vigil_engine_compile_string(yaml, yaml_size, "s.yaml", &options,
                                           &engine, NULL),
               VIGIL_E_STRUCT_SIZE);

  /* A newer caller's bigger struct (zeroed tail) is accepted. */
  {
    struct {
      vigil_compile_options v1;
      char future[32];
    } bigger;
    memset(&bigger, 0, sizeof bigger);
    bigger.v1.struct_size = sizeof bigger;
    CHECK_STATUS(vigil_engine_compile_string(yaml, yaml_size, "s.yaml",
                                             &bigger.v1, &engine, NULL),
                 VIGIL_OK);
  }
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);

  post.body = vigil_str_from_cstr("idiot");
  post.struct_size = sizeof(size_t);
  v = (const vigil_verdict*)&g_checks;
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_STRUCT_SIZE);
  CHECK(v == NULL);
  post.struct_size = offsetof(vigil_post, lang); /* one field short */
  CHECK_STATUS(vigil_scanner_classify(scanner, &post, &v), VIGIL_E_STRUCT_SIZE);
  {
    struct {
      vigil_post v1;
      char future[64];
    } bigger;
    memset(&bigger, 0, sizeof bigger);
    bigger.v1 = post;
    bigger.v1.struct_size = sizeof bigger;
    CHECK_STATUS(vigil_scanner_classify(scanner, &bigger.v1, &v), VIGIL_OK);
    CHECK_INT(vigil_verdict_action(v), VIGIL_ACTION_CENSOR);
  }
  vigil_scanner_free(scanner);
  vigil_engine_free(engine);
  free(yaml);
}

/* ----------------------------------------------------- serialize / load */

/* Every kind of post the sections above use, for comparing engines. */
static const post_spec kCorpus[] = {
    {"c1", NULL, "hello world, nice weather today", NULL, NULL, NULL, NULL, NULL},
    {"c2", "Contact", "write me at john.doe@example.com please", NULL, NULL, NULL, NULL, NULL},
    {"c3", NULL, "you idiot, you MORON!", NULL, NULL, NULL, NULL, NULL},
    {"c4", NULL, "i will find you, idiot. mail bob@example.org now. buy now! so stupid",
     NULL, NULL, NULL, NULL, NULL},
    {"c5", NULL, "that is stupid", NULL, NULL, NULL, NULL, NULL},
    {"c6", NULL, "see http://a.example and http://b.example", "0", NULL, NULL, NULL, NULL},
    {"c7", NULL, "see http://a.example and http://b.example", "0", "member|moderator",
     NULL, NULL, NULL},
    {"c8", NULL, "car for sale", NULL, NULL, "marketplace", NULL, NULL},
    {"c9", "idiot", "fine thanks", NULL, NULL, NULL, NULL, NULL},
    {"c10", NULL, "ask the admin", NULL, NULL, NULL, "Admin", NULL},
    {"c11", NULL, "my sites", NULL, NULL, NULL, NULL,
     "https://ok.example|http://evil.example/page"},
    {"c12", NULL, "\xe8\x81\x94\xe7\xb3\xbb\xe6\x88\x91 zhang@example.cn", NULL, NULL,
     NULL, NULL, NULL},
    {"c13", NULL, "\xe4\xbd\xa0\xe6\x98\xaf\xe5\x9e\x83\xe5\x9c\xbe\xe5\x90\xa7", NULL,
     NULL, NULL, NULL, NULL},
    {"c14", "limited offer", "buy now at http://shop.example", "0", NULL, "marketplace",
     "Admin", NULL},
    {"c15", NULL, "invalid \xff utf-8", NULL, NULL, NULL, NULL, NULL},
    {"c16", NULL, "", NULL, NULL, NULL, NULL, NULL},
};
#define N_CORPUS (sizeof kCorpus / sizeof kCorpus[0])

/* The verdict JSON of every corpus post (or "ERROR <status>"), malloc'd. */
static char** corpus_verdicts(const vigil_engine* engine) {
  char** out = (char**)calloc(N_CORPUS, sizeof(char*));
  vigil_scanner* scanner = NULL;
  size_t i;
  CHECK(out != NULL);
  CHECK_STATUS(vigil_scanner_create(engine, &scanner), VIGIL_OK);
  for (i = 0; i < N_CORPUS; ++i) {
    built_post b;
    const vigil_verdict* v = NULL;
    int status;
    build_post(&kCorpus[i], &b);
    status = vigil_scanner_classify(scanner, &b.post, &v);
    if (status == VIGIL_OK) {
      out[i] = dup_str(checked_json(v));
    } else {
      char text[64];
      snprintf(text, sizeof text, "ERROR %d", status);
      out[i] = dup_str(text);
    }
  }
  vigil_scanner_free(scanner);
  return out;
}

static void free_verdicts(char** verdicts) {
  size_t i;
  for (i = 0; i < N_CORPUS; ++i) free(verdicts[i]);
  free(verdicts);
}

static void check_same_verdicts(char** expected, const vigil_engine* engine) {
  char** actual = corpus_verdicts(engine);
  size_t i;
  for (i = 0; i < N_CORPUS; ++i) {
    if (strcmp(actual[i], expected[i]) != 0)
      fprintf(stderr, "post %s:\n  expected %s\n  actual   %s\n", kCorpus[i].id,
              expected[i], actual[i]);
    CHECK_STR(actual[i], expected[i]);
  }
  free_verdicts(actual);
}

static void check_same_facts(const vigil_engine* a, const vigil_engine* b) {
  size_t i;
  CHECK_STR(vigil_engine_ruleset_name(b), vigil_engine_ruleset_name(a));
  CHECK_INT(vigil_engine_rule_count(b), vigil_engine_rule_count(a));
  for (i = 0; i < vigil_engine_rule_count(a); ++i)
    CHECK_STR(vigil_engine_rule_id(b, i), vigil_engine_rule_id(a, i));
}

static void test_serialize(void) {
  vigil_engine* engine = compile_main();
  vigil_engine* copy = NULL;
  vigil_engine* loaded = NULL;
  vigil_diagnostics* diags = NULL;
  char** expected = corpus_verdicts(engine);
  void* buffer = NULL;
  size_t size = 0;
  char* path = tmp_path("engine.vigil");
  size_t i;

  /* The expected verdicts are themselves what the sections above check. */
  CHECK(strncmp(expected[14], "ERROR -5", 8) == 0);
  for (i = 0; i < N_CORPUS; ++i)
    if (i != 14) CHECK(expected[i][0] == '{');

  CHECK_STATUS(vigil_engine_serialize(engine, &buffer, &size), VIGIL_OK);
  CHECK(buffer != NULL && size > 0);
  CHECK_STATUS(vigil_engine_deserialize(buffer, size, &copy, &diags), VIGIL_OK);
  CHECK(copy != NULL);
  vigil_diagnostics_free(diags);
  check_same_facts(engine, copy);
  check_same_verdicts(expected, copy);

  /* The buffer is not needed after deserialize returns. */
  memset(buffer, 0xAB, size);
  vigil_buffer_free(buffer);
  check_same_verdicts(expected, copy);

  /* A copy of a copy, and a copy outliving its original. */
  vigil_engine_free(engine);
  engine = NULL;
  CHECK_STATUS(vigil_engine_serialize(copy, &buffer, &size), VIGIL_OK);
  CHECK_STATUS(vigil_engine_deserialize(buffer, size, &engine, NULL), VIGIL_OK);
  vigil_buffer_free(buffer);
  check_same_verdicts(expected, engine);

  diags = NULL;
  CHECK_STATUS(vigil_engine_save(copy, path, &diags), VIGIL_OK);
  vigil_diagnostics_free(diags);
  diags = NULL;
  CHECK_STATUS(vigil_engine_load(path, &loaded, &diags), VIGIL_OK);
  vigil_diagnostics_free(diags);
  check_same_facts(copy, loaded);
  check_same_verdicts(expected, loaded);
  vigil_engine_free(loaded);

  /* Saving where it cannot be written. */
  diags = NULL;
  CHECK_STATUS(vigil_engine_save(copy, "/nonexistent/dir/engine.vigil", &diags),
               VIGIL_E_IO);
  CHECK(vigil_diagnostics_count(diags) >= 1);
  vigil_diagnostics_free(diags);
  diags = NULL;
  loaded = (vigil_engine*)NULL;
  CHECK_STATUS(vigil_engine_load("/nonexistent/dir/engine.vigil", &loaded, &diags),
               VIGIL_E_IO);
  CHECK(loaded == NULL);
  CHECK(vigil_diagnostics_count(diags) >= 1);
  vigil_diagnostics_free(diags);

  unlink(path);
  free(path);
  free_verdicts(expected);
  vigil_engine_free(copy);
  vigil_engine_free(engine);
}

static int is_engine_file_error(int status) {
  return status == VIGIL_E_ENGINE_CORRUPT || status == VIGIL_E_ENGINE_TRUNCATED ||
         status == VIGIL_E_ENGINE_VERSION || status == VIGIL_E_ENGINE_PLATFORM;
}

/* Deserializes damaged bytes: must fail with a file status and a diagnostic
 * (and, for the fuzz cases, just not crash). */
static int load_damaged(const void* data, size_t size) {
  vigil_engine* engine = NULL;
  vigil_diagnostics* diags = NULL;
  int status = vigil_engine_deserialize(data, size, &engine, &diags);
  if (status == VIGIL_OK) {
    fprintf(stderr, "damaged engine of %zu bytes loaded\n", size);
    vigil_engine_free(engine);
    vigil_diagnostics_free(diags);
    return status;
  }
  CHECK(engine == NULL);
  CHECK(vigil_diagnostics_count(diags) >= 1);
  CHECK(vigil_diagnostics_message(diags, 0)[0] != '\0');
  vigil_diagnostics_free(diags);
  return status;
}

static void test_corrupt(void) {
  vigil_engine* engine = compile_main();
  void* buffer = NULL;
  size_t size = 0, i, step;
  unsigned char* copy;
  char* path = tmp_path("truncated.vigil");
  CHECK_STATUS(vigil_engine_serialize(engine, &buffer, &size), VIGIL_OK);
  copy = (unsigned char*)malloc(size);
  CHECK(copy != NULL);

  /* A flipped bit in the magic, the middle or the end: corrupt. */
  {
    size_t at[3];
    at[0] = 0;
    at[1] = size / 2;
    at[2] = size - 1;
    for (i = 0; i < 3; ++i) {
      memcpy(copy, buffer, size);
      copy[at[i]] ^= 0x01;
      if (load_damaged(copy, size) != VIGIL_E_ENGINE_CORRUPT)
        fprintf(stderr, "flipped byte %zu of %zu\n", at[i], size);
      CHECK_STATUS(load_damaged(copy, size), VIGIL_E_ENGINE_CORRUPT);
    }
  }
  /* Any flipped byte is noticed: every byte of the header, then a sample. */
  step = size / 4000 + 1;
  for (i = 0; i < size; i += (i < 256 ? 1 : step)) {
    int status;
    memcpy(copy, buffer, size);
    copy[i] ^= 0xFF;
    status = load_damaged(copy, size);
    if (!is_engine_file_error(status))
      fprintf(stderr, "flipped byte %zu of %zu: %s\n", i, size,
              vigil_status_name(status));
    CHECK(is_engine_file_error(status));
  }
  /* Truncated. */
  CHECK_STATUS(load_damaged(buffer, size - 1), VIGIL_E_ENGINE_TRUNCATED);
  CHECK_STATUS(load_damaged(buffer, size / 2), VIGIL_E_ENGINE_TRUNCATED);
  for (i = 1; i < 128 && i < size; ++i) {
    int status = load_damaged(buffer, i);
    CHECK(status == VIGIL_E_ENGINE_TRUNCATED || status == VIGIL_E_ENGINE_CORRUPT);
  }
  /* Zero length. */
  {
    int status = load_damaged(buffer, 0);
    CHECK(status == VIGIL_E_ENGINE_TRUNCATED || status == VIGIL_E_ENGINE_CORRUPT ||
          status == VIGIL_E_INVALID_ARGUMENT);
  }
  /* Random garbage, alone and behind a real header. */
  for (i = 0; i < 300; ++i) {
    size_t len = (size_t)(next_random() % 8192) + 1, j;
    unsigned char* junk = (unsigned char*)malloc(len);
    CHECK(junk != NULL);
    for (j = 0; j < len; ++j) junk[j] = (unsigned char)next_random();
    if (i % 2 == 1) memcpy(junk, buffer, len < 64 ? len : 64);
    CHECK(load_damaged(junk, len) != VIGIL_OK);
    free(junk);
  }
  /* A real engine with random bytes overwritten. */
  for (i = 0; i < 300; ++i) {
    size_t k, flips = (size_t)(next_random() % 8) + 1;
    memcpy(copy, buffer, size);
    for (k = 0; k < flips; ++k) copy[next_random() % size] ^= (unsigned char)(next_random() | 1);
    CHECK(load_damaged(copy, size) != VIGIL_OK);
  }
  /* The same through a file. */
  {
    vigil_engine* loaded = NULL;
    vigil_diagnostics* diags = NULL;
    write_file(path, buffer, size / 2);
    CHECK_STATUS(vigil_engine_load(path, &loaded, &diags), VIGIL_E_ENGINE_TRUNCATED);
    CHECK(loaded == NULL);
    CHECK(vigil_diagnostics_count(diags) >= 1);
    vigil_diagnostics_free(diags);
    memcpy(copy, buffer, size);
    copy[size / 3] ^= 0x10;
    write_file(path, copy, size);
    diags = NULL;
    CHECK_STATUS(vigil_engine_load(path, &loaded, &diags), VIGIL_E_ENGINE_CORRUPT);
    CHECK(vigil_diagnostics_count(diags) >= 1);
    vigil_diagnostics_free(diags);
    write_file(path, "", 0);
    CHECK(is_engine_file_error(vigil_engine_load(path, &loaded, NULL)));
    unlink(path);
  }
  /* The original still loads after all that. */
  {
    vigil_engine* again = NULL;
    CHECK_STATUS(vigil_engine_deserialize(buffer, size, &again, NULL), VIGIL_OK);
    vigil_engine_free(again);
  }
  free(copy);
  free(path);
  vigil_buffer_free(buffer);
  vigil_engine_free(engine);
}

/* ------------------------------------------------------------ run_tests */

static void test_run_tests(void) {
  static const char* const kTests[] = {
      "ruleset: tests-demo",
      "guidelines:",
      "  g: {title: G, url: \"https://g.example\"}",
      "rules:",
      "  - id: t.pass",
      "    guideline: g",
      "    category: spam",
      "    words: [spoon]",
      "    action: flag",
      "    tests:",
      "      match: [\"a spoon here\", {title: \"spoon\", body: \"x\"}]",
      "      no_match: [\"spoonful\"]",
      "  - id: t.fail",
      "    guideline: g",
      "    category: spam",
      "    words: [fork]",
      "    action: flag",
      "    tests:",
      "      match: [\"no cutlery\"]",
      "      no_match: [\"a fork\"]",
      "  - id: t.cond",
      "    guideline: g",
      "    category: spam",
      "    words: [knife]",
      "    when:",
      "      author.trust_level: {below: 1}",
      "    action: hold",
      "    tests:",
      "      match: [{body: \"knife\", author: {trust_level: 0}}]",
      "      no_match: [{body: \"a knife\", author: {trust_level: 2}}, \"knife only\"]",
      "  - id: t.dry",
      "    guideline: g",
      "    category: spam",
      "    words: [ladle]",
      "    action: reject",
      "    mode: dry_run",
      "    tests:",
      "      match: [\"ladle\"]",
  };
  const size_t n = sizeof kTests / sizeof kTests[0];
  vigil_engine* engine = compile_lines(kTests, n, "tests-demo.yaml", NULL);
  vigil_test_report* report = NULL;
  size_t i;
  int seen_fail_match = 0, seen_fail_no_match = 0, seen_pass_mapping = 0;
  CHECK_STATUS(vigil_engine_run_tests(engine, &report), VIGIL_OK);
  CHECK(report != NULL);
  CHECK_INT(vigil_test_report_count(report), 9);
  CHECK_INT(vigil_test_report_failed_count(report), 2);
  for (i = 0; i < vigil_test_report_count(report); ++i) {
    const char* rule = vigil_test_report_rule_id(report, i);
    const char* example = vigil_test_report_example(report, i);
    const char* detail = vigil_test_report_detail(report, i);
    int passed = vigil_test_report_passed(report, i);
    int expects = vigil_test_report_expects_match(report, i);
    CHECK(example != NULL && detail != NULL);
    CHECK(strchr(example, '\n') == NULL);
    CHECK_STR(vigil_test_report_file(report, i), "tests-demo.yaml");
    CHECK(vigil_test_report_line(report, i) >= 1);
    if (strcmp(rule, "t.fail") == 0) {
      CHECK_INT(passed, 0);
      CHECK(detail[0] != '\0');
      if (expects) {
        seen_fail_match = 1;
        CHECK_CONTAINS(example, "no cutlery");
        CHECK_INT(vigil_test_report_line(report, i),
                  line_of(kTests, n, "match: [\"no cutlery\"]"));
      } else {
        seen_fail_no_match = 1;
        CHECK_CONTAINS(example, "a fork");
        CHECK_INT(vigil_test_report_line(report, i),
                  line_of(kTests, n, "no_match: [\"a fork\"]"));
      }
    } else {
      if (!passed) fprintf(stderr, "%s: %s: %s\n", rule, example, detail);
      CHECK_INT(passed, 1);
      CHECK_STR(detail, "");
      CHECK(strcmp(rule, "t.pass") == 0 || strcmp(rule, "t.cond") == 0 ||
            strcmp(rule, "t.dry") == 0);
      if (strcmp(rule, "t.pass") == 0 && expects && strstr(example, "a spoon here") == NULL)
        seen_pass_mapping = 1;
    }
  }
  CHECK(seen_fail_match && seen_fail_no_match && seen_pass_mapping);
  CHECK(vigil_test_report_line(report, 0) != 0);
  /* Past the end: no crash, nothing to read. */
  CHECK_INT(vigil_test_report_passed(report, 1000), 0);
  CHECK_INT(vigil_test_report_line(report, 1000), 0);
  CHECK(vigil_test_report_rule_id(report, 1000) == NULL ||
        vigil_test_report_rule_id(report, 1000)[0] == '\0');
  vigil_test_report_free(report);

  /* A compiled file keeps the rules' tests. */
  {
    void* buffer = NULL;
    size_t size = 0;
    vigil_engine* loaded = NULL;
    CHECK_STATUS(vigil_engine_serialize(engine, &buffer, &size), VIGIL_OK);
    CHECK_STATUS(vigil_engine_deserialize(buffer, size, &loaded, NULL), VIGIL_OK);
    vigil_buffer_free(buffer);
    report = NULL;
    CHECK_STATUS(vigil_engine_run_tests(loaded, &report), VIGIL_OK);
    CHECK_INT(vigil_test_report_count(report), 9);
    CHECK_INT(vigil_test_report_failed_count(report), 2);
    CHECK_STR(vigil_test_report_file(report, 0), "tests-demo.yaml");
    vigil_test_report_free(report);
    vigil_engine_free(loaded);
  }

  /* The main ruleset has no tests: an empty report. */
  vigil_engine_free(engine);
  engine = compile_main();
  report = NULL;
  CHECK_STATUS(vigil_engine_run_tests(engine, &report), VIGIL_OK);
  CHECK_INT(vigil_test_report_count(report), 0);
  CHECK_INT(vigil_test_report_failed_count(report), 0);
  vigil_test_report_free(report);
  vigil_engine_free(engine);
}

/* -------------------------------------------------------------- threads */

enum { kThreads = 8, kPostsPerThread = 2000 };

typedef struct thread_job {
  const vigil_engine* engine;
  char** expected;
  int index;
  long mismatches;
  long classified;
} thread_job;

static void* thread_main(void* arg) {
  thread_job* job = (thread_job*)arg;
  vigil_scanner* scanner = NULL;
  built_post posts[N_CORPUS];
  size_t i;
  int k;
  if (vigil_scanner_create(job->engine, &scanner) != VIGIL_OK) {
    job->mismatches = -1;
    return NULL;
  }
  for (i = 0; i < N_CORPUS; ++i) build_post(&kCorpus[i], &posts[i]);
  for (k = 0; k < kPostsPerThread; ++k) {
    size_t which = ((size_t)k * 7u + (size_t)job->index) % N_CORPUS;
    const vigil_verdict* v = NULL;
    int status = vigil_scanner_classify(scanner, &posts[which].post, &v);
    const char* expected = job->expected[which];
    ++job->classified;
    if (status == VIGIL_OK) {
      const char* json = vigil_verdict_json(v, NULL);
      if (json == NULL || strcmp(json, expected) != 0) ++job->mismatches;
    } else {
      char text[64];
      snprintf(text, sizeof text, "ERROR %d", status);
      if (strcmp(text, expected) != 0) ++job->mismatches;
    }
  }
  vigil_scanner_free(scanner);
  return NULL;
}

/* What vigil.h says is safe beside classification: serializing the engine,
 * reading its facts, creating scanners. Runs until the classifiers finish. */
typedef struct side_job {
  const vigil_engine* engine;
  pthread_mutex_t mutex; /* guards stop */
  int stop;
  long rounds;
  long failures;
} side_job;

static int side_should_stop(side_job* job) {
  int stop;
  pthread_mutex_lock(&job->mutex);
  stop = job->stop;
  pthread_mutex_unlock(&job->mutex);
  return stop;
}

static void* side_main(void* arg) {
  side_job* job = (side_job*)arg;
  while (!side_should_stop(job) || job->rounds < 3) {
    void* buffer = NULL;
    size_t size = 0;
    vigil_scanner* scanner = NULL;
    if (vigil_engine_serialize(job->engine, &buffer, &size) != VIGIL_OK) ++job->failures;
    vigil_buffer_free(buffer);
    if (vigil_engine_rule_count(job->engine) != N_RULE_IDS) ++job->failures;
    if (strcmp(vigil_engine_ruleset_name(job->engine), "capi-test") != 0) ++job->failures;
    if (vigil_scanner_create(job->engine, &scanner) != VIGIL_OK) ++job->failures;
    vigil_scanner_free(scanner);
    ++job->rounds;
  }
  return NULL;
}

static void test_threads(void) {
  vigil_engine* engine = compile_main();
  char** expected = corpus_verdicts(engine);
  pthread_t threads[kThreads];
  thread_job jobs[kThreads];
  pthread_t side_thread;
  side_job side;
  int t;
  side.engine = engine;
  CHECK(pthread_mutex_init(&side.mutex, NULL) == 0);
  side.stop = 0;
  side.rounds = 0;
  side.failures = 0;
  CHECK(pthread_create(&side_thread, NULL, side_main, &side) == 0);
  for (t = 0; t < kThreads; ++t) {
    jobs[t].engine = engine;
    jobs[t].expected = expected;
    jobs[t].index = t;
    jobs[t].mismatches = 0;
    jobs[t].classified = 0;
    CHECK(pthread_create(&threads[t], NULL, thread_main, &jobs[t]) == 0);
  }
  for (t = 0; t < kThreads; ++t) CHECK(pthread_join(threads[t], NULL) == 0);
  pthread_mutex_lock(&side.mutex);
  side.stop = 1;
  pthread_mutex_unlock(&side.mutex);
  CHECK(pthread_join(side_thread, NULL) == 0);
  pthread_mutex_destroy(&side.mutex);
  CHECK_INT(side.failures, 0);
  for (t = 0; t < kThreads; ++t) {
    if (jobs[t].mismatches != 0)
      fprintf(stderr, "thread %d: %ld of %ld verdicts differ\n", t,
              jobs[t].mismatches, jobs[t].classified);
    CHECK_INT(jobs[t].mismatches, 0);
    CHECK_INT(jobs[t].classified, kPostsPerThread);
  }
  free_verdicts(expected);
  vigil_engine_free(engine);
}

/* ----------------------------------------------------------------- main */

typedef struct section {
  const char* name;
  void (*run)(void);
} section;

static const section kSections[] = {
    {"version", test_version},
    {"status", test_status},
    {"names", test_names},
    {"engine_facts", test_engine_facts},
    {"verdicts", test_verdicts},
    {"conditions", test_conditions},
    {"compile_errors", test_compile_errors},
    {"compile_file", test_compile_file},
    {"utf8", test_utf8},
    {"post_size", test_post_size},
    {"null_arguments", test_null_arguments},
    {"free_null", test_free_null},
    {"struct_size", test_struct_size},
    {"serialize", test_serialize},
    {"corrupt", test_corrupt},
    {"run_tests", test_run_tests},
    {"threads", test_threads},
};
#define N_SECTIONS (sizeof kSections / sizeof kSections[0])

static void run_section(const section* s) {
  long before = g_checks;
  s->run();
  printf("ok %s (%ld checks)\n", s->name, g_checks - before);
  fflush(stdout);
}

int main(int argc, char** argv) {
  size_t i;
  int a;
  if (argc == 1) {
    for (i = 0; i < N_SECTIONS; ++i) run_section(&kSections[i]);
  } else if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (i = 0; i < N_SECTIONS; ++i) printf("%s\n", kSections[i].name);
    return 0;
  } else {
    for (a = 1; a < argc; ++a) {
      int found = 0;
      for (i = 0; i < N_SECTIONS; ++i) {
        if (strcmp(argv[a], kSections[i].name) == 0) {
          run_section(&kSections[i]);
          found = 1;
        }
      }
      if (!found) {
        fprintf(stderr, "unknown section %s (try --list)\n", argv[a]);
        return 2;
      }
    }
  }
  if (g_tmp_dir) rmdir(g_tmp_dir);
  return 0;
}
