// bench_baselines.cc — one table: Vigil against the limit and against the
// matchers a forum would otherwise pick (issue 7), on the mixed corpus.
//
// Rows, single thread, over the title and body of every post:
//   memchr                one memchr per field: the memory-bandwidth ceiling
//   Hyperscan (limit)     hs_scan of the engine's own compiled databases (every
//                         view's) over the raw title and body: no
//                         normalization, no decision, a callback that counts
//   Vigil                 vigil_scanner_classify per post through libvigil.so,
//                         one scanner, as an embedder calls it
//   RE2::Set              the same patterns, one RE2::Set per encoding
//   RE2, one per pattern  RE2::PartialMatch of every pattern in turn
//   RE2, one per rule     the same with each rule's patterns as one
//                         alternation (the "one RE2 per rule")
//   std::regex            std::regex_search of every pattern in turn, on the
//                         first posts only (--std-regex-posts)
// Each row gives MB/s (10^6 bytes of title + body per second), posts/s, its
// speed as a fraction of the limit and Vigil's speed as a multiple of its own.
// Times are thread CPU time (CLOCK_THREAD_CPUTIME_ID), the median of 3
// repetitions after a warm-up pass. A row too slow for the whole corpus is
// timed on its first posts and marked extrapolated.
//
// Before anything is timed, every matcher must find the same patterns in each
// post as Hyperscan (Compare, baseline_agreement.h); the program prints the
// first disagreements and exits with 1 if there is one. The patterns are
// translated to keep Hyperscan's meaning (TranslateForRe2, EcmaTranslator,
// pattern_translate.h); what cannot be translated is left out of that row and
// counted. The matchers are in baseline_matchers.h; this file is the program:
// flags, corpus, timing and the table. --threads=1,2 adds the
// limit and Vigil on that many threads (wall clock; one scratch or scanner per
// thread; posts handed out in blocks of 64 from an atomic counter).
//
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_BENCH=ON
//   cmake --build build-bench --target bench_baselines
//   build-bench/bench/bench_baselines --posts=200000 [--seed=S] [--ruleset=PATH]
//       [--threads=1,2] [--std-regex-posts=N]
// The output is Markdown, for docs/PERFORMANCE.md; progress goes to stderr.
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "baseline_agreement.h"
#include "baseline_matchers.h"
#include "compile/engine.h"
#include "api_post.h"
#include "corpus.h"
#include "internal_engine.h"
#include "pattern_translate.h"
#include "ruleset/diagnostics.h"
#include "ruleset/source.h"
#include "vigil/vigil.h"

namespace vigil::bench {
namespace {

constexpr int kRepetitions = 3;
// A row whose pass over the whole corpus would take longer than this is
// timed on the posts that fit (its figures are then extrapolated).
constexpr double kRepSeconds = 10;
constexpr size_t kThreadBlock = 64;

std::atomic<size_t> g_sink{0};  // keeps every timed result alive

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double WallSeconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// ------------------------------------------------------------------ flags

struct Flags {
  BenchFlags bench;
  std::vector<int> threads;  // empty: no multi-thread table
  size_t std_regex_posts = 500;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  flags.bench.ruleset = VIGIL_SOURCE_DIR "/rules/community-default.yaml";
  ParseBenchFlags(&argc, argv, &flags.bench);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--threads=", 0) == 0) {
      for (const char* p = argv[i] + 10; *p;) {
        char* end = nullptr;
        const long n = std::strtol(p, &end, 10);
        if (end == p || n < 1) Die("--threads takes a list such as 1,2");
        flags.threads.push_back(static_cast<int>(n));
        p = *end == ',' ? end + 1 : end;
      }
    } else if (arg.rfind("--std-regex-posts=", 0) == 0) {
      flags.std_regex_posts = std::strtoull(argv[i] + 18, nullptr, 10);
    } else {
      Die("unknown flag " + std::string(arg) +
          " (flags: --posts=N --seed=S --ruleset=PATH --threads=1,2 --std-regex-posts=N)");
    }
  }
  return flags;
}

// ----------------------------------------------------------------- corpus

