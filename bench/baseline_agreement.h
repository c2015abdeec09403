// baseline_agreement.h — the check bench_baselines makes before timing: every
// matcher must find the same patterns in each post as Hyperscan does.
//
//   const IdSets hs = CollectSets(hyperscan, posts, posts.size(), 1e9);
//   const IdSets sets = CollectSets(set, posts, posts.size(), kAgreementSeconds);
//   const Agreement a = Compare("RE2::Set", "patterns", set, sets, hs, table.patterns);
//   PrintAgreement(a, corpus_posts, table.patterns);  // Markdown, to stdout
//
// A matcher is compared only on the patterns it has (has(id)); the ones it
// left out are reported by the matcher (excluded()).
#ifndef VIGIL_BENCH_BASELINE_AGREEMENT_H_
#define VIGIL_BENCH_BASELINE_AGREEMENT_H_

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "baseline_matchers.h"
#include "corpus.h"
#include "pattern_translate.h"

namespace vigil::bench {

// The agreement pass of a slow matcher stops after this long; the posts it
// covered are compared, and the output says how many.
inline constexpr double kAgreementSeconds = 120;
// Disagreements shown per matcher.
inline constexpr size_t kMaxExamples = 5;

// Which patterns match each post, from the first, until `limit` posts or
// `budget` seconds (wall clock) have gone by.
template <typename Matcher>
IdSets CollectSets(Matcher& matcher, const std::vector<BenchPost>& posts, size_t limit,
                   double budget) {
  using Clock = std::chrono::steady_clock;
  IdSets sets;
  std::vector<uint32_t> ids;
  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < std::min(limit, posts.size()); ++i) {
    if (i % 64 == 0 && std::chrono::duration<double>(Clock::now() - start).count() > budget) break;
    ids.clear();
    matcher.Collect(posts[i], &ids);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    sets.push_back(ids);
  }
  return sets;
}

struct Disagreement {
  size_t post;
  uint32_t pattern;
  bool hyperscan_matches;
};

struct Agreement {
  std::string matcher;
  const char* unit;  // what the ids are: "patterns" or "rule regexes"
  size_t posts = 0;
  size_t patterns = 0;         // compared
  size_t disagreements = 0;    // (post, pattern) pairs
  size_t prefilter_extra = 0;  // prefilter patterns Hyperscan alone reports
  std::vector<Disagreement> examples;
};

// The matcher must report exactly Hyperscan's patterns in each post it
// covered, among the patterns it has. A prefilter pattern may be reported by
// Hyperscan alone (prefilter mode over-approximates), never the other way.
template <typename Matcher>
Agreement Compare(const std::string& name, const char* unit, const Matcher& matcher,
                  const IdSets& sets, const IdSets& hyperscan, const std::vector<Pattern>& items) {
  Agreement a;
  a.matcher = name;
  a.unit = unit;
  a.posts = sets.size();
  for (uint32_t id = 0; id < items.size(); ++id) a.patterns += matcher.has(id);
  for (size_t post = 0; post < sets.size(); ++post) {
    std::vector<uint32_t> only_hs, only_other;
    const std::vector<uint32_t>& hs = hyperscan[post];
    std::set_difference(hs.begin(), hs.end(), sets[post].begin(), sets[post].end(),
                        std::back_inserter(only_hs));
    std::set_difference(sets[post].begin(), sets[post].end(), hs.begin(), hs.end(),
                        std::back_inserter(only_other));
    auto disagree = [&](uint32_t id, bool hyperscan_matches) {
      if (a.disagreements++ < kMaxExamples) a.examples.push_back({post, id, hyperscan_matches});
    };
    for (uint32_t id : only_hs) {
      if (!matcher.has(id)) continue;
      if (IsPrefilter(items[id])) {
        ++a.prefilter_extra;
      } else {
        disagree(id, true);
      }
    }
    for (uint32_t id : only_other) disagree(id, false);
  }
  return a;
}

// At most `max` bytes of `text`, cut at a character boundary, newlines shown.
std::string Excerpt(std::string_view text, size_t max);

// The agreement line, then its examples with the posts' title and body.
void PrintAgreement(const Agreement& a, const std::vector<Post>& posts,
                    const std::vector<Pattern>& items);

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_BASELINE_AGREEMENT_H_
