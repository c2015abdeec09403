// bench_classify.cc — how fast Vigil classifies forum posts, through the
// public C API only (what a forum links), one call per post.
//
// Scenarios (benchmark names):
//   BM_Classify/mixed      the realistic corpus (corpus.h), single thread
//   BM_Classify/ascii      English-only, pure ASCII posts
//   BM_Classify/long4k     ~4 KB posts, the realistic language mix
//   BM_ClassifyBySize/N    posts of about N bytes: per-call cost vs. bytes
//   BM_ClassifyThreads/mixed/threads:N
//                          the mixed corpus shared by N threads, one scanner
//                          each, posts handed out 64 at a time from a shared
//                          counter (as classify_many does); wall-clock rate of
//                          all threads together
//   BM_ClassifyVariant/V   the mixed corpus on variants of the ruleset, each
//                          generated at run time from it (issues 3 and 4):
//       default          the ruleset as given (words on the skeleton view)
//       evasion_off      every words/phrases rule with `evasion: off` (the
//                        folded view); a copy of the YAML in a temp folder
//       detectors_only   only the rules with `detect:` (overrides disable
//                        the rest; the YAML includes the ruleset)
//       words_only       only the words/phrases rules (the same way)
//   BM_Latency/C           per-post latency on corpus C (mixed, long4k): every
//                          call timed alone (steady_clock, ~25 ns overhead);
//                          p50/p99/p99.9 in µs over all posts, and p50/p99
//                          over posts within ±10% of the median size ("mid_")
//   BM_Allocations/mixed   heap allocations inside vigil_scanner_classify
//                          after a warm-up pass (vigil.h promises none),
//                          counted by this program's own malloc: allocs/post,
//                          bytes/post and alloc_posts (posts that allocated
//                          at all) over one pass; then, on stderr, the rules
//                          in the verdicts of the posts that allocate, and
//                          for each call in libvigil that led to allocations
//                          its offset, the function it called and the library
//                          that called malloc
//   BM_Compile             compiling the ruleset from YAML
//   BM_Deserialize         loading the compiled engine from memory
//   BM_ScannerCreate       creating (and freeing) a scanner
// Throughput is reported as bytes/s (title + body bytes) and items/s (posts).
//
// Before any timing, every corpus is classified by the compiled engine and by
// a serialize/deserialize copy of it: both must succeed on every post and give
// identical verdict JSON, or the classify benchmarks report an error. Each
// ruleset variant must give hits on the mixed corpus before it is timed.
//
//   bench_classify [--posts=N] [--seed=S] [--ruleset=PATH] [benchmark flags]
//
// The ruleset is --ruleset, else $VIGIL_BENCH_RULESET, else
// rules/community-default.yaml when it compiles, else the fixture
// bench/data/bench-rules.yaml. The corpus size is --posts, else
// $VIGIL_BENCH_POSTS, else 20000.
#include <benchmark/benchmark.h>

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "api_post.h"
#include "corpus.h"
#include "vigil/vigil.h"

namespace vigil::bench {
namespace {

// ---------------------------------------------------- allocation counting
//
// glibc lets an executable interpose malloc and friends for every library it
// loads (tests/capi/capi_noalloc_test.c does the same); operator new goes
// through malloc. Only allocations made on a thread whose t_counting is set
// are counted, so other threads and the benchmark library itself are not;
// every other benchmark here pays one thread-local test per allocation.

thread_local bool t_counting = false;
thread_local bool t_in_hook = false;  // backtrace() may allocate
thread_local size_t t_allocations = 0;
thread_local size_t t_allocated_bytes = 0;

// The distinct call stacks of counted allocations, in a table that does not
// allocate. Only the counting thread writes it.
constexpr int kStackFrames = 24;
constexpr size_t kStackSlots = 4096;
struct AllocationStack {
  void* frames[kStackFrames];
  int depth;
  size_t allocations;
  size_t bytes;
};
AllocationStack g_stacks[kStackSlots];
size_t g_stacks_dropped = 0;  // allocations whose stack found no free slot

void RecordStack(size_t bytes) {
  AllocationStack s;
  s.depth = backtrace(s.frames, kStackFrames);
  size_t hash = 0;
  for (int i = 0; i < s.depth; ++i) hash = hash * 31 + reinterpret_cast<uintptr_t>(s.frames[i]);
  for (size_t probe = 0; probe < kStackSlots; ++probe) {
    AllocationStack& slot = g_stacks[(hash + probe) % kStackSlots];
    if (slot.allocations == 0) {
      std::memcpy(slot.frames, s.frames, sizeof s.frames);
      slot.depth = s.depth;
    } else if (slot.depth != s.depth ||
               std::memcmp(slot.frames, s.frames, sizeof(void*) * s.depth) != 0) {
      continue;
    }
    ++slot.allocations;
    slot.bytes += bytes;
    return;
  }
  ++g_stacks_dropped;
}

void CountAllocation(size_t bytes) {
  if (!t_counting || t_in_hook) return;
  t_in_hook = true;
  ++t_allocations;
  t_allocated_bytes += bytes;
  RecordStack(bytes);
  t_in_hook = false;
}

}  // namespace
}  // namespace vigil::bench

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t n, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);

