// ruleset_gen.h — generated large rulesets for the build-side and baseline
// benchmarks: how compile time, engine size, load time and throughput grow
// with the number of list terms.
//
// A generated ruleset is a folder with ruleset.yaml and its list files
// (lists/en, lists/zh, lists/fa), in the format of docs/RULESET.md:
//  - `options.terms` list terms, 75% English, 15% Chinese, 10% Persian, in
//    one words rule per topic and language (profanity, insults, threats,
//    promotion, drugs, gambling, off-site contact) plus an English phrases
//    rule of spam brand fragments. All match the skeleton view (evasion
//    handling on, as in rules/community-default.yaml). Most terms are
//    plausible pseudo-words and two-word phrases that never occur in the
//    benchmark corpus; a fixed seed of ~35 real moderation terms (the spam,
//    abuse and contact lures bench/corpus.cc writes into a few percent of
//    posts) makes every size fire on the same posts, so the matching work
//    after the scan is comparable between sizes;
//  - `options.regexes` moderation regexes (spam URLs, "buy ... now", contact
//    lures, money claims, promo codes, repeated punctuation, in en/zh/fa),
//    each anchored on a literal with only bounded repeats, ten per rule;
//  - the detector rules of the default ruleset (email, phone, card numbers,
//    IBAN, national ids, IP addresses, wallets, secrets, link floods).
// The generator has its own random number generator, so the same options
// give the same bytes everywhere.
//
//   vigil::bench::RulesetGenOptions options;
//   options.terms = 100000;
//   std::string yaml = vigil::bench::WriteGeneratedRuleset("/tmp/rs100k", options);
//   // vigil_engine_compile_file(yaml.c_str(), ...)
//
// The command-line front end is vigil_gen_ruleset (gen_ruleset.cc).
#ifndef VIGIL_BENCH_RULESET_GEN_H_
#define VIGIL_BENCH_RULESET_GEN_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace vigil::bench {

struct RulesetGenOptions {
  size_t terms = 1000;   // list terms, spread over several words rules
  size_t regexes = 300;  // moderation regexes
  uint64_t seed = 20261126;
};

// What a generated ruleset holds.
struct RulesetGenStats {
  size_t rules = 0;  // every rule: words, phrases, regex and detect
  size_t terms = 0;  // list terms, options.terms
  size_t terms_en = 0;
  size_t terms_zh = 0;
  size_t terms_fa = 0;
  size_t regexes = 0;  // options.regexes
};

// Writes the ruleset (ruleset.yaml plus its list files) into `dir`, which
// must exist, and returns the path of ruleset.yaml, or "" when a file cannot
// be written. Same options, same bytes. `stats` may be null.
std::string WriteGeneratedRuleset(const std::string& dir, const RulesetGenOptions& options,
                                  RulesetGenStats* stats = nullptr);

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_RULESET_GEN_H_
