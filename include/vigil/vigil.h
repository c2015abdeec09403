/*
 * vigil.h — the stable C interface of Vigil, an embeddable moderation library.
 *
 * A community writes its guidelines as a ruleset (YAML, see docs/RULESET.md).
 * Vigil compiles the ruleset once into an immutable ENGINE, and each thread
 * classifies posts through its own SCANNER. Each classification yields a
 * VERDICT: the action to take, the rules that fired (with the guideline they
 * enforce and the exact byte spans), the escalation targets, the messages to
 * show the member, and the censored text when a censor/redact rule fired.
 *
 *   vigil_engine* engine = NULL;
 *   vigil_diagnostics* diags = NULL;
 *   if (vigil_engine_compile_file("rules/community-default.yaml", NULL,
 *                                 &engine, &diags) != VIGIL_OK) {
 *     for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
 *       fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
 *   }
 *   vigil_diagnostics_free(diags);
 *
 *   vigil_scanner* scanner = NULL;            // one per thread
 *   vigil_scanner_create(engine, &scanner);
 *   vigil_post post = VIGIL_POST_INIT;
 *   post.body = vigil_str_from_cstr("hello world");
 *   const vigil_verdict* verdict = NULL;       // borrowed from the scanner
 *   if (vigil_scanner_classify(scanner, &post, &verdict) == VIGIL_OK)
 *     printf("%s\n", vigil_action_name(vigil_verdict_action(verdict)));
 *   vigil_scanner_free(scanner);
 *   vigil_engine_free(engine);
 *
 * Conventions (as in zstd, Hyperscan and libgit2):
 *  - Functions that can fail return an int: VIGIL_OK (0) or a negative
 *    vigil_status. The numbers never change; new codes are only appended.
 *  - What comes back through `T** out` belongs to the caller and is released
 *    with the matching `_free`. Every `_free` accepts NULL.
 *  - A returned `const T*` or `const char*` is borrowed from its parent and
 *    stays valid as long as the parent does (for verdicts: until the next call
 *    on the same scanner).
 *  - Structs the caller fills (options, posts) begin with `struct_size` and
 *    have an `_INIT` macro; fields are only ever appended.
 *  - Structs the library hands out (matches, hits) are only read through
 *    pointers the library owns, so fields can be appended to them too.
 *  - Strings are UTF-8 with an explicit length (vigil_str) on input, and
 *    NUL-terminated on output unless a length is given beside them.
 *  - No C++ exception ever crosses this interface; no global mutable state.
 *  - Each function states its thread safety.
 */
#ifndef VIGIL_VIGIL_H_
#define VIGIL_VIGIL_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define VIGIL_API __declspec(dllexport)
#elif defined(__GNUC__)
#define VIGIL_API __attribute__((visibility("default")))
#else
#define VIGIL_API
#endif

/* ---------------------------------------------------------------- version */

#define VIGIL_VERSION_MAJOR 0
#define VIGIL_VERSION_MINOR 1
#define VIGIL_VERSION_PATCH 0
#define VIGIL_VERSION_NUMBER \
  (VIGIL_VERSION_MAJOR * 10000 + VIGIL_VERSION_MINOR * 100 + VIGIL_VERSION_PATCH)

/* The version of the loaded library, to compare with VIGIL_VERSION_NUMBER.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API unsigned vigil_version_number(void);

/* "MAJOR.MINOR.PATCH" of the loaded library; a static string.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_version_string(void);

/* ----------------------------------------------------------------- status */