// The generated posts, each also as every row reads it (BenchPost).
struct Corpus {
  std::vector<Post> posts;
  std::vector<std::vector<vigil_str>> roles;
  std::vector<BenchPost> bench;
  std::vector<size_t> prefix_bytes;  // [n]: title + body bytes of the first n posts
  size_t median_bytes = 0;
};


Corpus BuildCorpus(const BenchFlags& flags) {
  Corpus c;
  CorpusOptions options;
  options.posts = flags.posts;
  options.seed = flags.seed;
  options.kind = CorpusKind::kMixed;
  c.posts = GenerateCorpus(options);
  c.median_bytes = ComputeStats(c.posts).median_bytes;
  c.roles.reserve(c.posts.size());
  c.prefix_bytes.push_back(0);
  for (const Post& p : c.posts) {
    BenchPost& b = c.bench.emplace_back();
    if (!p.title.empty()) b.fields[b.field_count++] = p.title;
    b.fields[b.field_count++] = p.body;
    vigil_post& v = b.api;
    ToApiPost(p, &c.roles.emplace_back(), &v);
    c.prefix_bytes.push_back(c.prefix_bytes.back() + TextBytes(p));
  }
  return c;
}

// ----------------------------------------------------------------- timing

struct RowTiming {
  size_t posts = 0;    // timed: the first `posts` of the corpus
  double seconds = 0;  // median over the repetitions
};

// A warm-up pass that also finds how many posts fit in kRepSeconds (at most
// `limit`), then kRepetitions timed passes over them, thread CPU time.
template <typename Fn>
RowTiming TimeRow(const Corpus& c, size_t limit, Fn&& run) {
  limit = std::min(limit, c.bench.size());
  size_t sink = 0;
  size_t n = 0;
  const double start = WallSeconds();
  while (n < limit && !(n % 64 == 0 && n > 0 && WallSeconds() - start > kRepSeconds)) {
    sink += run(c.bench[n++]);
  }
  std::array<double, kRepetitions> seconds;
  for (double& s : seconds) {
    const double t0 = ThreadCpuSeconds();
    for (size_t i = 0; i < n; ++i) sink += run(c.bench[i]);
    s = ThreadCpuSeconds() - t0;
  }
  g_sink += sink;
  std::sort(seconds.begin(), seconds.end());
  return {n, seconds[kRepetitions / 2]};
}

// One worker (holding its own scratch or scanner, built from `arg`) per
// thread; posts handed out in blocks from an atomic counter. Wall seconds.
template <typename Worker, typename Arg>
double ParallelSeconds(const Corpus& c, int threads, const Arg& arg) {
  std::atomic<size_t> next{0};
  std::latch ready(threads + 1);
  std::latch go(1);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      Worker worker(arg);
      ready.count_down();
      go.wait();
      size_t sink = 0;
      for (size_t begin; (begin = next.fetch_add(kThreadBlock)) < c.bench.size();) {
        const size_t end = std::min(begin + kThreadBlock, c.bench.size());
        for (size_t i = begin; i < end; ++i) sink += worker.Run(c.bench[i]);
      }
      g_sink += sink;
    });
  }
  ready.arrive_and_wait();
  const double start = WallSeconds();
  go.count_down();
  for (std::thread& t : pool) t.join();
  return WallSeconds() - start;
}

template <typename Worker, typename Arg>
double MedianParallelSeconds(const Corpus& c, int threads, const Arg& arg) {
  ParallelSeconds<Worker>(c, threads, arg);  // warm-up
  std::array<double, kRepetitions> seconds;
  for (double& s : seconds) s = ParallelSeconds<Worker>(c, threads, arg);
  std::sort(seconds.begin(), seconds.end());
  return seconds[kRepetitions / 2];
}

// ------------------------------------------------------------------ table