void* malloc(size_t size) noexcept {
  vigil::bench::CountAllocation(size);
  return __libc_malloc(size);
}
void* calloc(size_t n, size_t size) noexcept {
  vigil::bench::CountAllocation(n * size);
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t size) noexcept {
  vigil::bench::CountAllocation(size);
  return __libc_realloc(p, size);
}
void* aligned_alloc(size_t alignment, size_t size) noexcept {
  vigil::bench::CountAllocation(size);
  return __libc_memalign(alignment, size);
}
void* memalign(size_t alignment, size_t size) noexcept {
  vigil::bench::CountAllocation(size);
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) noexcept {
  vigil::bench::CountAllocation(size);
  void* p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
}  // extern "C"

namespace vigil::bench {
namespace {

BenchFlags g_config;

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
    vigil_post v;
    ToApiPost(p, &c.roles.emplace_back(), &v);
    c.views.push_back(v);
    c.text_bytes += TextBytes(p);
  }
  c.error = Verify(c, SharedEngine(), name);
  return c;
}

// One iteration classifies the whole corpus, so every post counts once per
// iteration whatever the benchmark library's iteration count.
void ClassifyCorpus(benchmark::State& state, const Corpus& corpus,
                    const vigil_engine* engine = nullptr) {
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  if (engine == nullptr) engine = SharedEngine();
  vigil_scanner* raw = nullptr;
  if (vigil_scanner_create(engine, &raw) != VIGIL_OK) {
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
// N threads classify one pass over the corpus together. The threads are
// started inside the timed region (about 0.1 ms against seconds of work), so
// the rate is simply one pass's posts over wall-clock time, whatever Google
// Benchmark's conventions for ->Threads() rates are.
void BM_ClassifyThreads(benchmark::State& state) {
  const Corpus& corpus = GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0);
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  const size_t threads = static_cast<size_t>(state.range(0));
  std::vector<ScannerPtr> scanners;
  for (size_t t = 0; t < threads; ++t) {
    vigil_scanner* raw = nullptr;
    if (vigil_scanner_create(SharedEngine(), &raw) != VIGIL_OK) {
      state.SkipWithError("vigil_scanner_create failed");
      return;
    }
    scanners.emplace_back(raw);
  }
  constexpr size_t kChunk = 64;
  const size_t n = corpus.views.size();
  std::atomic<size_t> failures{0};
  // Context switches of the workers: voluntary ones mean a thread waited (a
  // lock, I/O), involuntary ones that another process took its CPU.
  std::atomic<long> voluntary{0}, involuntary{0};
  for (auto _ : state) {
    std::atomic<size_t> next{0};
    auto work = [&](vigil_scanner* scanner) {
      struct rusage before {}, after {};
      getrusage(RUSAGE_THREAD, &before);
      for (;;) {
        const size_t begin = next.fetch_add(kChunk, std::memory_order_relaxed);
        if (begin >= n) break;
        const size_t end = std::min(n, begin + kChunk);
        for (size_t i = begin; i < end; ++i) {
          const vigil_verdict* verdict = nullptr;
          if (vigil_scanner_classify(scanner, &corpus.views[i], &verdict) != VIGIL_OK)
            failures.fetch_add(1, std::memory_order_relaxed);
          benchmark::DoNotOptimize(verdict);
        }
      }
      getrusage(RUSAGE_THREAD, &after);
      voluntary += after.ru_nvcsw - before.ru_nvcsw;
      involuntary += after.ru_nivcsw - before.ru_nivcsw;
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, scanners[t].get());
    work(scanners[0].get());
    for (std::thread& th : pool) th.join();
  }
  if (failures.load() != 0) state.SkipWithError("a post failed to classify");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["posts"] = static_cast<double>(n);
  state.counters["threads"] = static_cast<double>(threads);
  const double iterations = static_cast<double>(state.iterations());
  state.counters["vol_cs"] = static_cast<double>(voluntary.load()) / iterations;
  state.counters["invol_cs"] = static_cast<double>(involuntary.load()) / iterations;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

void MeasureLatency(benchmark::State& state, const Corpus& corpus) {
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
  const size_t n = corpus.views.size();
  std::vector<double> micros(n);
  // Warm-up pass: the scanner's buffers grow to the corpus's largest post.
  for (const vigil_post& post : corpus.views) {
    const vigil_verdict* verdict = nullptr;
    vigil_scanner_classify(scanner.get(), &post, &verdict);
  }
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      const vigil_verdict* verdict = nullptr;
      const auto t0 = std::chrono::steady_clock::now();
      vigil_scanner_classify(scanner.get(), &corpus.views[i], &verdict);
      const auto t1 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(verdict);
      micros[i] = std::chrono::duration<double, std::micro>(t1 - t0).count();
    }
  }
  std::vector<size_t> sizes(n);
  for (size_t i = 0; i < n; ++i) sizes[i] = TextBytes(corpus.posts[i]);
  std::vector<size_t> sorted = sizes;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n / 2), sorted.end());
  const double median = static_cast<double>(sorted[n / 2]);
  std::vector<double> mid;
  for (size_t i = 0; i < n; ++i) {
    const double b = static_cast<double>(sizes[i]);
    if (b >= 0.9 * median && b <= 1.1 * median) mid.push_back(micros[i]);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  state.counters["p999_us"] = Percentile(micros, 0.999);
  state.counters["mid_bytes"] = median;
  state.counters["mid_posts"] = static_cast<double>(mid.size());
  state.counters["mid_p50_us"] = Percentile(mid, 0.50);
  state.counters["mid_p99_us"] = Percentile(mid, 0.99);
}

