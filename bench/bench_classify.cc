// bench_classify.cc — how fast Vigil classifies forum posts, through the
// public C API only (what a forum links), one call per post.
//
// Scenarios (benchmark names):
//   BM_Classify/mixed      the realistic corpus (corpus.h), single thread
//   BM_Classify/ascii      English-only, pure ASCII posts
//   BM_Classify/long4k     ~4 KB posts, the realistic language mix
//   BM_ClassifyBySize/N    posts of about N bytes: per-call cost vs. bytes
//   BM_ClassifyThreads     the mixed corpus, one scanner per thread
//   BM_Compile             compiling the ruleset from YAML
//   BM_Deserialize         loading the compiled engine from memory
//   BM_ScannerCreate       creating (and freeing) a scanner
// Throughput is reported as bytes/s (title + body bytes) and items/s (posts).
//
// Before any timing, every corpus is classified by the compiled engine and by
// a serialize/deserialize copy of it: both must succeed on every post and give
// identical verdict JSON, or the classify benchmarks report an error.
//
//   bench_classify [--posts=N] [--seed=S] [--ruleset=PATH] [benchmark flags]
//
// The ruleset is --ruleset, else $VIGIL_BENCH_RULESET, else
// rules/community-default.yaml when it compiles, else the fixture
// bench/data/bench-rules.yaml. The corpus size is --posts, else
// $VIGIL_BENCH_POSTS, else 20000.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "corpus.h"
#include "vigil/vigil.h"

