// Capture groups of libphonenumber's metadata patterns, found without
// allocating.
//
// RE2 tells whether and where a pattern matches without allocating, but it
// reports capture groups through its BitState or NFA engines, which allocate
// on every call (and its one-pass engine takes at most four groups). Phone
// formatting ("(\d{3})(\d{3})(\d{4})" → "($1) $2-$3") and national prefix
// transforms need the groups. libphonenumber's patterns use a small subset
// of regular expressions over digits — digits, \d, [classes], (groups),
// (?:groups), |, ?, {m}, {m,n}, and $ — so this backtracking matcher, with
// the leftmost-first semantics of Perl and ICU (which libphonenumber uses),
// finds the same groups in fixed-size state. Every quantifier is bounded,
// so the program is acyclic and a match is at most max_length() digits long.
//
//   absl::StatusOr<DigitPattern> p = DigitPattern::Compile("(\\d{3})(\\d{4})");
//   DigitPattern::Groups groups;
//   p->MatchAt("5550132", 0, &groups);  // groups.begin[1] == 0, end[1] == 3
#ifndef VIGIL_VALIDATE_PII_PHONE_PATTERN_H_
#define VIGIL_VALIDATE_PII_PHONE_PATTERN_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace vigil {

class DigitPattern {
 public:
  // Group 0 is the whole match; groups 1-9 as numbered in the pattern.
  static constexpr int kMaxGroups = 10;
  struct Groups {
    // Offsets into the text, -1 for a group that took no part in the match.
    int16_t begin[kMaxGroups];
    int16_t end[kMaxGroups];
  };

  // Fails on syntax outside the subset, on more than nine groups and on a
  // program too large to match with fixed-size state.
  static absl::StatusOr<DigitPattern> Compile(std::string_view pattern);

  // The leftmost-first match that begins at `start` ($ is the end of
  // `text`). Thread-safe; allocates nothing.
  bool MatchAt(std::string_view text, size_t start, Groups* groups) const;

  // The number of capture groups (not counting group 0).
  int group_count() const { return group_count_; }
  // The most digits a match can take.
  int max_length() const { return max_length_; }

 private:
  enum class Op : uint8_t { kDigits, kSplit, kJump, kSave, kEnd, kMatch };
  struct Inst {
    Op op;
    uint16_t digits = 0;  // kDigits: bit d set when digit d matches
    int32_t arg = 0;      // kSplit: the lower-priority branch; kJump: target; kSave: slot
  };
  struct Search;

  std::vector<Inst> program_;
  int group_count_ = 0;
  int max_length_ = 0;
};

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_PHONE_PATTERN_H_