void BM_LatencyMixed(benchmark::State& state) {
  MeasureLatency(state, GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0));
}
void BM_LatencyLong(benchmark::State& state) {
  size_t posts = std::max<size_t>(200, g_config.posts / 10);
  MeasureLatency(state, GetCorpus("long4k", CorpusKind::kMixed, posts, 4096));
}

// ------------------------------------------------------- allocations

// Where an allocation comes from: the first frame in libvigil, the function
// it called there (as the callee's dynamic symbol table names it), and the
// library whose code called malloc, the first outside the C and C++
// runtimes and this program.
struct AllocationSite {
  std::string vigil_frame;  // "libvigil.so.0+0x690c4": see vigil_path
  std::string callee;
  std::string allocator;
  bool operator<(const AllocationSite& o) const {
    return std::tie(vigil_frame, callee, allocator) <
           std::tie(o.vigil_frame, o.callee, o.allocator);
  }
};

std::string Basename(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash ? slash + 1 : path;
}

// The demangled name of the function, without its parameters.
std::string FunctionName(const char* symbol) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
  std::string name = status == 0 ? demangled : symbol;
  std::free(demangled);
  return name.substr(0, name.find('('));
}

AllocationSite SiteOf(const AllocationStack& stack, std::string* vigil_path) {
  AllocationSite site;
  std::string previous;  // the frame above the current one, described
  for (int i = 0; i < stack.depth; ++i) {
    Dl_info info{};
    // A return address points after its call: step back into the call.
    void* frame = static_cast<char*>(stack.frames[i]) - 1;
    if (!dladdr(frame, &info) || !info.dli_fname) continue;
    const std::string object = Basename(info.dli_fname);
    if (object.rfind("libvigil", 0) == 0) {
      char offset[32];
      const size_t offset_in_library =
          static_cast<size_t>(static_cast<char*>(frame) - static_cast<char*>(info.dli_fbase));
      std::snprintf(offset, sizeof offset, "+0x%zx", offset_in_library);
      site.vigil_frame = object + offset;
      site.callee = previous;
      *vigil_path = info.dli_fname;
      break;
    }
    const bool runtime = object.rfind("libc.so", 0) == 0 || object.rfind("libstdc++", 0) == 0 ||
                         object.rfind("libgcc", 0) == 0 || object.rfind("bench_classify", 0) == 0;
    if (site.allocator.empty() && !runtime) site.allocator = object;
    previous = info.dli_sname ? FunctionName(info.dli_sname) + " [" + object + "]" : object;
  }
  if (site.allocator.empty()) site.allocator = "libvigil itself";
  return site;
}

