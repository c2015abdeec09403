// The C ABI (include/vigil/vigil.h) over the C++ pipeline. Every entry point
// catches every exception: nothing C++ ever crosses into the caller.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "capi/handles.h"
#include "compile/serialize.h"
#include "vigil/vigil.h"

using vigil::StatusContext;
using vigil::ToVigilStatus;

#define VIGIL_CATCH_ALL                  \
  catch (const std::bad_alloc&) {        \
    return VIGIL_E_NO_MEMORY;            \
  }                                      \
  catch (...) {                          \
    return VIGIL_E_INTERNAL;             \
  }

namespace {

const vigil::Verdict* AsVerdict(const vigil_verdict* v) {
  return reinterpret_cast<const vigil::Verdict*>(v);
}

// Copies a caller's versioned struct into a full-size local one: fields the
// caller's (older) version lacks keep their defaults. Returns false when the
// struct is smaller than version 1 of it.
template <typename T>
bool CopyVersioned(const T* in, size_t v1_size, T* out) {
  if (in->struct_size < v1_size) return false;
  std::memcpy(out, in, std::min(in->struct_size, sizeof(T)));
  out->struct_size = sizeof(T);
  return true;
}

void SetDiagnostics(vigil_diagnostics** diags, const vigil::Diagnostics& d,
                    const absl::Status& status, const std::string& file) {
  if (diags) *diags = vigil::MakeDiagnostics(d, status, file);
}

int FinishEngine(absl::StatusOr<std::unique_ptr<vigil::Engine>> engine,
                 const vigil::Diagnostics& d, StatusContext context, const std::string& file,
                 vigil_engine** out, vigil_diagnostics** diags) {
  if (!engine.ok()) {
    SetDiagnostics(diags, d, engine.status(), file);
    return ToVigilStatus(engine.status(), context);
  }
  auto* handle = new vigil_engine{std::move(*engine)};
  SetDiagnostics(diags, d, absl::OkStatus(), file);
  *out = handle;
  return VIGIL_OK;
}

int Compile(const std::string& path, vigil::SourceSet sources,
            const vigil_compile_options* options, vigil_engine** out,
            vigil_diagnostics** diags) {
  vigil::EngineOptions engine_options;
  if (options) {
    vigil_compile_options copy = VIGIL_COMPILE_OPTIONS_INIT;
    if (!CopyVersioned(options, sizeof(vigil_compile_options), &copy)) {
      return VIGIL_E_STRUCT_SIZE;
    }
    if (copy.max_post_bytes > UINT32_MAX || copy.re2_max_mem < 0) {
      return VIGIL_E_INVALID_ARGUMENT;
    }
    if (copy.max_post_bytes) engine_options.max_post_bytes = copy.max_post_bytes;
    if (copy.max_patterns) engine_options.max_patterns = copy.max_patterns;
    if (copy.max_regex_bytes) engine_options.max_regex_bytes = copy.max_regex_bytes;
    if (copy.re2_max_mem) engine_options.re2_max_mem = copy.re2_max_mem;
    if (copy.max_database_bytes) engine_options.max_database_bytes = copy.max_database_bytes;
    engine_options.truncate_long_posts = copy.truncate_long_posts != 0;
  }
  vigil::Diagnostics d;
  auto engine = vigil::Engine::Compile(path, std::move(sources), engine_options, &d);
  d.SortByLocation();
  return FinishEngine(std::move(engine), d, StatusContext::kCompile, path, out, diags);
}

}  // namespace

namespace vigil {

void RetainEngine(const vigil_engine* engine) {
  // Relaxed: a new reference is taken from an existing one, which already
  // orders everything before it.
  engine->references.fetch_add(1, std::memory_order_relaxed);
}

void ReleaseEngine(const vigil_engine* engine) {
  // Release/acquire: every use of the engine through any reference happens
  // before the deletion done by whoever drops the last one.
  if (engine->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete engine;
  }
}

}  // namespace vigil

