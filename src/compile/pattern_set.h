// Every rule's matchers as Hyperscan expressions, one database per text view
// (raw, folded, skeleton, skeleton_strict), and the map from each pattern id
// back to its rule.
//
// Literals (words, phrases and their exceptions) are matched exactly: the
// term goes through the same view transformation at compile time as the text
// does at scan time, the match end is exact and the start is `code_points`
// code points earlier. Regexes and detectors are only *located* by
// Hyperscan (which field may match); RE2 then finds exact spans in those few
// fields. A regex Hyperscan cannot compile is compiled in prefilter mode, or
// else left to RE2 alone (a warning says so).
#ifndef VIGIL_COMPILE_PATTERN_SET_H_
#define VIGIL_COMPILE_PATTERN_SET_H_

#include <hs/hs.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/view_kind.h"
#include "ruleset/diagnostics.h"
#include "ruleset/model.h"

namespace vigil {

enum class PatternKind : uint8_t { kLiteral, kException, kRegex, kDetector };

struct PatternInfo {
  uint32_t rule = 0;        // index into Ruleset::rules
  PatternKind kind = PatternKind::kLiteral;
  // Literals and exceptions only:
  uint32_t code_points = 0;
  bool whole_word_left = false;   // a word boundary is required before it
  bool whole_word_right = false;  // … and after it
  // The term's repeated letters on the skeleton view: min_runs[offset, +size)
  // holds, per code point of the view term, how many letters the text must
  // have there (1 or 2). size 0: no requirement.
  uint32_t runs_offset = 0;
  uint32_t runs_size = 0;
};

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;

// A change CompileDatabase made to make Hyperscan accept the patterns. The
// compiled file stores the table with the changes applied, and the list so
// that saving a loaded engine gives the same file.
struct Fallback {
  enum class Kind : uint8_t { kPrefilter, kRemove };
  uint32_t pattern;  // index at the time the change was made
  Kind kind;
};

struct ViewPatterns {
  std::vector<std::string> expressions;
  std::vector<unsigned> flags;
  std::vector<PatternInfo> infos;
  std::string min_runs;
  std::vector<Fallback> fallbacks;
  HsDatabase database;  // null when the view has no pattern Hyperscan runs

  void ApplyFallback(const Fallback& fallback);
};

struct PatternSet {
  std::array<ViewPatterns, kViewCount> views;
  // Regex rules (any view) that only RE2 can run: candidates on every post.
  std::vector<uint32_t> re2_only_rules;
  // Which views some rule matches on. Which views are built for a field is
  // Engine::view_fields (finer: per field); this stays for tools and tests.
  std::array<bool, kViewCount> used{};
};

// Builds the expressions for every rule (deterministic). A loaded engine
// takes the table from its file instead (compile/serialize.h).
PatternSet BuildPatternSet(const Ruleset& ruleset, Diagnostics* diags);

// Compiles each view's patterns into one block-mode database. Regexes
// Hyperscan refuses are retried in prefilter mode, then left to RE2 (with a
// warning); a literal it refuses is an error. Returns false on error.
bool CompileDatabases(const Ruleset& ruleset, PatternSet* set, Diagnostics* diags);

}  // namespace vigil

#endif  // VIGIL_COMPILE_PATTERN_SET_H_
