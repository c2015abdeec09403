// corpus.h — a deterministic generator of forum posts for benchmarks.
//
// The same options give the same posts, byte for byte, on every machine and
// standard library: the generator uses its own random number generator and
// distributions, not <random>'s (whose distributions differ between
// implementations). The mix follows what a multilingual community forum sees:
// log-normal lengths (median ≈ 300 bytes), ~70% English, 15% Chinese, 10%
// Persian, 5% other languages; a few percent of posts carry profanity, emails,
// phone numbers, links, promotion or off-site contact lures; authors range
// from brand-new accounts to staff.
//
//   vigil::bench::CorpusOptions options;
//   options.posts = 20000;
//   std::vector<vigil::bench::Post> posts = vigil::bench::GenerateCorpus(options);
#ifndef VIGIL_BENCH_CORPUS_H_
#define VIGIL_BENCH_CORPUS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace vigil::bench {

// Same value as VIGIL_UNSET: the author field is unknown.
inline constexpr int64_t kUnknown = std::numeric_limits<int64_t>::min();

struct Post {
  std::string id;
  std::string title;  // empty for replies
  std::string body;
  std::string author_id;
  std::string author_name;
  int64_t author_trust_level = kUnknown;
  int64_t author_account_age_days = kUnknown;
  int64_t author_post_count = kUnknown;
  std::vector<std::string> author_roles;
  std::string channel;
  std::string lang;  // BCP 47 tag, empty when the forum does not know it
};

enum class CorpusKind {
  kMixed,  // the realistic mix described above
  kAscii,  // English only, no byte above 0x7F (the fast path's best case)
  // One script each, for per-view normalization benchmarks (bench_normalize):
  kMixedLatin,  // English, Spanish, German, French: accents (precomposed and
                // sometimes decomposed), capitals folding changes (Ä, ß), and
                // evasion in ~10% of posts (l33t, f.u.c.k, Cyrillic look-alikes,
                // zero-width characters, full-width letters, stretched words)
  kChinese,     // Chinese posts only (the mixed corpus's zh generator)
  kPersian,     // Persian posts only (the mixed corpus's fa generator)
};

// "mixed", "ascii", "latin", "zh", "fa".
const char* CorpusKindName(CorpusKind kind);

struct CorpusOptions {
  size_t posts = 20000;
  uint64_t seed = 20261126;
  CorpusKind kind = CorpusKind::kMixed;
  // 0: log-normal body lengths (median 300 bytes). Otherwise every body is
  // about this many bytes (±10%), e.g. 4096 for long posts.
  size_t body_bytes = 0;
};

std::vector<Post> GenerateCorpus(const CorpusOptions& options);

// The bytes a classifier reads: title + body.
size_t TextBytes(const Post& post);

// One line of JSON in the CLI's post format (docs/RULESET-SPEC-DRAFT.md),
// without the trailing newline.
std::string PostToJson(const Post& post);

struct CorpusStats {
  size_t posts = 0;
  size_t text_bytes = 0;
  size_t median_bytes = 0;
  size_t ascii_posts = 0;  // posts whose title and body are pure ASCII
};
CorpusStats ComputeStats(const std::vector<Post>& posts);

// The flags every benchmark program takes besides Google Benchmark's own.
struct BenchFlags {
  size_t posts = 20000;       // --posts=N or $VIGIL_BENCH_POSTS
  uint64_t seed = 20261126;   // --seed=S
  std::string ruleset;        // --ruleset=PATH or $VIGIL_BENCH_RULESET
  bool per_pattern = false;   // --per-pattern (bench_scan)
};

// Takes the flags above out of argv before the benchmark library sees it.
void ParseBenchFlags(int* argc, char** argv, BenchFlags* flags);

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_CORPUS_H_
