// bench_normalize.cc — how fast the normalize stage builds the text views
// rules match on (src/normalize/text_view.h), per view and per script. It
// links the internal static library vigil_core: these functions are not part
// of the C API.
//
// Benchmarks (one iteration builds the view of every field of every post,
// title and body apart, as the classifier does; one TextView reused for the
// whole corpus, as a scanner reuses its own):
//   BM_FoldedView/<corpus>          BuildFoldedView
//   BM_SkeletonView/<corpus>        BuildSkeletonView(strict = false)
//   BM_SkeletonStrictView/<corpus>  BuildSkeletonView(strict = true)
//   BM_Utf8Walk/<corpus>            decoding every code point, nothing else:
//                                   the floor any per-code-point view pays
// Corpora (bench/corpus.h, same generator and seed as bench_classify):
//   ascii   English, pure ASCII
//   latin   English, Spanish, German, French: accents, NFD, capitals that
//           fold, and evasion (l33t, f.u.c.k, Cyrillic look-alikes, ...)
//           in ~10% of posts
//   zh      Chinese
//   fa      Persian
// Throughput is MB/s of original text (bytes_per_second) and posts/s
// (items_per_second). Counters: `identity` is the share of fields whose view
// is the original text itself (no copy: the fast path), `view/orig` the
// view's size over the original's.
//
//   bench_normalize [--posts=N] [--seed=S] [benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "corpus.h"
#include "normalize/text_view.h"

namespace vigil::bench {
namespace {

BenchFlags g_config;

struct Fields {
  std::vector<std::string_view> fields;  // every non-empty title and body
  size_t bytes = 0;
  size_t posts = 0;
};

const Fields& GetFields(CorpusKind kind) {
  static std::map<CorpusKind, std::pair<std::vector<Post>, std::unique_ptr<Fields>>> cache;
  auto& slot = cache[kind];
  if (slot.second) return *slot.second;
  CorpusOptions options;
  options.posts = g_config.posts;
  options.seed = g_config.seed;
  options.kind = kind;
  slot.first = GenerateCorpus(options);
  slot.second = std::make_unique<Fields>();
  Fields& f = *slot.second;
  for (const Post& p : slot.first) {
    if (!p.title.empty()) f.fields.push_back(p.title);
    f.fields.push_back(p.body);
    f.bytes += TextBytes(p);
  }
  f.posts = slot.first.size();
  return f;
}

enum class Which { kFolded, kSkeleton, kSkeletonStrict };

inline void Build(Which which, std::string_view text, TextView* view) {
  switch (which) {
    case Which::kFolded: BuildFoldedView(text, view); break;
    case Which::kSkeleton: BuildSkeletonView(text, /*strict=*/false, view); break;
    case Which::kSkeletonStrict: BuildSkeletonView(text, /*strict=*/true, view); break;
  }
}

void SetThroughput(benchmark::State& state, const Fields& f) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.posts));
  state.counters["MB"] = static_cast<double>(f.bytes) / 1e6;
}

void BM_View(benchmark::State& state, Which which, CorpusKind kind) {
  const Fields& f = GetFields(kind);
  TextView view;
  // Warm-up, outside the timing: the character tables are built on first
  // use and the view's buffers grow to the largest field.
  size_t identity = 0, view_bytes = 0;
  for (std::string_view field : f.fields) {
    Build(which, field, &view);
    identity += view.identity();
    view_bytes += view.text().size();
  }
  for (auto _ : state) {
    for (std::string_view field : f.fields) {
      Build(which, field, &view);
      benchmark::DoNotOptimize(view.text().data());
    }
    benchmark::ClobberMemory();
  }
  SetThroughput(state, f);
  state.counters["identity"] =
      static_cast<double>(identity) / static_cast<double>(f.fields.size());
  state.counters["view/orig"] = static_cast<double>(view_bytes) / static_cast<double>(f.bytes);
}

void BM_Utf8Walk(benchmark::State& state, CorpusKind kind) {
  const Fields& f = GetFields(kind);
  for (auto _ : state) {
    uint32_t sum = 0;
    for (std::string_view field : f.fields) {
      for (size_t pos = 0; pos < field.size();) {
        size_t next;
        sum += static_cast<uint32_t>(DecodeUtf8At(field, pos, &next));
        pos = next;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  SetThroughput(state, f);
}

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) {
  using namespace vigil::bench;
  ParseBenchFlags(&argc, argv, &g_config);
  benchmark::AddCustomContext("corpus", "--posts=" + std::to_string(g_config.posts) +
                                            " --seed=" + std::to_string(g_config.seed));
  const CorpusKind kinds[] = {CorpusKind::kAscii, CorpusKind::kMixedLatin, CorpusKind::kChinese,
                              CorpusKind::kPersian};
  const std::pair<const char*, Which> views[] = {
      {"BM_FoldedView", Which::kFolded},
      {"BM_SkeletonView", Which::kSkeleton},
      {"BM_SkeletonStrictView", Which::kSkeletonStrict},
  };
  for (const auto& [name, which] : views) {
    for (CorpusKind kind : kinds) {
      benchmark::RegisterBenchmark(
          (std::string(name) + "/" + CorpusKindName(kind)).c_str(),
          [which = which, kind](benchmark::State& s) { BM_View(s, which, kind); })
          ->Unit(benchmark::kMillisecond);
    }
  }
  for (CorpusKind kind : kinds) {
    benchmark::RegisterBenchmark((std::string("BM_Utf8Walk/") + CorpusKindName(kind)).c_str(),
                                 [kind](benchmark::State& s) { BM_Utf8Walk(s, kind); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