void PrintAllocationReport(const std::vector<size_t>& per_post,
                           const std::vector<std::vector<std::string>>& rules_hit) {
  size_t total = 0, posts = 0;
  // A post counts under each rule of its verdict.
  std::map<std::string, std::pair<size_t, size_t>> by_rule;  // posts, allocations
  for (size_t i = 0; i < per_post.size(); ++i) {
    if (per_post[i] == 0) continue;
    total += per_post[i];
    ++posts;
    if (rules_hit[i].empty()) {
      auto& [p, a] = by_rule["(no hit)"];
      ++p;
      a += per_post[i];
    }
    for (const std::string& rule : rules_hit[i]) {
      auto& [p, a] = by_rule[rule];
      ++p;
      a += per_post[i];
    }
  }
  std::fprintf(stderr,
               "allocations in vigil_scanner_classify after warm-up: %zu; %zu of %zu posts "
               "allocate\n",
               total, posts, per_post.size());
  if (total == 0) return;
  std::vector<std::pair<std::string, std::pair<size_t, size_t>>> rules(by_rule.begin(),
                                                                       by_rule.end());
  std::sort(rules.begin(), rules.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::fprintf(stderr, "  posts that allocate, by rule in their verdict:\n");
  for (size_t i = 0; i < rules.size() && i < 8; ++i)
    std::fprintf(stderr, "    %6zu posts %8zu allocations  %s\n", rules[i].second.first,
                 rules[i].second.second, rules[i].first.c_str());
  std::map<AllocationSite, std::pair<size_t, size_t>> by_site;  // allocations, bytes
  std::string vigil_path;
  for (const AllocationStack& stack : g_stacks) {
    if (stack.allocations == 0) continue;
    auto& [a, b] = by_site[SiteOf(stack, &vigil_path)];
    a += stack.allocations;
    b += stack.bytes;
  }
  std::vector<std::pair<AllocationSite, std::pair<size_t, size_t>>> sites(by_site.begin(),
                                                                          by_site.end());
  std::sort(sites.begin(), sites.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::fprintf(stderr, "  by call in libvigil (addr2line -f -C -e %s OFFSET):\n",
               vigil_path.c_str());
  for (size_t i = 0; i < sites.size() && i < 12; ++i) {
    const auto& [site, ab] = sites[i];
    const char* frame = site.vigil_frame.empty() ? "(libvigil deeper in the stack)"
                                                 : site.vigil_frame.c_str();
    std::fprintf(stderr, "    %5.1f%% %8zu allocations %10zu bytes  %s -> %s, allocating in %s\n",
                 100.0 * static_cast<double>(ab.first) / static_cast<double>(total), ab.first,
                 ab.second, frame, site.callee.c_str(), site.allocator.c_str());
  }
  if (g_stacks_dropped)
    std::fprintf(stderr, "    (%zu allocations had no room in the stack table)\n",
                 g_stacks_dropped);
}

// One counted pass over the corpus after a warm-up pass, so that every
// buffer the scanner keeps has grown to the largest post.
void BM_Allocations(benchmark::State& state) {
  const Corpus& corpus = GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0);
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
  for (const vigil_post& post : corpus.views) {
    const vigil_verdict* verdict = nullptr;
    vigil_scanner_classify(scanner.get(), &post, &verdict);
  }
  void* frames[1];
  backtrace(frames, 1);  // loads the unwinder now, not inside a counted call
  std::memset(g_stacks, 0, sizeof g_stacks);
  g_stacks_dropped = 0;
  const size_t n = corpus.views.size();
  std::vector<size_t> per_post(n);
  std::vector<std::vector<std::string>> rules_hit(n);
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (size_t i = 0; i < n; ++i) {
      const vigil_verdict* verdict = nullptr;
      t_allocations = t_allocated_bytes = 0;
      t_counting = true;
      vigil_scanner_classify(scanner.get(), &corpus.views[i], &verdict);
      t_counting = false;
      per_post[i] = t_allocations;
      bytes += t_allocated_bytes;
      if (t_allocations == 0) continue;
      // Outside the counted call: what the post is, by the rules it hit.
      std::vector<std::string>& rules = rules_hit[i];
      rules.clear();
      for (size_t h = 0; h < vigil_verdict_hit_count(verdict); ++h)
        rules.push_back(vigil_verdict_hit(verdict, h)->rule_id);
      for (size_t h = 0; h < vigil_verdict_dry_run_count(verdict); ++h)
        rules.push_back(vigil_verdict_dry_run(verdict, h)->rule_id);
    }
  }
  size_t allocations = 0, posts = 0;
  for (size_t a : per_post) {
    allocations += a;
    posts += a > 0;
  }
  state.counters["posts"] = static_cast<double>(n);
  state.counters["allocs/post"] = static_cast<double>(allocations) / static_cast<double>(n);
  state.counters["bytes/post"] = static_cast<double>(bytes) / static_cast<double>(n);
  state.counters["alloc_posts"] = static_cast<double>(posts);
  PrintAllocationReport(per_post, rules_hit);
}

