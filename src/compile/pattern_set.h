// Every rule's matchers as Hyperscan expressions in one database, and the map
// from each pattern id back to its rule.
//
// Literals (words, phrases) are matched exactly by Hyperscan: the match end is
// exact and the start is `code_points` code points earlier. Regexes and
// detectors are only *located* by Hyperscan (which field may match); RE2 then
// finds exact spans in those few fields. A regex Hyperscan cannot compile is
// compiled in prefilter mode, or else left to RE2 alone (a warning says so).
#ifndef VIGIL_COMPILE_PATTERN_SET_H_
#define VIGIL_COMPILE_PATTERN_SET_H_

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ruleset/diagnostics.h"
#include "ruleset/model.h"

namespace vigil {

enum class PatternKind : uint8_t { kLiteral, kRegex, kDetector };

struct PatternInfo {
  uint32_t rule = 0;        // index into Ruleset::rules
  PatternKind kind = PatternKind::kLiteral;
  // Literals only:
  uint32_t code_points = 0;
  bool whole_word_left = false;   // a word boundary is required before it
  bool whole_word_right = false;  // … and after it
};

struct PatternSet {
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<PatternInfo> infos;
  // Rules with a regex that only RE2 can run: scanned with RE2 on every post.
  std::vector<uint32_t> re2_only_rules;
};

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;

// Builds the expressions for every rule. `regex_in_hyperscan[r][i]` says
// whether regex i of rule r goes to Hyperscan (the caller decides after
// trying; see CompileDatabase).
PatternSet BuildPatternSet(const Ruleset& ruleset);

// Compiles `set` into one block-mode database. Regexes Hyperscan refuses are
// retried in prefilter mode, then dropped to RE2-only (recorded in
// set->re2_only_rules, with a warning); a literal it refuses is an error.
// Returns null (with diagnostics) when nothing could be compiled.
HsDatabase CompileDatabase(const Ruleset& ruleset, PatternSet* set, Diagnostics* diags);

}  // namespace vigil

#endif  // VIGIL_COMPILE_PATTERN_SET_H_