typedef enum vigil_status {
  VIGIL_OK = 0,
  VIGIL_E_INVALID_ARGUMENT = -1, /* NULL where a value is required, bad enum */
  VIGIL_E_NO_MEMORY = -2,
  VIGIL_E_RULESET = -3,          /* the ruleset has errors: see diagnostics */
  VIGIL_E_IO = -4,               /* a file could not be read or written */
  VIGIL_E_INVALID_UTF8 = -5,     /* a post field is not valid UTF-8 */
  VIGIL_E_POST_TOO_LARGE = -6,   /* a post exceeds max_post_bytes */
  VIGIL_E_ENGINE_CORRUPT = -7,   /* compiled file: bad magic or checksum */
  VIGIL_E_ENGINE_TRUNCATED = -8, /* compiled file: shorter than it says */
  VIGIL_E_ENGINE_VERSION = -9,   /* compiled file: other format/library version */
  VIGIL_E_ENGINE_PLATFORM = -10, /* compiled file: built for another platform */
  VIGIL_E_STRUCT_SIZE = -11,     /* struct_size is smaller than version 1 */
  VIGIL_E_SCAN = -12,            /* the matcher failed on this post */
  VIGIL_E_OUT_OF_RANGE = -13,    /* an index past the end */
  VIGIL_E_INTERNAL = -14         /* a bug in Vigil; please report it */
} vigil_status;

/* The enumerator's name ("VIGIL_E_RULESET"), or "VIGIL_E_UNKNOWN".
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_status_name(int status);

/* A one-line English description of a status code; a static string.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_status_describe(int status);

/* ------------------------------------------------------------ basic types */

/* A UTF-8 string with an explicit length. data == NULL means "absent". */
typedef struct vigil_str {
  const char* data;
  size_t size;
} vigil_str;

/* A vigil_str over a NUL-terminated string (NULL gives an absent string).
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API vigil_str vigil_str_from_cstr(const char* s);

/* Actions, least to most severe. The final action of a verdict is the most
 * severe action of the enforced rules that fired. */
typedef enum vigil_action {
  VIGIL_ACTION_ALLOW = 0,
  VIGIL_ACTION_TAG = 1,    /* route to a team; the post is unchanged */
  VIGIL_ACTION_FLAG = 2,   /* report for review; the post stays up */
  VIGIL_ACTION_CENSOR = 3, /* mask the matched words; the post stays up */
  VIGIL_ACTION_REDACT = 4, /* replace the matched spans; the post stays up */
  VIGIL_ACTION_HOLD = 5,   /* needs approval before it is shown */
  VIGIL_ACTION_REJECT = 6  /* not posted */
} vigil_action;

/* "allow", "tag", …; "unknown" for other values.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_action_name(vigil_action action);

typedef enum vigil_priority {
  VIGIL_PRIORITY_LOW = 1,
  VIGIL_PRIORITY_NORMAL = 2,
  VIGIL_PRIORITY_HIGH = 3,
  VIGIL_PRIORITY_URGENT = 4
} vigil_priority;

/* "low", "normal", "high", "urgent"; "unknown" for other values.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_priority_name(vigil_priority priority);

/* The part of a post a match was found in. */
typedef enum vigil_field {
  VIGIL_FIELD_TITLE = 0,
  VIGIL_FIELD_BODY = 1,
  VIGIL_FIELD_LINKS = 2,      /* one of the post's links: see link_index */
  VIGIL_FIELD_AUTHOR_NAME = 3
} vigil_field;

/* "title", "body", "links", "author.name"; "unknown" for other values.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API const char* vigil_field_name(vigil_field field);

/* ------------------------------------------------------------ diagnostics */

/* Everything that went wrong while compiling a ruleset or loading an engine,
 * all of it, not just the first problem. Owned by the caller. */
typedef struct vigil_diagnostics vigil_diagnostics;

/* Thread safety: the functions below only read; a diagnostics object may be
 * read from several threads at once, and must not be read while it is freed. */

VIGIL_API size_t vigil_diagnostics_count(const vigil_diagnostics* diags);
/* The number of diagnostics that are errors (the rest are warnings). */
VIGIL_API size_t vigil_diagnostics_error_count(const vigil_diagnostics* diags);
/* 1 for an error, 0 for a warning (or an index past the end). */
VIGIL_API int vigil_diagnostics_is_error(const vigil_diagnostics* diags, size_t i);
/* The file the problem is in ("" when none, e.g. an in-memory ruleset). */
VIGIL_API const char* vigil_diagnostics_file(const vigil_diagnostics* diags, size_t i);
/* 1-based line and column; 0 when unknown. */
VIGIL_API uint32_t vigil_diagnostics_line(const vigil_diagnostics* diags, size_t i);
VIGIL_API uint32_t vigil_diagnostics_column(const vigil_diagnostics* diags, size_t i);
/* The id of the rule the problem is in, or "" when it is not in a rule. */
VIGIL_API const char* vigil_diagnostics_rule_id(const vigil_diagnostics* diags, size_t i);
VIGIL_API const char* vigil_diagnostics_message(const vigil_diagnostics* diags, size_t i);
/* "file:line:col: error: message [rule id]", as compilers print it. */
VIGIL_API const char* vigil_diagnostics_format(const vigil_diagnostics* diags, size_t i);