// ------------------------------------------------------ ruleset variants
//
// Generated from the ruleset's YAML text, which must be laid out like
// rules/community-default.yaml: a top-level `rules:` key, each rule starting
// with `  - id: <id>` and its keys indented by four spaces.

struct RuleInfo {
  std::string id;
  std::string matcher;  // words, phrases, detect, regex ("" if none seen)
};

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// For each line, the index of the rule it belongs to (-1 outside rules).
std::vector<RuleInfo> ParseRules(const std::vector<std::string>& lines,
                                 std::vector<int>* rule_of_line) {
  std::vector<RuleInfo> rules;
  bool in_rules = false;
  rule_of_line->assign(lines.size(), -1);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_rules = line.rfind("rules:", 0) == 0;
    if (!in_rules) continue;
    if (line.rfind("  - id:", 0) == 0) {
      std::string id = line.substr(7);
      id.erase(0, id.find_first_not_of(' '));
      id.erase(id.find_last_not_of(" \r") + 1);
      rules.push_back({id, ""});
    }
    if (rules.empty()) continue;
    (*rule_of_line)[i] = static_cast<int>(rules.size() - 1);
    for (const char* key : {"words", "phrases", "detect", "regex"}) {
      std::string prefix = std::string("    ") + key + ":";
      if (line.rfind(prefix, 0) == 0 && rules.back().matcher.empty()) rules.back().matcher = key;
    }
  }
  return rules;
}

bool IsWords(const RuleInfo& r) { return r.matcher == "words" || r.matcher == "phrases"; }

// A private folder for generated rulesets, removed at exit. Never destroyed
// itself, so the exit handler can still read it after static destructors.
const std::filesystem::path& TempDir() {
  static const std::filesystem::path* const dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "vigil-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("bench_classify: mkdtemp");
      std::exit(1);
    }
    return new std::filesystem::path(pattern);
  }();
  static const bool registered = [] {
    return std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    }) == 0;
  }();
  (void)registered;
  return *dir;
}

