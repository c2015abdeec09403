// baseline_matchers.h — the rows of bench_baselines: each matcher runs the
// engine's Hyperscan patterns over a post's title and body.
//
//   HyperscanMatcher  the limit: hs_scan of the engine's own databases over the
//                     raw text, no normalization, no decision
//   VigilClassifier   vigil_scanner_classify through libvigil.so, as an
//                     embedder calls it
//   Re2SetMatcher     one RE2::Set per encoding
//   Re2LoopMatcher    RE2::PartialMatch of every regex in turn (patterns, or
//                     one alternation per rule: see GroupByRule)
//   StdRegexMatcher   std::regex_search of every pattern in turn
//
// Each has Run(post), timed, which returns a count that keeps the work alive;
// the pattern matchers also have Collect(post, &ids), which appends the ids of
// the patterns matching (unsorted, maybe repeated), and has(id): whether the
// pattern is in the matcher at all (what it could not take is in excluded()).
// A matcher belongs to one thread.
//
//   PatternTable table = ExtractPatterns(*engine);
//   Re2SetMatcher set(TranslateForRe2(table.patterns).patterns, table.patterns);
//   std::vector<uint32_t> ids;
//   set.Collect(post, &ids);
#ifndef VIGIL_BENCH_BASELINE_MATCHERS_H_
#define VIGIL_BENCH_BASELINE_MATCHERS_H_

#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compile/engine.h"
#include "pattern_translate.h"
#include "vigil/vigil.h"

namespace vigil::bench {

// Prints "bench_baselines: <message>" and exits with 2.
[[noreturn]] void Die(const std::string& message);

// RE2::Set puts every pattern of an encoding into one program and one DFA:
// RE2's default budget (8 MiB) is exhausted by a few thousand terms. The
// one-RE2-per-pattern loop keeps the default, as the engine does.
inline constexpr int64_t kSetMaxMem = int64_t{1} << 30;

// A post as every row reads it: the text fields the limit and the baselines
// scan, and the C API struct Vigil classifies.
struct BenchPost {
  std::array<std::string_view, 2> fields;  // title (when there is one), body
  size_t field_count = 0;
  vigil_post api = VIGIL_POST_INIT;
};

// The patterns of the engine's Hyperscan databases. A pattern's global id is
// its index in `patterns`.
struct PatternTable {
  const Engine* engine = nullptr;
  std::vector<Pattern> patterns;
  // The databases to scan, each with the global id of its pattern 0 (a
  // database's ids are the indexes into its view's pattern table).
  std::vector<std::pair<const hs_database_t*, uint32_t>> databases;
  size_t re2_only_rules = 0;  // regex rules Vigil runs with RE2 alone
};

// `engine` must outlive the table.
PatternTable ExtractPatterns(const Engine& engine);

// What a matcher could not take: the patterns it leaves out of the row and of
// the comparison, with the first reason.
struct Exclusions {
  size_t count = 0;
  std::string first;

  void Add(const Pattern& p, const std::string& why) {
    if (count++ == 0) first = "/" + p.expression + "/: " + why;
  }
};

// The limit: the engine's databases over the raw title and body, with a
// scratch of its own.
class HyperscanMatcher {
 public:
  // `table` must outlive the matcher.
  explicit HyperscanMatcher(const PatternTable* table);

  // Matches reported (every end offset of every pattern).
  size_t Run(const BenchPost& post);
  void Collect(const BenchPost& post, std::vector<uint32_t>* ids);

 private:
  struct ScratchDeleter {
    void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
  };
  void Scan(const hs_database_t* db, std::string_view text, match_event_handler handler,
            void* context);

  const PatternTable* table_;
  std::unique_ptr<hs_scratch_t, ScratchDeleter> scratch_;
};

// Vigil as an embedder calls it: one scanner, one classify call per post; the
// verdict is borrowed from the scanner until its next call.
class VigilClassifier {
 public:
  explicit VigilClassifier(const vigil_engine* engine);
  ~VigilClassifier();
  VigilClassifier(const VigilClassifier&) = delete;
  VigilClassifier& operator=(const VigilClassifier&) = delete;

  // 1 when some rule fired (enforced or dry run).
  size_t Run(const BenchPost& post);

 private:
  vigil_scanner* scanner_ = nullptr;
};

class Re2SetMatcher {
 public:
  // `items`: what the ids of `patterns` refer to.
  Re2SetMatcher(const std::vector<Re2Pattern>& patterns, const std::vector<Pattern>& items);

  // Why the sets did not compile or a match failed; empty when all is well.
  const std::string& error() const { return error_; }
  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  // Patterns matching, summed over fields.
  size_t Run(const BenchPost& post);
  void Collect(const BenchPost& post, std::vector<uint32_t>* ids);

 private:
  struct Part {
    std::unique_ptr<RE2::Set> set;
    std::vector<uint32_t> ids;  // set index → pattern id
  };

  void Match(const Part& part, std::string_view text);

  std::vector<Part> parts_;
  std::vector<bool> has_;
  std::vector<int> matches_;
  Exclusions excluded_;
  std::string error_;
};

class Re2LoopMatcher {
 public:
  // `items`: what the ids of `patterns` refer to (patterns, or rules).
  Re2LoopMatcher(const std::vector<Re2Pattern>& patterns, const std::vector<Pattern>& items);

  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  // Regexes matching, summed over fields.
  size_t Run(const BenchPost& post);
  void Collect(const BenchPost& post, std::vector<uint32_t>* ids);

 private:
  std::vector<std::pair<uint32_t, std::unique_ptr<RE2>>> regexes_;
  std::vector<bool> has_;
  Exclusions excluded_;
};

class StdRegexMatcher {
 public:
  // Translates `patterns` with EcmaTranslator; ids index `patterns`.
  explicit StdRegexMatcher(const std::vector<Pattern>& patterns);

  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  // Why a search failed (std::regex may throw error_complexity or
  // error_stack); empty when all is well.
  const std::string& error() const { return error_; }

  // Patterns matching, summed over fields.
  size_t Run(const BenchPost& post);
  void Collect(const BenchPost& post, std::vector<uint32_t>* ids);

 private:
  bool Search(std::string_view text, const std::regex& re);

  std::vector<std::pair<uint32_t, std::regex>> regexes_;
  std::vector<bool> has_;
  Exclusions excluded_;
  std::string error_;
};

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_BASELINE_MATCHERS_H_