extern "C" {

unsigned vigil_version_number(void) { return VIGIL_VERSION_NUMBER; }

const char* vigil_version_string(void) { return VIGIL_VERSION_STRING_INTERNAL; }

const char* vigil_status_name(int status) {
  switch (status) {
    case VIGIL_OK: return "VIGIL_OK";
    case VIGIL_E_INVALID_ARGUMENT: return "VIGIL_E_INVALID_ARGUMENT";
    case VIGIL_E_NO_MEMORY: return "VIGIL_E_NO_MEMORY";
    case VIGIL_E_RULESET: return "VIGIL_E_RULESET";
    case VIGIL_E_IO: return "VIGIL_E_IO";
    case VIGIL_E_INVALID_UTF8: return "VIGIL_E_INVALID_UTF8";
    case VIGIL_E_POST_TOO_LARGE: return "VIGIL_E_POST_TOO_LARGE";
    case VIGIL_E_ENGINE_CORRUPT: return "VIGIL_E_ENGINE_CORRUPT";
    case VIGIL_E_ENGINE_TRUNCATED: return "VIGIL_E_ENGINE_TRUNCATED";
    case VIGIL_E_ENGINE_VERSION: return "VIGIL_E_ENGINE_VERSION";
    case VIGIL_E_ENGINE_PLATFORM: return "VIGIL_E_ENGINE_PLATFORM";
    case VIGIL_E_STRUCT_SIZE: return "VIGIL_E_STRUCT_SIZE";
    case VIGIL_E_SCAN: return "VIGIL_E_SCAN";
    case VIGIL_E_OUT_OF_RANGE: return "VIGIL_E_OUT_OF_RANGE";
    case VIGIL_E_INTERNAL: return "VIGIL_E_INTERNAL";
    default: return "VIGIL_E_UNKNOWN";
  }
}

const char* vigil_status_describe(int status) {
  switch (status) {
    case VIGIL_OK: return "success";
    case VIGIL_E_INVALID_ARGUMENT: return "invalid argument (NULL or out-of-range value)";
    case VIGIL_E_NO_MEMORY: return "out of memory";
    case VIGIL_E_RULESET: return "the ruleset has errors; see the diagnostics";
    case VIGIL_E_IO: return "a file could not be read or written";
    case VIGIL_E_INVALID_UTF8: return "a post field is not valid UTF-8";
    case VIGIL_E_POST_TOO_LARGE: return "the post is larger than max_post_bytes";
    case VIGIL_E_ENGINE_CORRUPT: return "the compiled engine file is damaged";
    case VIGIL_E_ENGINE_TRUNCATED: return "the compiled engine file is truncated";
    case VIGIL_E_ENGINE_VERSION:
      return "the compiled engine file is from another format or library version";
    case VIGIL_E_ENGINE_PLATFORM:
      return "the compiled engine file was built for another platform";
    case VIGIL_E_STRUCT_SIZE: return "struct_size is smaller than the struct's first version";
    case VIGIL_E_SCAN: return "the matcher failed on this post";
    case VIGIL_E_OUT_OF_RANGE: return "index out of range";
    case VIGIL_E_INTERNAL: return "internal error in Vigil (please report it)";
    default: return "unknown status code";
  }
}

vigil_str vigil_str_from_cstr(const char* s) {
  return s ? vigil_str{s, std::strlen(s)} : vigil_str{nullptr, 0};
}

const char* vigil_action_name(vigil_action action) { return vigil::ActionName(action); }
const char* vigil_priority_name(vigil_priority priority) {
  return vigil::PriorityName(priority);
}
const char* vigil_field_name(vigil_field field) { return vigil::FieldName(field); }

/* ------------------------------------------------------------ diagnostics */

size_t vigil_diagnostics_count(const vigil_diagnostics* d) { return d ? d->all.size() : 0; }
size_t vigil_diagnostics_error_count(const vigil_diagnostics* d) {
  return d ? d->error_count : 0;
}

#define VIGIL_DIAG_GET(expr, fallback) \
  if (!d || i >= d->all.size()) return fallback; \
  return expr;

int vigil_diagnostics_is_error(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].is_error ? 1 : 0, 0)
}
const char* vigil_diagnostics_file(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].location.file.c_str(), "")
}
uint32_t vigil_diagnostics_line(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].location.line, 0)
}
uint32_t vigil_diagnostics_column(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].location.column, 0)
}
const char* vigil_diagnostics_rule_id(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].rule_id.c_str(), "")
}
const char* vigil_diagnostics_message(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->all[i].message.c_str(), "")
}
const char* vigil_diagnostics_format(const vigil_diagnostics* d, size_t i) {
  VIGIL_DIAG_GET(d->formatted[i].c_str(), "")
}

