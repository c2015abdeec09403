// bench_scan.cc — the stages of a classification apart, and the limits they
// are measured against (issue 7), on the mixed corpus and the ruleset
// bench_classify uses. Links the internal static library vigil_core.
//
//   BM_Memchr/mixed      memchr over every field, one call per field: the
//                        memory-bandwidth ceiling at this post size
//   BM_RawScan/mixed     the limit: hs_scan of the engine's own compiled
//                        databases (every view's) over the raw text of every
//                        field, as posted: no normalization, no decision, a
//                        callback that only counts
//   BM_RawScan/mixed/<view>
//                        the same, one view's database alone: where the
//                        limit's time goes
//   BM_PatternScan/<view>/<i>/<rule>   (only with --per-pattern)
//                        pattern i of a regex view (raw, folded) compiled
//                        alone and scanned over the raw text: which detector
//                        or regex costs what
//   BM_BuildViews/mixed  the normalize stage as the classifier runs it: the
//                        views the ruleset uses, for every field
//   BM_ScanViews/mixed   the scan stage alone: hs_scan of each view's
//                        database over that view's text, views built
//                        beforehand (the classifier's callback is not run)
// Fields are those the classifier scans: title, body, author name.
// Throughput is MB/s of title + body (as bench_classify counts it) and
// posts/s, so the figures divide directly into bench_classify's.
//
//   bench_scan [--posts=N] [--seed=S] [--ruleset=PATH] [--per-pattern] [benchmark flags]
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compile/engine.h"
#include "corpus.h"
#include "internal_engine.h"
#include "normalize/text_view.h"
#include "scan/scanner.h"
#include "ruleset/diagnostics.h"
#include "ruleset/source.h"

namespace vigil::bench {
namespace {

BenchFlags g_config = [] {
  BenchFlags flags;
  flags.ruleset = VIGIL_SOURCE_DIR "/rules/community-default.yaml";
  return flags;
}();

const Engine& GetEngine() {
  static const std::unique_ptr<Engine> engine =
      CompileEngineOrExit(g_config.ruleset, "bench_scan");
  return *engine;
}

struct Corpus {
  std::vector<Post> posts;
  // Title, body and author name of each post (not empty).
  std::vector<std::pair<vigil_field, std::string_view>> fields;
  size_t text_bytes = 0;                 // title + body
};

const Corpus& GetCorpus() {
  static Corpus corpus = [] {
    Corpus c;
    CorpusOptions options;
    options.posts = g_config.posts;
    options.seed = g_config.seed;
    c.posts = GenerateCorpus(options);
    for (const Post& p : c.posts) {
      const std::pair<vigil_field, const std::string*> fields[] = {
          {VIGIL_FIELD_TITLE, &p.title},
          {VIGIL_FIELD_BODY, &p.body},
          {VIGIL_FIELD_AUTHOR_NAME, &p.author_name}};
      for (const auto& [field, s] : fields)
        if (!s->empty()) c.fields.emplace_back(field, *s);
      c.text_bytes += TextBytes(p);
    }
    return c;
  }();
  return corpus;
}

void SetThroughput(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.posts.size()));
}

struct ScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
using Scratch = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

Scratch CloneScratch(const Engine& engine) {
  hs_scratch_t* s = nullptr;
  if (hs_clone_scratch(engine.prototype_scratch(), &s) != HS_SUCCESS) return nullptr;
  return Scratch(s);
}

int CountMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<size_t*>(context);
  return 0;
}

std::vector<const hs_database_t*> Databases(const Engine& engine) {
  std::vector<const hs_database_t*> dbs;
  for (int v = 0; v < kViewCount; ++v)
    if (const hs_database_t* db = engine.database(static_cast<ViewKind>(v))) dbs.push_back(db);
  return dbs;
}

void BM_Memchr(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    size_t found = 0;
    for (const auto& [field, f] : c.fields)
      found += std::memchr(f.data(), '\x01', f.size()) != nullptr;
    benchmark::DoNotOptimize(found);
  }
  SetThroughput(state, c);
}

// view < 0: every view's database.
void BM_RawScan(benchmark::State& state, int view) {
  const Engine& engine = GetEngine();
  const Corpus& c = GetCorpus();
  std::vector<const hs_database_t*> dbs = Databases(engine);
  if (view >= 0) {
    dbs.clear();
    if (const hs_database_t* db = engine.database(static_cast<ViewKind>(view))) dbs.push_back(db);
    if (dbs.empty()) {
      state.SkipWithError("the ruleset has no pattern on this view");
      return;
    }
    state.counters["patterns"] = static_cast<double>(engine.patterns().views[view].infos.size());
  }
  Scratch scratch = CloneScratch(engine);
  if (!scratch) {
    state.SkipWithError("hs_clone_scratch failed");
    return;
  }
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& [field, f] : c.fields) {
      for (const hs_database_t* db : dbs) {
        hs_scan(db, f.data(), static_cast<unsigned>(f.size()), 0, scratch.get(), CountMatch,
                &matches);
      }
    }
  }
  if (matches == 0) state.SkipWithError("no match at all: not scanning what the engine scans");
  SetThroughput(state, c);
  state.counters["databases"] = static_cast<double>(dbs.size());
  state.counters["matches"] = static_cast<double>(matches);
}

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};