// Three significant digits or so: 11929, 274, 49.9, 2.15, 0.18, 0.0042.
std::string Fixed(double v) {
  const char* format = "%.2g";
  if (v >= 100) {
    format = "%.0f";
  } else if (v >= 10) {
    format = "%.1f";
  } else if (v >= 0.1) {
    format = "%.2f";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string Rate(double per_second) {
  char buf[32];
  if (per_second >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2fM", per_second / 1e6);
  } else if (per_second >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1fk", per_second / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", per_second);
  }
  return buf;
}

struct Row {
  std::string name;
  RowTiming timing;
  std::string note;
  bool failed = false;
};

double MegabytesPerSecond(const Corpus& c, const RowTiming& t) {
  return static_cast<double>(c.prefix_bytes[t.posts]) / 1e6 / t.seconds;
}

void PrintTable(const std::vector<Row>& rows, const Corpus& c, double limit, double vigil) {
  std::printf("| engine | MB/s | posts/s | × limit | Vigil is N× this | notes |\n");
  std::printf("|---|---:|---:|---:|---:|---|\n");
  for (const Row& r : rows) {
    if (r.failed) {
      std::printf("| %s | — | — | — | — | %s |\n", r.name.c_str(), r.note.c_str());
      continue;
    }
    const double mbs = MegabytesPerSecond(c, r.timing);
    std::string note = r.note;
    if (r.timing.posts < c.bench.size()) {
      note += (note.empty() ? "" : "; ") + std::string("**extrapolated** from the first ") +
              std::to_string(r.timing.posts) + " posts";
    }
    std::printf("| %s | %s | %s | %s | %s | %s |\n", r.name.c_str(), Fixed(mbs).c_str(),
                Rate(static_cast<double>(r.timing.posts) / r.timing.seconds).c_str(),
                Fixed(mbs / limit).c_str(), Fixed(vigil / mbs).c_str(), note.c_str());
  }
}

// ------------------------------------------------------------------- main

struct ApiEngineDeleter {
  void operator()(vigil_engine* e) const { vigil_engine_free(e); }
};

std::unique_ptr<vigil_engine, ApiEngineDeleter> CompileApiEngine(const std::string& path) {
  vigil_engine* engine = nullptr;
  vigil_diagnostics* diags = nullptr;
  const int status = vigil_engine_compile_file(path.c_str(), nullptr, &engine, &diags);
  if (status != VIGIL_OK) {
    for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
      std::fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
  }
  vigil_diagnostics_free(diags);
  if (status != VIGIL_OK) Die(path + ": " + vigil_status_name(status));
  return std::unique_ptr<vigil_engine, ApiEngineDeleter>(engine);
}

void Progress(const char* what) {
  std::fprintf(stderr, "bench_baselines: %s\n", what);
  std::fflush(stderr);
}

std::string ExclusionNote(const Exclusions& e) {
  return e.count == 0 ? "" : std::to_string(e.count) + " left out (above)";
}

size_t MemchrPost(const BenchPost& post) {
  size_t found = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    found += std::memchr(post.fields[f].data(), '\x01', post.fields[f].size()) != nullptr;
  }
  return found;
}

void PrintSetup(const Corpus& corpus, const Flags& flags, const char* ruleset,
                const PatternTable& table, const Re2Translation& re2, const RuleGroups& rules) {
  const size_t posts = corpus.bench.size();
  std::printf("## Baselines: %s, mixed corpus (--posts=%zu --seed=%llu)\n\n", ruleset, posts,
              static_cast<unsigned long long>(flags.bench.seed));
  std::printf("- corpus: %zu posts, %.1f MB of title + body, median post %zu B\n", posts,
              static_cast<double>(corpus.prefix_bytes[posts]) / 1e6, corpus.median_bytes);
  size_t literals = 0, regexes = 0, detectors = 0, prefilters = 0;
  for (const Pattern& p : table.patterns) {
    literals += p.kind == PatternKind::kLiteral || p.kind == PatternKind::kException;
    regexes += p.kind == PatternKind::kRegex;
    detectors += p.kind == PatternKind::kDetector;
    prefilters += IsPrefilter(p);
  }
  std::printf(
      "- patterns: %zu in %zu Hyperscan databases (%zu literals, %zu regexes, %zu detector "
      "patterns); %zu compiled as prefilters (compared one way); %zu regex rules that Vigil "
      "runs with RE2 alone are in no row but Vigil's\n",
      table.patterns.size(), table.databases.size(), literals, regexes, detectors, prefilters,
      table.re2_only_rules);
  std::printf(
      "- RE2 syntax: %zu patterns with (?i), %zu UTF-8 caseless literals with ASCII letters as "
      "[aA] classes (Hyperscan folds ASCII only), %zu `$` as `(?:\\n?\\z)`, %zu byte-mode "
      "patterns in Latin-1 mode, %zu untranslated; one RE2 per rule: %zu alternations (per "
      "rule and encoding); RE2::Set max_mem %lld MiB per set, single RE2s RE2's default "
      "%lld MiB\n",
      re2.caseless, re2.case_classes, re2.dollars, re2.latin1, re2.untranslated, rules.items.size(),
      static_cast<long long>(kSetMaxMem >> 20),
      static_cast<long long>(RE2::Options().max_mem() >> 20));
}