void vigil_diagnostics_free(vigil_diagnostics* d) { delete d; }

/* ----------------------------------------------------------------- engine */

int vigil_engine_compile_file(const char* path, const vigil_compile_options* options,
                              vigil_engine** out, vigil_diagnostics** diags) {
  if (diags) *diags = nullptr;
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!path) return VIGIL_E_INVALID_ARGUMENT;
  try {
    return Compile(path, vigil::SourceSet::FromDisk(), options, out, diags);
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_compile_string(const char* yaml, size_t size, const char* name,
                                const vigil_compile_options* options, vigil_engine** out,
                                vigil_diagnostics** diags) {
  if (diags) *diags = nullptr;
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!yaml && size) return VIGIL_E_INVALID_ARGUMENT;
  try {
    const std::string file = name ? name : "<memory>";
    vigil::SourceSet sources = vigil::SourceSet::FromDisk();
    sources.Preload(file, std::string(yaml ? yaml : "", size));
    return Compile(file, std::move(sources), options, out, diags);
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_serialize(const vigil_engine* engine, void** out, size_t* size) {
  if (!out || !size) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  *size = 0;
  if (!engine) return VIGIL_E_INVALID_ARGUMENT;
  try {
    absl::StatusOr<std::string> bytes = vigil::SerializeEngine(*engine->engine);
    if (!bytes.ok()) return ToVigilStatus(bytes.status(), StatusContext::kIo);
    void* buffer = std::malloc(bytes->size() ? bytes->size() : 1);
    if (!buffer) return VIGIL_E_NO_MEMORY;
    std::memcpy(buffer, bytes->data(), bytes->size());
    *out = buffer;
    *size = bytes->size();
    return VIGIL_OK;
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_save(const vigil_engine* engine, const char* path, vigil_diagnostics** diags) {
  if (diags) *diags = nullptr;
  if (!engine || !path) return VIGIL_E_INVALID_ARGUMENT;
  try {
    vigil::Diagnostics none;
    absl::StatusOr<std::string> bytes = vigil::SerializeEngine(*engine->engine);
    if (!bytes.ok()) {
      SetDiagnostics(diags, none, bytes.status(), path);
      return ToVigilStatus(bytes.status(), StatusContext::kIo);
    }
    // Write beside the target and rename, so a reader never sees half a file.
    const std::string temp = absl::StrCat(path, ".tmp");
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    bool ok = f && std::fwrite(bytes->data(), 1, bytes->size(), f) == bytes->size();
    if (f) ok = (std::fclose(f) == 0) && ok;
    if (ok) ok = std::rename(temp.c_str(), path) == 0;
    if (!ok) {
      const std::string why = std::strerror(errno);
      std::remove(temp.c_str());
      SetDiagnostics(diags, none,
                     absl::PermissionDeniedError(absl::StrCat("cannot write ", path, ": ", why)),
                     path);
      return VIGIL_E_IO;
    }
    return VIGIL_OK;
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_deserialize(const void* data, size_t size, vigil_engine** out,
                             vigil_diagnostics** diags) {
  if (diags) *diags = nullptr;
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!data && size) return VIGIL_E_INVALID_ARGUMENT;
  try {
    vigil::Diagnostics d;
    auto engine = vigil::DeserializeEngine(
        std::string_view(static_cast<const char*>(data), data ? size : 0), &d);
    return FinishEngine(std::move(engine), d, StatusContext::kLoad, "<memory>", out, diags);
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_load(const char* path, vigil_engine** out, vigil_diagnostics** diags) {
  if (diags) *diags = nullptr;
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!path) return VIGIL_E_INVALID_ARGUMENT;
  try {
    vigil::Diagnostics d;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      SetDiagnostics(diags, d,
                     absl::NotFoundError(absl::StrCat("cannot open ", path, ": ",
                                                      std::strerror(errno))),
                     path);
      return VIGIL_E_IO;
    }
    std::ostringstream content;
    content << in.rdbuf();
    const std::string bytes = std::move(content).str();
    auto engine = vigil::DeserializeEngine(bytes, &d);
    return FinishEngine(std::move(engine), d, StatusContext::kLoad, path, out, diags);
  }
  VIGIL_CATCH_ALL
}

int vigil_engine_retain(vigil_engine* engine) {
  if (!engine) return VIGIL_E_INVALID_ARGUMENT;
  vigil::RetainEngine(engine);
  return VIGIL_OK;
}

void vigil_engine_free(vigil_engine* engine) {
  if (engine) vigil::ReleaseEngine(engine);
}

const char* vigil_engine_ruleset_name(const vigil_engine* engine) {
  return engine ? engine->engine->ruleset().name.c_str() : "";
}

size_t vigil_engine_rule_count(const vigil_engine* engine) {
  return engine ? engine->engine->ruleset().rules.size() : 0;
}

const char* vigil_engine_rule_id(const vigil_engine* engine, size_t i) {
  if (!engine || i >= engine->engine->ruleset().rules.size()) return "";
  return engine->engine->ruleset().rules[i].id.c_str();
}

size_t vigil_engine_max_post_bytes(const vigil_engine* engine) {
  return engine ? engine->engine->options().max_post_bytes : 0;
}

void vigil_buffer_free(void* buffer) { std::free(buffer); }

/* ------------------------------------------------------------- rule tests */

int vigil_engine_run_tests(const vigil_engine* engine, vigil_test_report** out) {
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!engine) return VIGIL_E_INVALID_ARGUMENT;
  try {
    auto results = vigil::RunRuleTests(*engine->engine);
    if (!results.ok()) return ToVigilStatus(results.status(), StatusContext::kClassify);
    auto* report = new vigil_test_report{std::move(*results), 0};
    for (const vigil::RuleTestResult& r : report->results) report->failed += !r.passed;
    *out = report;
    return VIGIL_OK;
  }
  VIGIL_CATCH_ALL
}

size_t vigil_test_report_count(const vigil_test_report* r) { return r ? r->results.size() : 0; }
size_t vigil_test_report_failed_count(const vigil_test_report* r) { return r ? r->failed : 0; }

#define VIGIL_REPORT_GET(expr, fallback) \
  if (!r || i >= r->results.size()) return fallback; \
  return expr;

const char* vigil_test_report_rule_id(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].rule_id.c_str(), "")
}
int vigil_test_report_expects_match(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].expect_match ? 1 : 0, 0)
}
int vigil_test_report_passed(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].passed ? 1 : 0, 0)
}
const char* vigil_test_report_example(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].example.c_str(), "")
}
const char* vigil_test_report_file(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].location.file.c_str(), "")
}
uint32_t vigil_test_report_line(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].location.line, 0)
}
const char* vigil_test_report_detail(const vigil_test_report* r, size_t i) {
  VIGIL_REPORT_GET(r->results[i].detail.c_str(), "")
}