void BM_PatternScan(benchmark::State& state, int view, size_t index) {
  const Engine& engine = GetEngine();
  const Corpus& c = GetCorpus();
  const ViewPatterns& patterns = engine.patterns().views[view];
  hs_database_t* raw_db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile(patterns.expressions[index].c_str(), patterns.flags[index], HS_MODE_BLOCK,
                 nullptr, &raw_db, &error) != HS_SUCCESS) {
    if (error) hs_free_compile_error(error);
    state.SkipWithError("does not compile alone");
    return;
  }
  std::unique_ptr<hs_database_t, DatabaseDeleter> db(raw_db);
  hs_scratch_t* raw_scratch = nullptr;
  if (hs_alloc_scratch(db.get(), &raw_scratch) != HS_SUCCESS) {
    state.SkipWithError("hs_alloc_scratch failed");
    return;
  }
  Scratch scratch(raw_scratch);
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& [field, f] : c.fields) {
      hs_scan(db.get(), f.data(), static_cast<unsigned>(f.size()), 0, scratch.get(), CountMatch,
              &matches);
    }
  }
  SetThroughput(state, c);
  state.counters["matches"] = static_cast<double>(matches);
}

void BM_BuildViews(benchmark::State& state) {
  const Engine& engine = GetEngine();
  const Corpus& c = GetCorpus();
  // The views the classifier builds (BuildFieldViews), one FieldViews reused.
  FieldViews views;
  auto build = [&](vigil_field field, std::string_view text) {
    views.field = field;
    views.text = text;
    BuildFieldViews(engine, &views);
  };
  for (const auto& [field, text] : c.fields) build(field, text);  // warm-up
  for (auto _ : state) {
    for (const auto& [field, text] : c.fields) {
      build(field, text);
      benchmark::DoNotOptimize(views.views[2].text().data());
    }
  }
  SetThroughput(state, c);
}

void BM_ScanViews(benchmark::State& state) {
  const Engine& engine = GetEngine();
  const Corpus& c = GetCorpus();
  // Each view's text of each field, kept (without offset maps) for the scan.
  std::vector<std::string> texts;
  std::vector<std::pair<const hs_database_t*, size_t>> jobs;
  FieldViews views;
  for (const auto& [field, text] : c.fields) {
    views.field = field;
    views.text = text;
    BuildFieldViews(engine, &views);
    for (int v = 0; v < kViewCount; ++v) {
      const hs_database_t* db = engine.database(static_cast<ViewKind>(v));
      // As the scanner: no database, or no rule reading the field there.
      if (!db || views.views[v].text().empty()) continue;
      texts.emplace_back(views.views[v].text());
      jobs.emplace_back(db, texts.size() - 1);
    }
  }
  Scratch scratch = CloneScratch(engine);
  if (!scratch) {
    state.SkipWithError("hs_clone_scratch failed");
    return;
  }
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& [db, i] : jobs) {
      const std::string& t = texts[i];
      hs_scan(db, t.data(), static_cast<unsigned>(t.size()), 0, scratch.get(), CountMatch,
              &matches);
    }
  }
  SetThroughput(state, c);
  state.counters["matches"] = static_cast<double>(matches);
}

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) {
  using namespace vigil::bench;
  ParseBenchFlags(&argc, argv, &g_config);
  benchmark::AddCustomContext("ruleset", g_config.ruleset);
  benchmark::AddCustomContext("corpus", "--posts=" + std::to_string(g_config.posts) +
                                            " --seed=" + std::to_string(g_config.seed));
  benchmark::RegisterBenchmark("BM_Memchr/mixed", BM_Memchr)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_RawScan/mixed", [](benchmark::State& s) { BM_RawScan(s, -1); })
      ->Unit(benchmark::kMillisecond);
  // One per view that has a database (compiling the engine here, once).
  for (int v = 0; v < vigil::kViewCount; ++v) {
    if (!GetEngine().database(static_cast<vigil::ViewKind>(v))) continue;
    benchmark::RegisterBenchmark(
        (std::string("BM_RawScan/mixed/") + vigil::ViewName(static_cast<vigil::ViewKind>(v))).c_str(),
        [v](benchmark::State& s) { BM_RawScan(s, v); })
        ->Unit(benchmark::kMillisecond);
  }
  if (g_config.per_pattern) {
    for (int v : {0, 1}) {  // raw and folded: the views regexes and detectors run on
      const vigil::ViewPatterns& patterns = GetEngine().patterns().views[v];
      for (size_t i = 0; i < patterns.expressions.size(); ++i) {
        const std::string rule = GetEngine().ruleset().rules[patterns.infos[i].rule].id;
        benchmark::RegisterBenchmark(
            (std::string("BM_PatternScan/") + vigil::ViewName(static_cast<vigil::ViewKind>(v)) +
             "/" + std::to_string(i) + "/" + rule)
                .c_str(),
            [v, i](benchmark::State& s) { BM_PatternScan(s, v, i); })
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
  benchmark::RegisterBenchmark("BM_BuildViews/mixed", BM_BuildViews)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ScanViews/mixed", BM_ScanViews)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