// The ruleset with every words/phrases rule at `evasion: off`. Overrides
// cannot change evasion (docs/RULESET.md), so the YAML is rewritten: a copy
// of the ruleset's folder (its list files) goes to the temp folder and the
// rewritten YAML is written there under the same relative path.
std::string WriteEvasionOff(const std::string& ruleset, std::string* error) {
  const std::filesystem::path source(ruleset);
  const std::filesystem::path copy = TempDir() / "evasion-off";
  std::error_code ec;
  std::filesystem::copy(source.parent_path(), copy, std::filesystem::copy_options::recursive, ec);
  if (ec) {
    *error = "copying " + source.parent_path().string() + ": " + ec.message();
    return "";
  }
  std::vector<std::string> lines = SplitLines(ReadText(ruleset));
  std::vector<int> rule_of_line;
  std::vector<RuleInfo> rules = ParseRules(lines, &rule_of_line);
  std::string out;
  size_t changed = 0;
  std::vector<bool> has_evasion(rules.size(), false);
  for (size_t i = 0; i < lines.size(); ++i)
    if (rule_of_line[i] >= 0 && lines[i].rfind("    evasion:", 0) == 0) has_evasion[rule_of_line[i]] = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    const int r = rule_of_line[i];
    if (r >= 0 && IsWords(rules[r]) && lines[i].rfind("    evasion:", 0) == 0) {
      out += "    evasion: off\n";  // replaces the rule's own level
      continue;
    }
    out += lines[i];
    out += '\n';
    if (r >= 0 && IsWords(rules[r]) && !has_evasion[r] && lines[i].rfind("  - id:", 0) == 0) {
      out += "    evasion: off\n";
      ++changed;
    }
  }
  if (changed == 0) {
    *error = "no words/phrases rule found in " + ruleset;
    return "";
  }
  const std::filesystem::path path = copy / source.filename();
  std::ofstream(path, std::ios::binary) << out;
  return path.string();
}

// A ruleset that includes `ruleset` and disables every rule `keep` rejects.
template <typename Keep>
std::string WriteSubset(const std::string& ruleset, const std::string& name, Keep keep,
                        std::string* error) {
  std::vector<std::string> lines = SplitLines(ReadText(ruleset));
  std::vector<int> rule_of_line;
  std::vector<RuleInfo> rules = ParseRules(lines, &rule_of_line);
  std::string out = "ruleset: " + name + "\nformat: 1\ninclude: [\"" +
                    std::filesystem::absolute(ruleset).string() + "\"]\noverrides:\n";
  size_t kept = 0;
  for (const RuleInfo& r : rules) {
    if (keep(r)) {
      ++kept;
    } else {
      out += "  \"" + r.id + "\": {disabled: true}\n";
    }
  }
  if (kept == 0) {
    *error = "no rule of " + name + " in " + ruleset;
    return "";
  }
  const std::filesystem::path path = TempDir() / (name + ".yaml");
  std::ofstream(path, std::ios::binary) << out;
  return path.string();
}

struct Variant {
  std::string path;
  EnginePtr engine;
  std::string error;
};

// Classifies the mixed corpus once; fails when the variant never fires.
std::string CheckVariant(const std::string& name, const vigil_engine* engine) {
  const Corpus& corpus = GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0);
  if (!corpus.error.empty()) return corpus.error;
  vigil_scanner* raw = nullptr;
  if (vigil_scanner_create(engine, &raw) != VIGIL_OK) return "vigil_scanner_create failed";
  ScannerPtr scanner(raw);
  size_t posts_hit = 0, hits = 0, not_allowed = 0;
  for (size_t i = 0; i < corpus.views.size(); ++i) {
    const vigil_verdict* v = nullptr;
    if (vigil_scanner_classify(scanner.get(), &corpus.views[i], &v) != VIGIL_OK)
      return "post " + corpus.posts[i].id + ": " + vigil_scanner_last_error(scanner.get());
    const size_t n = vigil_verdict_hit_count(v) + vigil_verdict_dry_run_count(v);
    hits += n;
    posts_hit += n > 0;
    not_allowed += vigil_verdict_action(v) != VIGIL_ACTION_ALLOW;
  }
  // The mixed corpus writes its profanity plainly, so evasion on and off
  // agree there; this post shows the variant's evasion setting took effect.
  static constexpr char kProbe[] = "what the f.u.c.k, this sh1t is ｆｕｃｋｉｎｇ broken";
  vigil_post probe = VIGIL_POST_INIT;
  probe.body = vigil_str{kProbe, sizeof kProbe - 1};
  const vigil_verdict* pv = nullptr;
  size_t probe_matches = 0;
  if (vigil_scanner_classify(scanner.get(), &probe, &pv) == VIGIL_OK) {
    for (size_t h = 0; h < vigil_verdict_hit_count(pv); ++h)
      probe_matches += vigil_verdict_hit(pv, h)->match_count;
  }
  std::fprintf(stderr,
               "variant %s: %zu rules; on the mixed corpus %zu posts with hits (%zu hits), "
               "%zu not allowed; evasion probe: %zu matches\n",
               name.c_str(), vigil_engine_rule_count(engine), posts_hit, hits, not_allowed,
               probe_matches);
  if (hits == 0) return "variant " + name + " gives no hits on the mixed corpus";
  return "";
}