// The limit and Vigil on 1 and more threads.
void PrintThreads(const Corpus& corpus, std::vector<int> counts, const PatternTable& table,
                  const vigil_engine* engine) {
  counts.push_back(1);  // the base of the scaling column
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  std::printf("\n### Threads\n\n| engine | threads | MB/s | posts/s | × 1 thread |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  const double megabytes = static_cast<double>(corpus.prefix_bytes.back()) / 1e6;
  const double posts = static_cast<double>(corpus.bench.size());
  for (const bool vigil : {false, true}) {
    double one_thread = 0;
    for (int threads : counts) {
      Progress(vigil ? "Vigil, threads" : "Hyperscan, threads");
      const double seconds = vigil
                                 ? MedianParallelSeconds<VigilClassifier>(corpus, threads, engine)
                                 : MedianParallelSeconds<HyperscanMatcher>(corpus, threads, &table);
      if (threads == 1) one_thread = seconds;
      std::printf("| %s | %d | %s | %s | %s |\n", vigil ? "Vigil" : "Hyperscan (limit)", threads,
                  Fixed(megabytes / seconds).c_str(), Rate(posts / seconds).c_str(),
                  Fixed(one_thread / seconds).c_str());
    }
  }
  std::printf(
      "\nWall clock, median of %d repetitions after a warm-up; one scratch or scanner per "
      "thread; posts handed out in blocks of %zu; %u hardware threads.\n",
      kRepetitions, kThreadBlock, std::thread::hardware_concurrency());
}

int Main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  Progress("generating the corpus");
  const Corpus corpus = BuildCorpus(flags.bench);
  const size_t posts = corpus.bench.size();

  Progress("compiling the ruleset");
  const std::unique_ptr<Engine> engine = CompileEngineOrExit(flags.bench.ruleset, "bench_baselines");
  const auto api_engine = CompileApiEngine(flags.bench.ruleset);
  const PatternTable table = ExtractPatterns(*engine);
  if (table.patterns.empty()) Die("the ruleset has no Hyperscan pattern: nothing to compare");
  const Re2Translation re2 = TranslateForRe2(table.patterns);
  const RuleGroups rules = GroupByRule(re2, table.patterns);

  Progress("compiling RE2::Set, RE2s, std::regex");
  HyperscanMatcher hyperscan(&table);
  Re2SetMatcher set(re2.patterns, table.patterns);
  Re2LoopMatcher loop(re2.patterns, table.patterns);
  Re2LoopMatcher rule_loop(rules.regexes, rules.items);
  StdRegexMatcher std_regex(table.patterns);

  PrintSetup(corpus, flags, vigil_engine_ruleset_name(api_engine.get()), table, re2, rules);
  for (const auto& [name, excluded] :
       {std::pair<const char*, const Exclusions*>{"RE2::Set", &set.excluded()},
        {"RE2, one per pattern", &loop.excluded()},
        {"RE2, one per rule", &rule_loop.excluded()},
        {"std::regex", &std_regex.excluded()}}) {
    if (excluded->count) {
      std::printf("- %s leaves out %zu (first: %s)\n", name, excluded->count,
                  Excerpt(excluded->first, 200).c_str());
    }
  }

  Progress("checking agreement");
  std::printf("\n### Agreement (before timing)\n\n");
  const IdSets hs_sets = CollectSets(hyperscan, corpus.bench, posts, /*budget=*/1e9);
  const IdSets hs_rule_sets = rules.Map(hs_sets);
  size_t disagreements = 0;
  // A matcher with an error (RE2::Set out of memory, std::regex throwing) is
  // not compared, and its row reports the error instead of figures.
  auto compare = [&](const char* name, auto& matcher, size_t limit, const char* unit,
                     const IdSets& reference, const std::vector<Pattern>& items) {
    Progress(name);
    const IdSets sets = CollectSets(matcher, corpus.bench, limit, kAgreementSeconds);
    if constexpr (requires { matcher.error(); }) {
      if (!matcher.error().empty()) {
        std::printf("- %s: not compared: %s\n", name, matcher.error().c_str());
        return;
      }
    }
    const Agreement a = Compare(name, unit, matcher, sets, reference, items);
    PrintAgreement(a, corpus.posts, items);
    disagreements += a.disagreements;
  };
  compare("RE2::Set", set, posts, "patterns", hs_sets, table.patterns);
  compare("RE2, one per pattern", loop, posts, "patterns", hs_sets, table.patterns);
  compare("RE2, one per rule", rule_loop, posts, "rule regexes", hs_rule_sets, rules.items);
  compare("std::regex", std_regex, flags.std_regex_posts, "patterns", hs_sets, table.patterns);

  Progress("classifying with Vigil");
  size_t raw_posts = 0;
  for (const std::vector<uint32_t>& ids : hs_sets) raw_posts += !ids.empty();
  size_t vigil_posts = 0;
  {
    VigilClassifier vigil(api_engine.get());
    for (const BenchPost& p : corpus.bench) vigil_posts += vigil.Run(p);
  }
  std::printf(
      "- for information: Vigil gives %zu posts a hit (enforced or dry run); the raw patterns "
      "match %zu posts (Vigil normalizes, validates detectors, applies conditions, reads the "
      "author name and links)\n",
      vigil_posts, raw_posts);
  if (disagreements) {
    std::printf("\n**%zu disagreements: not timing.**\n", disagreements);
    return 1;
  }

  std::vector<Row> rows;
  auto time_row = [&](const char* name, auto& matcher, size_t limit, std::string note) {
    Progress(name);
    Row row{name, TimeRow(corpus, limit, [&](const BenchPost& p) { return matcher.Run(p); }),
            std::move(note)};
    if constexpr (requires { matcher.error(); }) {
      row.failed = !matcher.error().empty();
      if (row.failed) row.note = matcher.error();
    }
    rows.push_back(std::move(row));
  };
  Progress("memchr");
  rows.push_back({"memchr", TimeRow(corpus, posts, MemchrPost), "memory-bandwidth ceiling"});
  time_row("Hyperscan (limit)", hyperscan, posts,
           std::to_string(table.databases.size()) + " databases, raw text, no decisions");
  {
    VigilClassifier vigil(api_engine.get());
    time_row("**Vigil** end to end (C API)", vigil, posts, "normalization, validation, verdicts");
  }
  time_row("RE2::Set", set, posts, ExclusionNote(set.excluded()));
  time_row("RE2, one per pattern", loop, posts, ExclusionNote(loop.excluded()));
  time_row("RE2, one per rule", rule_loop, posts,
           std::to_string(rules.items.size()) + " alternations" +
               (rule_loop.excluded().count ? "; " + ExclusionNote(rule_loop.excluded()) : ""));
  time_row("std::regex, one per pattern", std_regex, flags.std_regex_posts,
           ExclusionNote(std_regex.excluded()));

  std::printf("\n### Single thread\n\n");
  PrintTable(rows, corpus, /*limit=*/MegabytesPerSecond(corpus, rows[1].timing),
             /*vigil=*/MegabytesPerSecond(corpus, rows[2].timing));
  std::printf(
      "\nThread CPU time (CLOCK_THREAD_CPUTIME_ID), median of %d repetitions after a warm-up "
      "pass; MB = 10^6 bytes of title + body. The limit and the baselines scan the title and "
      "body as posted; Vigil also reads the author name and links.\n",
      kRepetitions);
  if (!flags.threads.empty()) PrintThreads(corpus, flags.threads, table, api_engine.get());
  return 0;
}

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) { return vigil::bench::Main(argc, argv); }