namespace vigil::bench {
namespace {

struct Config {
  size_t posts = 20000;
  uint64_t seed = 20261126;
  std::string ruleset;
};
Config g_config;

struct EngineDeleter {
  void operator()(vigil_engine* e) const { vigil_engine_free(e); }
};
struct ScannerDeleter {
  void operator()(vigil_scanner* s) const { vigil_scanner_free(s); }
};
using EnginePtr = std::unique_ptr<vigil_engine, EngineDeleter>;
using ScannerPtr = std::unique_ptr<vigil_scanner, ScannerDeleter>;

// Compiles `path`; prints every diagnostic on failure.
EnginePtr Compile(const std::string& path, bool quiet = false) {
  vigil_engine* engine = nullptr;
  vigil_diagnostics* diags = nullptr;
  int status = vigil_engine_compile_file(path.c_str(), nullptr, &engine, &diags);
  if (status != VIGIL_OK && !quiet) {
    std::fprintf(stderr, "bench_classify: %s: %s\n", path.c_str(), vigil_status_name(status));
    for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
      std::fprintf(stderr, "  %s\n", vigil_diagnostics_format(diags, i));
  }
  vigil_diagnostics_free(diags);
  return EnginePtr(status == VIGIL_OK ? engine : nullptr);
}

// The ruleset the benchmarks use (see the file comment).
std::string ChooseRuleset() {
  if (!g_config.ruleset.empty()) return g_config.ruleset;
  if (const char* env = std::getenv("VIGIL_BENCH_RULESET"); env && *env) return env;
  std::string shipped = VIGIL_SOURCE_DIR "/rules/community-default.yaml";
  if (std::filesystem::exists(shipped)) {
    if (Compile(shipped, /*quiet=*/true)) return shipped;
    std::fprintf(stderr,
                 "bench_classify: %s does not compile yet; using the fixture ruleset\n",
                 shipped.c_str());
  }
  return VIGIL_SOURCE_DIR "/bench/data/bench-rules.yaml";
}

const vigil_engine* SharedEngine() {
  static EnginePtr engine = [] {
    EnginePtr e = Compile(g_config.ruleset);
    if (!e) std::exit(1);
    return e;
  }();
  return engine.get();
}

// A corpus held as vigil_post structs pointing into its own strings.
struct Corpus {
  std::vector<Post> posts;
  std::vector<vigil_post> views;
  std::vector<std::vector<vigil_str>> roles;
  size_t text_bytes = 0;
  std::string error;  // set when the engines disagree or a post fails
};

vigil_str Str(const std::string& s) { return vigil_str{s.data(), s.size()}; }
vigil_str OptionalStr(const std::string& s) { return s.empty() ? vigil_str{nullptr, 0} : Str(s); }

// Classifies every post with both engines; both must agree exactly.
std::string Verify(const Corpus& corpus, const vigil_engine* engine, const std::string& name) {
  void* buffer = nullptr;
  size_t size = 0;
  if (vigil_engine_serialize(engine, &buffer, &size) != VIGIL_OK) return "serialize failed";
  vigil_engine* copy_raw = nullptr;
  int status = vigil_engine_deserialize(buffer, size, &copy_raw, nullptr);
  vigil_buffer_free(buffer);
  if (status != VIGIL_OK) return std::string("deserialize: ") + vigil_status_name(status);
  EnginePtr copy(copy_raw);
  vigil_scanner* a_raw = nullptr;
  vigil_scanner* b_raw = nullptr;
  vigil_scanner_create(engine, &a_raw);
  vigil_scanner_create(copy.get(), &b_raw);
  ScannerPtr a(a_raw), b(b_raw);
  std::map<int, size_t> actions;
  for (size_t i = 0; i < corpus.views.size(); ++i) {
    const vigil_verdict* va = nullptr;
    const vigil_verdict* vb = nullptr;
    if (vigil_scanner_classify(a.get(), &corpus.views[i], &va) != VIGIL_OK)
      return "post " + corpus.posts[i].id + ": " + vigil_scanner_last_error(a.get());
    std::string ja = vigil_verdict_json(va, nullptr);
    ++actions[vigil_verdict_action(va)];
    if (vigil_scanner_classify(b.get(), &corpus.views[i], &vb) != VIGIL_OK)
      return "post " + corpus.posts[i].id + " (deserialized engine): " +
             vigil_scanner_last_error(b.get());
    if (ja != vigil_verdict_json(vb, nullptr))
      return "post " + corpus.posts[i].id + ": the deserialized engine disagrees";
  }
  // What the corpus made the ruleset do, printed once in the context block.
  CorpusStats stats = ComputeStats(corpus.posts);
  std::string summary;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%zu posts, %.1f MB, median %zu B, %.0f%% ASCII; actions:",
                stats.posts, static_cast<double>(stats.text_bytes) / 1e6, stats.median_bytes,
                100.0 * static_cast<double>(stats.ascii_posts) /
                    static_cast<double>(stats.posts ? stats.posts : 1));
  summary = buf;
  for (const auto& [action, count] : actions) {
    std::snprintf(buf, sizeof buf, " %s %.2f%%", vigil_action_name(static_cast<vigil_action>(action)),
                  100.0 * static_cast<double>(count) / static_cast<double>(corpus.views.size()));
    summary += buf;
  }
  std::fprintf(stderr, "corpus %s: %s\n", name.c_str(), summary.c_str());
  return "";
}

// Corpora are generated on first use, so a --benchmark_filter only pays for
// the ones it runs.
const Corpus& GetCorpus(const std::string& name, CorpusKind kind, size_t posts,
                        size_t body_bytes) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Corpus>> cache;
  std::lock_guard<std::mutex> lock(mutex);  // threaded benchmarks share it
  auto& slot = cache[name];
  if (slot) return *slot;
  slot = std::make_unique<Corpus>();
  Corpus& c = *slot;
  CorpusOptions options;
  options.posts = posts;
  options.seed = g_config.seed;
  options.kind = kind;
  options.body_bytes = body_bytes;
  c.posts = GenerateCorpus(options);
  c.views.reserve(c.posts.size());
  c.roles.reserve(c.posts.size());
  for (const Post& p : c.posts) {
    vigil_post v = VIGIL_POST_INIT;
    v.id = Str(p.id);
    v.title = OptionalStr(p.title);
    v.body = Str(p.body);
    v.author_id = Str(p.author_id);
    v.author_name = Str(p.author_name);
    v.author_trust_level = p.author_trust_level;
    v.author_account_age_days = p.author_account_age_days;
    v.author_post_count = p.author_post_count;
    std::vector<vigil_str>& roles = c.roles.emplace_back();
    for (const std::string& r : p.author_roles) roles.push_back(Str(r));
    v.author_roles = roles.empty() ? nullptr : roles.data();
    v.author_role_count = roles.size();
    v.channel = OptionalStr(p.channel);
    v.lang = OptionalStr(p.lang);
    c.views.push_back(v);
    c.text_bytes += TextBytes(p);
  }
  c.error = Verify(c, SharedEngine(), name);
  return c;
}