/* Thread safety: not safe concurrently with any other use of `diags`. */
VIGIL_API void vigil_diagnostics_free(vigil_diagnostics* diags);

/* ----------------------------------------------------------------- engine */

/* A compiled ruleset: immutable, shared by all threads. */
typedef struct vigil_engine vigil_engine;

/* Limits, each with its default when 0. A ruleset over a compile budget is
 * refused with VIGIL_E_RULESET and a diagnostic naming the budget. */
typedef struct vigil_compile_options {
  size_t struct_size;      /* sizeof(vigil_compile_options) */
  /* Largest post accepted by classify, in bytes over all text fields.
   * Default 1 MiB (1048576); at most 4 GiB - 1. */
  size_t max_post_bytes;
  /* Compile budgets. max_patterns: Hyperscan patterns over all views
   * (default 1,000,000); max_regex_bytes: the longest regex (default 16384);
   * re2_max_mem: memory per RE2 program, in bytes (default 8 MiB, RE2's
   * own); max_database_bytes: all Hyperscan databases together (default
   * 1 GiB). */
  size_t max_patterns;
  size_t max_regex_bytes;
  int64_t re2_max_mem;
  size_t max_database_bytes;
  /* 0 (default): a post over max_post_bytes is refused with
   * VIGIL_E_POST_TOO_LARGE. 1: its first max_post_bytes are classified (cut
   * at a character boundary; title, then body, author name, links) and the
   * verdict says so (vigil_verdict_truncated). */
  int truncate_long_posts;
} vigil_compile_options;

#define VIGIL_COMPILE_OPTIONS_INIT { sizeof(vigil_compile_options), 0, 0, 0, 0, 0, 0 }

/* Compile the ruleset at `path` (and the files it includes and lists it
 * reads, relative to the file that names them). On success *out is a new
 * engine and *diags (if diags is not NULL) holds any warnings; on failure
 * *out is NULL, the status says why and *diags holds every problem found.
 * `options` may be NULL for the defaults. The caller frees both.
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API int vigil_engine_compile_file(const char* path,
                                        const vigil_compile_options* options,
                                        vigil_engine** out,
                                        vigil_diagnostics** diags);

/* As vigil_engine_compile_file, for a ruleset held in memory. `name` is the
 * file name used in diagnostics and the folder relative to which includes and
 * list files are read (may be NULL: "<memory>" in the current directory).
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API int vigil_engine_compile_string(const char* yaml, size_t size,
                                          const char* name,
                                          const vigil_compile_options* options,
                                          vigil_engine** out,
                                          vigil_diagnostics** diags);

/* Write the compiled engine to one file that vigil_engine_load reads back on
 * a machine of the same platform and library version. On failure *diags (if
 * not NULL) says why. Thread safety: safe concurrently with classification
 * and other saves of the same engine. */
VIGIL_API int vigil_engine_save(const vigil_engine* engine, const char* path,
                                vigil_diagnostics** diags);

/* As vigil_engine_save, into a new buffer the caller frees with
 * vigil_buffer_free. Thread safety: as vigil_engine_save. */
VIGIL_API int vigil_engine_serialize(const vigil_engine* engine, void** out,
                                     size_t* size);

/* Load an engine written by vigil_engine_save. A damaged file gets its own
 * status (VIGIL_E_ENGINE_CORRUPT, _TRUNCATED, _VERSION, _PLATFORM) and a
 * diagnostic; it never crashes. Thread safety: safe from any thread. */
