// The text views rules match against, named here because the ruleset names
// them and every later stage uses them. normalize/ builds them.
#ifndef VIGIL_COMMON_VIEW_KIND_H_
#define VIGIL_COMMON_VIEW_KIND_H_

#include <cstdint>

namespace vigil {

// Ordered; the numbers index per-view tables.
enum class ViewKind : uint8_t {
  kRaw = 0,       // the bytes as posted
  kFolded = 1,    // NFKC_Casefold, ignorables removed, digits as ASCII
  kSkeleton = 2,  // folded + look-alikes, leetspeak, separators, repeats
  kSkeletonStrict = 3,  // skeleton, and punctuation inside words dropped
};
inline constexpr int kViewCount = 4;

// How much evasion a rule's words/phrases see through (`evasion:`).
enum class Evasion : uint8_t {
  kOff = 0,       // the folded view: case, width and invisible characters only
  kStandard = 1,  // the skeleton view
  kStrict = 2,    // the skeleton view, punctuation inside words dropped too
};

}  // namespace vigil

#endif  // VIGIL_COMMON_VIEW_KIND_H_