void vigil_test_report_free(vigil_test_report* report) { delete report; }

/* ---------------------------------------------------------------- scanner */

int vigil_scanner_create(const vigil_engine* engine, vigil_scanner** out) {
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!engine) return VIGIL_E_INVALID_ARGUMENT;
  try {
    auto classifier = vigil::Classifier::Create(*engine->engine);
    if (!classifier.ok()) return ToVigilStatus(classifier.status(), StatusContext::kClassify);
    // The reference is taken last, so a failure above leaves the count alone.
    *out = new vigil_scanner{engine, std::move(*classifier), std::string()};
    vigil::RetainEngine(engine);
    return VIGIL_OK;
  }
  VIGIL_CATCH_ALL
}

void vigil_scanner_free(vigil_scanner* scanner) {
  if (!scanner) return;
  const vigil_engine* owner = scanner->owner;
  delete scanner;  // the classifier reads the engine until it is gone
  vigil::ReleaseEngine(owner);
}

int vigil_scanner_classify(vigil_scanner* scanner, const vigil_post* post,
                           const vigil_verdict** out) {
  if (!out) return VIGIL_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!scanner || !post) return VIGIL_E_INVALID_ARGUMENT;
  try {
    scanner->last_error.clear();
    vigil_post copy = VIGIL_POST_INIT;
    if (!CopyVersioned(post, sizeof(vigil_post), &copy)) {
      scanner->last_error = "vigil_post.struct_size is too small (use VIGIL_POST_INIT)";
      return VIGIL_E_STRUCT_SIZE;
    }
    absl::Status status = scanner->classifier->Classify(copy);
    if (!status.ok()) {
      scanner->last_error = std::string(status.message());
      return ToVigilStatus(status, StatusContext::kClassify);
    }
    *out = reinterpret_cast<const vigil_verdict*>(&scanner->classifier->verdict());
    return VIGIL_OK;
  }
  catch (const std::bad_alloc&) {
    scanner->last_error = "out of memory";
    return VIGIL_E_NO_MEMORY;
  }
  catch (...) {
    scanner->last_error = "internal error";
    return VIGIL_E_INTERNAL;
  }
}