VIGIL_API int vigil_engine_load(const char* path, vigil_engine** out,
                                vigil_diagnostics** diags);

/* As vigil_engine_load, from memory (the bytes are copied as needed).
 * Thread safety: safe to call from any thread at any time. */
VIGIL_API int vigil_engine_deserialize(const void* data, size_t size,
                                       vigil_engine** out,
                                       vigil_diagnostics** diags);

/* Engines are reference-counted, so that a new engine can be swapped in
 * while other threads classify with the old one (hot reload):
 *  - the engine returned by compile/load/deserialize holds one reference,
 *    owned by the caller;
 *  - vigil_engine_retain adds one reference, which the caller owns;
 *  - every scanner holds one reference to its engine until it is freed;
 *  - vigil_engine_free releases one reference, and the engine is destroyed
 *    when the last one is released (by vigil_engine_free or
 *    vigil_scanner_free, whichever comes last).
 * The hot-reload pattern (docs/RELIABILITY.md): keep the current engine in a
 * mutex-guarded pointer; a worker retains it under the mutex, creates its
 * scanner outside it and frees its reference; the reloader swaps the pointer
 * under the mutex and frees the old engine. Workers finish their posts with
 * the old engine and move to the new one when they next create a scanner.
 *
 * Returns VIGIL_E_INVALID_ARGUMENT for NULL, otherwise VIGIL_OK.
 * Thread safety: safe to call from any thread at any time, concurrently with
 * classification and with other retains and frees of the same engine, as
 * long as the caller owns a reference while calling. */
VIGIL_API int vigil_engine_retain(vigil_engine* engine);

/* Releases one reference (see vigil_engine_retain); accepts NULL. Scanners of
 * the engine stay usable: they hold their own references.
 * Thread safety: safe to call from any thread, concurrently with
 * classification by scanners of this engine; the caller must not use the
 * reference it releases during or after the call. */
VIGIL_API void vigil_engine_free(vigil_engine* engine);

/* Facts about a compiled engine. The strings are borrowed from the engine.
 * Thread safety: safe to call concurrently with classification. */
VIGIL_API const char* vigil_engine_ruleset_name(const vigil_engine* engine);
/* The number of rules, enabled ones only (overrides applied). */
VIGIL_API size_t vigil_engine_rule_count(const vigil_engine* engine);
VIGIL_API const char* vigil_engine_rule_id(const vigil_engine* engine, size_t i);
/* The largest post classify accepts, in bytes over all text fields (the
 * compile option, or its default). */
VIGIL_API size_t vigil_engine_max_post_bytes(const vigil_engine* engine);

/* Release a buffer returned by the library. Accepts NULL.
 * Thread safety: safe from any thread, once per buffer. */
VIGIL_API void vigil_buffer_free(void* buffer);

/* ------------------------------------------------------------- rule tests */

/* The result of running every rule's `tests:` examples. Owned by the caller. */
typedef struct vigil_test_report vigil_test_report;

/* Run the `tests:` block of every rule of the engine. Returns VIGIL_OK when
 * the report could be produced (whether or not tests failed).
 * Thread safety: safe concurrently with classification on the same engine. */
VIGIL_API int vigil_engine_run_tests(const vigil_engine* engine,
                                     vigil_test_report** out);

/* Thread safety of the report accessors: read-only, safe from many threads. */
VIGIL_API size_t vigil_test_report_count(const vigil_test_report* report);
VIGIL_API size_t vigil_test_report_failed_count(const vigil_test_report* report);
VIGIL_API const char* vigil_test_report_rule_id(const vigil_test_report* report, size_t i);
/* 1 for a `match:` example, 0 for a `no_match:` one. */
VIGIL_API int vigil_test_report_expects_match(const vigil_test_report* report, size_t i);
VIGIL_API int vigil_test_report_passed(const vigil_test_report* report, size_t i);
/* The example post, abbreviated to one line, for the report. */
VIGIL_API const char* vigil_test_report_example(const vigil_test_report* report, size_t i);
/* Where the example is written: file, 1-based line. */
VIGIL_API const char* vigil_test_report_file(const vigil_test_report* report, size_t i);
VIGIL_API uint32_t vigil_test_report_line(const vigil_test_report* report, size_t i);
/* Why it failed ("" when it passed). */
VIGIL_API const char* vigil_test_report_detail(const vigil_test_report* report, size_t i);