const Variant& GetVariant(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Variant>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[name];
  if (slot) return *slot;
  slot = std::make_unique<Variant>();
  Variant& v = *slot;
  const std::string& base = g_config.ruleset;
  if (name == "default") {
    v.path = base;
  } else if (name == "evasion_off") {
    v.path = WriteEvasionOff(base, &v.error);
  } else if (name == "detectors_only") {
    v.path = WriteSubset(base, "detectors-only",
                         [](const RuleInfo& r) { return r.matcher == "detect"; }, &v.error);
  } else if (name == "words_only") {
    v.path = WriteSubset(base, "words-only", IsWords, &v.error);
  } else {
    v.error = "unknown variant " + name;
  }
  if (!v.error.empty()) return v;
  v.engine = Compile(v.path);
  if (!v.engine) {
    v.error = "variant " + name + ": " + v.path + " does not compile";
    return v;
  }
  v.error = CheckVariant(name, v.engine.get());
  return v;
}

void BM_ClassifyVariant(benchmark::State& state, const std::string& name) {
  const Variant& v = GetVariant(name);
  if (!v.error.empty()) {
    state.SkipWithError(v.error.c_str());
    return;
  }
  ClassifyCorpus(state, GetCorpus("mixed", CorpusKind::kMixed, g_config.posts, 0), v.engine.get());
  state.counters["rules"] = static_cast<double>(vigil_engine_rule_count(v.engine.get()));
}

void BM_CompileVariant(benchmark::State& state, const std::string& name) {
  const Variant& v = GetVariant(name);
  if (!v.error.empty()) {
    state.SkipWithError(v.error.c_str());
    return;
  }
  for (auto _ : state) {
    EnginePtr engine = Compile(v.path);
    benchmark::DoNotOptimize(engine.get());
  }
  void* buffer = nullptr;
  size_t size = 0;
  if (vigil_engine_serialize(v.engine.get(), &buffer, &size) == VIGIL_OK) vigil_buffer_free(buffer);
  state.counters["engine_bytes"] = static_cast<double>(size);
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

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) {
  using namespace vigil::bench;
  ParseBenchFlags(&argc, argv, &g_config);
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
      ->ArgName("threads")
      ->RangeMultiplier(2)
      ->Range(1, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())))
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Latency/mixed", BM_LatencyMixed)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Latency/long4k", BM_LatencyLong)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  for (const char* variant : {"default", "evasion_off", "detectors_only", "words_only"}) {
    const std::string name = variant;
    benchmark::RegisterBenchmark(("BM_ClassifyVariant/" + name).c_str(),
                                 [name](benchmark::State& s) { BM_ClassifyVariant(s, name); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_Allocations/mixed", BM_Allocations)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Compile", BM_Compile)->Unit(benchmark::kMillisecond);
  for (const char* variant : {"evasion_off", "detectors_only", "words_only"}) {
    const std::string name = variant;
    benchmark::RegisterBenchmark(("BM_CompileVariant/" + name).c_str(),
                                 [name](benchmark::State& s) { BM_CompileVariant(s, name); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_Deserialize", BM_Deserialize)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_ScannerCreate", BM_ScannerCreate)->Unit(benchmark::kMicrosecond);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