const char* vigil_scanner_last_error(const vigil_scanner* scanner) {
  return scanner ? scanner->last_error.c_str() : "";
}

/* ---------------------------------------------------------------- verdict */

int vigil_verdict_truncated(const vigil_verdict* v) {
  return v && AsVerdict(v)->truncated ? 1 : 0;
}

const char* vigil_verdict_post_id(const vigil_verdict* v) {
  return v ? AsVerdict(v)->post_id.c_str() : "";
}

vigil_action vigil_verdict_action(const vigil_verdict* v) {
  return v ? AsVerdict(v)->action : VIGIL_ACTION_ALLOW;
}

size_t vigil_verdict_hit_count(const vigil_verdict* v) {
  return v ? AsVerdict(v)->hits.size() : 0;
}
const vigil_hit* vigil_verdict_hit(const vigil_verdict* v, size_t i) {
  if (!v || i >= AsVerdict(v)->hits.size()) return nullptr;
  return &AsVerdict(v)->hits[i];
}

size_t vigil_verdict_dry_run_count(const vigil_verdict* v) {
  return v ? AsVerdict(v)->dry_runs.size() : 0;
}
const vigil_hit* vigil_verdict_dry_run(const vigil_verdict* v, size_t i) {
  if (!v || i >= AsVerdict(v)->dry_runs.size()) return nullptr;
  return &AsVerdict(v)->dry_runs[i];
}

size_t vigil_verdict_escalation_count(const vigil_verdict* v) {
  return v ? AsVerdict(v)->escalations.size() : 0;
}
const vigil_escalation* vigil_verdict_escalation(const vigil_verdict* v, size_t i) {
  if (!v || i >= AsVerdict(v)->escalations.size()) return nullptr;
  return &AsVerdict(v)->escalations[i];
}

size_t vigil_verdict_message_count(const vigil_verdict* v) {
  return v ? AsVerdict(v)->messages.size() : 0;
}
const vigil_author_message* vigil_verdict_message(const vigil_verdict* v, size_t i) {
  if (!v || i >= AsVerdict(v)->messages.size()) return nullptr;
  return &AsVerdict(v)->messages[i];
}

const char* vigil_verdict_censored_title(const vigil_verdict* v, size_t* size) {
  if (size) *size = 0;
  if (!v || !AsVerdict(v)->censored) return nullptr;
  if (size) *size = AsVerdict(v)->censored_title.size();
  return AsVerdict(v)->censored_title.c_str();
}

const char* vigil_verdict_censored_body(const vigil_verdict* v, size_t* size) {
  if (size) *size = 0;
  if (!v || !AsVerdict(v)->censored) return nullptr;
  if (size) *size = AsVerdict(v)->censored_body.size();
  return AsVerdict(v)->censored_body.c_str();
}

const char* vigil_verdict_json(const vigil_verdict* v, size_t* size) {
  if (size) *size = 0;
  if (!v) return nullptr;
  try {
    const std::string& json = AsVerdict(v)->Json();
    if (size) *size = json.size();
    return json.c_str();
  } catch (...) {
    return nullptr;
  }
}

}  // extern "C"