/* Thread safety: not safe concurrently with any other use of `report`. */
VIGIL_API void vigil_test_report_free(vigil_test_report* report);

/* ------------------------------------------------------------------- post */

/* Author fields set to VIGIL_UNSET are unknown: a condition on an unknown
 * number is not satisfied (neither `below` nor `at_least`). */
#define VIGIL_UNSET INT64_MIN

typedef struct vigil_post {
  size_t struct_size;          /* sizeof(vigil_post) */
  vigil_str id;                /* echoed in the verdict; optional */
  vigil_str title;
  vigil_str body;
  /* The post's links. links == NULL: extracted from the body. */
  const vigil_str* links;
  size_t link_count;
  vigil_str author_id;
  vigil_str author_name;
  int64_t author_trust_level;       /* VIGIL_UNSET when unknown */
  int64_t author_account_age_days;  /* VIGIL_UNSET when unknown */
  int64_t author_post_count;        /* VIGIL_UNSET when unknown */
  const vigil_str* author_roles;
  size_t author_role_count;
  vigil_str channel;
  vigil_str lang;              /* BCP 47 tag if known ("en", "zh", "fa") */
} vigil_post;

#define VIGIL_POST_INIT                                                     \
  { sizeof(vigil_post), {NULL, 0}, {NULL, 0}, {NULL, 0}, NULL, 0,           \
    {NULL, 0}, {NULL, 0}, VIGIL_UNSET, VIGIL_UNSET, VIGIL_UNSET, NULL, 0,   \
    {NULL, 0}, {NULL, 0} }

/* ---------------------------------------------------------------- scanner */

/* Per-thread scratch space and reusable buffers: one per thread. */
typedef struct vigil_scanner vigil_scanner;

/* A new scanner for `engine`; the scanner holds a reference to the engine
 * (see vigil_engine_retain), so the caller may free its own reference at any
 * time. Cheap (microseconds).
 * Thread safety: safe to call concurrently, also with classification, while
 * the caller owns a reference to `engine`. */
VIGIL_API int vigil_scanner_create(const vigil_engine* engine, vigil_scanner** out);

/* Frees the scanner and releases its reference to its engine (which is
 * destroyed if that was the last one). Accepts NULL.
 * Thread safety: not safe concurrently with any other use of `scanner`. */
VIGIL_API void vigil_scanner_free(vigil_scanner* scanner);

/* A verdict: borrowed from the scanner that produced it, valid until the
 * next classify call on that scanner or until it is freed. */
typedef struct vigil_verdict vigil_verdict;

/* Classify one post. On success *out is the verdict. On failure (invalid
 * UTF-8, a post over the size limit, …) *out is NULL and
 * vigil_scanner_last_error explains. Allocates nothing once the scanner's
 * buffers have grown to the posts it sees.
 * Thread safety: a scanner is used by one thread at a time; many scanners of
 * one engine may classify concurrently. */
VIGIL_API int vigil_scanner_classify(vigil_scanner* scanner,
                                     const vigil_post* post,
                                     const vigil_verdict** out);

/* Why the last classify call on this scanner failed ("" after a success),
 * e.g. "body: invalid UTF-8 at byte 17". Borrowed until the next call.
 * Thread safety: as vigil_scanner_classify. */
VIGIL_API const char* vigil_scanner_last_error(const vigil_scanner* scanner);

/* ---------------------------------------------------------------- verdict */

/* One match of a rule in the post. `start`/`end` are byte offsets into the
 * field as it was given (for links: into links[link_index]). */