// One iteration classifies the whole corpus, so every post counts once per
// iteration whatever the benchmark library's iteration count.
void ClassifyCorpus(benchmark::State& state, const Corpus& corpus) {
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  vigil_scanner* raw = nullptr;
  if (vigil_scanner_create(SharedEngine(), &raw) != VIGIL_OK) {
    state.SkipWithError("vigil_scanner_create failed");
    return;
  }
  ScannerPtr scanner(raw);
  size_t flagged = 0;
  for (auto _ : state) {
    for (const vigil_post& post : corpus.views) {
      const vigil_verdict* verdict = nullptr;
      int status = vigil_scanner_classify(scanner.get(), &post, &verdict);
      benchmark::DoNotOptimize(verdict);
      flagged += status == VIGIL_OK && vigil_verdict_action(verdict) != VIGIL_ACTION_ALLOW;
    }
  }
  benchmark::DoNotOptimize(flagged);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.views.size()));
  state.counters["posts"] = static_cast<double>(corpus.views.size());
  // Seconds per post (printed as e.g. "2.5u" for 2.5 µs).
  state.counters["time/post"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.views.size()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ClassifyMixed(benchmark::State& state) {
  ClassifyCorpus(state, GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0));
}
void BM_ClassifyAscii(benchmark::State& state) {
  ClassifyCorpus(state, GetCorpus("ascii", CorpusKind::kAscii, g_config.posts, 0));
}
void BM_ClassifyLong(benchmark::State& state) {
  // About as many bytes as the mixed corpus, in ~4 KB posts.
  size_t posts = std::max<size_t>(200, g_config.posts / 10);
  ClassifyCorpus(state, GetCorpus("long4k", CorpusKind::kMixed, posts, 4096));
}
void BM_ClassifyBySize(benchmark::State& state) {
  size_t bytes = static_cast<size_t>(state.range(0));
  // About 4 MB of text per size, at least 200 posts.
  size_t posts = std::max<size_t>(200, (4u << 20) / bytes);
  ClassifyCorpus(state, GetCorpus("size" + std::to_string(bytes), CorpusKind::kMixed, posts, bytes));
}
void BM_ClassifyThreads(benchmark::State& state) {
  // Every thread classifies the whole corpus with its own scanner.
  ClassifyCorpus(state, GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0));
}

void BM_Compile(benchmark::State& state) {
  for (auto _ : state) {
    EnginePtr engine = Compile(g_config.ruleset);
    if (!engine) {
      state.SkipWithError("compile failed");
      return;
    }
    benchmark::DoNotOptimize(engine.get());
  }
  state.counters["rules"] = static_cast<double>(vigil_engine_rule_count(SharedEngine()));
}

void BM_Deserialize(benchmark::State& state) {
  void* buffer = nullptr;
  size_t size = 0;
  if (vigil_engine_serialize(SharedEngine(), &buffer, &size) != VIGIL_OK) {
    state.SkipWithError("serialize failed");
    return;
  }
  for (auto _ : state) {
    vigil_engine* engine = nullptr;
    if (vigil_engine_deserialize(buffer, size, &engine, nullptr) != VIGIL_OK) {
      state.SkipWithError("deserialize failed");
      break;
    }
    vigil_engine_free(engine);
  }
  vigil_buffer_free(buffer);
  state.counters["engine_bytes"] = static_cast<double>(size);
}

void BM_ScannerCreate(benchmark::State& state) {
  const vigil_engine* engine = SharedEngine();
  for (auto _ : state) {
    vigil_scanner* scanner = nullptr;
    vigil_scanner_create(engine, &scanner);
    benchmark::DoNotOptimize(scanner);
    vigil_scanner_free(scanner);
  }
}

// Takes our own flags out of argv before the benchmark library sees it.
void ParseFlags(int* argc, char** argv) {
  if (const char* env = std::getenv("VIGIL_BENCH_POSTS"); env && *env)
    g_config.posts = std::strtoull(env, nullptr, 10);
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--posts=", 0) == 0) {
      g_config.posts = std::strtoull(arg.c_str() + 8, nullptr, 10);
    } else if (arg.rfind("--seed=", 0) == 0) {
      g_config.seed = std::strtoull(arg.c_str() + 7, nullptr, 10);
    } else if (arg.rfind("--ruleset=", 0) == 0) {
      g_config.ruleset = arg.substr(10);
    } else {
      argv[out++] = argv[i];
    }
  }
  *argc = out;
  if (g_config.posts == 0) g_config.posts = 1;
}

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) {
  using namespace vigil::bench;
  ParseFlags(&argc, argv);
  g_config.ruleset = ChooseRuleset();
  if (vigil_version_number() != VIGIL_VERSION_NUMBER) {
    std::fprintf(stderr, "bench_classify: built for %d, loaded %s\n", VIGIL_VERSION_NUMBER,
                 vigil_version_string());
    return 1;
  }
  benchmark::AddCustomContext("vigil", vigil_version_string());
  benchmark::AddCustomContext("ruleset", g_config.ruleset);
  benchmark::AddCustomContext("rules", std::to_string(vigil_engine_rule_count(SharedEngine())));
  benchmark::AddCustomContext("corpus", "--posts=" + std::to_string(g_config.posts) +
                                            " --seed=" + std::to_string(g_config.seed));

  benchmark::RegisterBenchmark("BM_Classify/mixed", BM_ClassifyMixed)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Classify/ascii", BM_ClassifyAscii)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Classify/long4k", BM_ClassifyLong)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ClassifyBySize", BM_ClassifyBySize)
      ->RangeMultiplier(4)
      ->Range(64, 16384)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ClassifyThreads/mixed", BM_ClassifyThreads)
      ->ThreadRange(1, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())))
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Compile", BM_Compile)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Deserialize", BM_Deserialize)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_ScannerCreate", BM_ScannerCreate)->Unit(benchmark::kMicrosecond);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