typedef struct vigil_match {
  vigil_field field;
  size_t link_index;
  size_t start;
  size_t end;
  const char* text;   /* the matched bytes, NUL-terminated copy */
  size_t text_size;
  /* Detector matches: how sure the detector is (0..1, after checksums and
   * context words) and what it found ("visa", "IR", "aws_access_key", or ""
   * when the detector has no subtypes). Other matches: 1.0 and NULL. */
  double confidence;
  const char* subtype;
  /* For a link the library found in the body (the post gave no links):
   * where that link starts in the body, so body[body_offset + start,
   * body_offset + end) is the match. Otherwise 0. */
  size_t body_offset;
} vigil_match;

/* One rule that fired, with everything needed to explain it. */
typedef struct vigil_hit {
  const char* rule_id;
  const char* category;        /* "private_info", "abuse", "spam", or custom */
  const char* severity;        /* "low", "medium", "high", "critical" */
  const char* guideline_id;
  const char* guideline_title;
  const char* guideline_url;
  vigil_action action;
  int dry_run;                 /* 1 for a rule in dry_run mode */
  const char* const* escalations; /* escalation ids of this rule */
  size_t escalation_count;
  const char* tell_author;     /* "" when the rule has none */
  const char* note_for_moderators; /* "" when the rule has none */
  const vigil_match* matches;
  size_t match_count;
} vigil_hit;

typedef struct vigil_escalation {
  const char* id;
  vigil_priority priority;
  const char* description;
} vigil_escalation;

/* A message for the member: one per guideline broken by enforced rules, the
 * `tell_author` of its most severe hit that has one (a guideline none of
 * whose hits has a tell_author gets no message). */
typedef struct vigil_author_message {
  const char* guideline_id;
  const char* guideline_title;
  const char* guideline_url;
  const char* text;
} vigil_author_message;

/* Thread safety of every vigil_verdict_* function: a verdict may be read by
 * several threads at once while its scanner is not being used.
 * An index past the end gives NULL (pointers), "" (strings) or 0; so does a
 * NULL verdict. The same holds for the diagnostics and test-report
 * accessors. */

/* 1 when the post was over max_post_bytes and only its first part was
 * classified (compile option truncate_long_posts), else 0. */
VIGIL_API int vigil_verdict_truncated(const vigil_verdict* verdict);

/* The post id as given ("" when none). */
VIGIL_API const char* vigil_verdict_post_id(const vigil_verdict* verdict);
VIGIL_API vigil_action vigil_verdict_action(const vigil_verdict* verdict);

/* Enforced rules that fired, most severe action first. */
VIGIL_API size_t vigil_verdict_hit_count(const vigil_verdict* verdict);
VIGIL_API const vigil_hit* vigil_verdict_hit(const vigil_verdict* verdict, size_t i);

/* Dry-run rules that would have fired; they never change the action. */
VIGIL_API size_t vigil_verdict_dry_run_count(const vigil_verdict* verdict);
VIGIL_API const vigil_hit* vigil_verdict_dry_run(const vigil_verdict* verdict, size_t i);

/* Escalation targets of the enforced hits, deduplicated, most urgent first. */
VIGIL_API size_t vigil_verdict_escalation_count(const vigil_verdict* verdict);
VIGIL_API const vigil_escalation* vigil_verdict_escalation(const vigil_verdict* verdict,
                                                           size_t i);

VIGIL_API size_t vigil_verdict_message_count(const vigil_verdict* verdict);
VIGIL_API const vigil_author_message* vigil_verdict_message(const vigil_verdict* verdict,
                                                            size_t i);

/* The title and body with every censor/redact span masked, when such an
 * enforced rule fired (a field the post did not have is ""); otherwise NULL
 * (and *size = 0). `size` may be NULL. */
VIGIL_API const char* vigil_verdict_censored_title(const vigil_verdict* verdict,
                                                   size_t* size);
VIGIL_API const char* vigil_verdict_censored_body(const vigil_verdict* verdict,
                                                  size_t* size);

/* The whole verdict as one line of JSON (no newline), for FFI users; the
 * schema is in docs/VERDICT.md. Borrowed like the verdict. `size` may be NULL. */
VIGIL_API const char* vigil_verdict_json(const vigil_verdict* verdict, size_t* size);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* VIGIL_VIGIL_H_ */
