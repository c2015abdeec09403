// Context scoring: the words around a find and the script they are written
// in move its confidence up or down.
//
// Window: up to kContextBefore code points before the find and
// kContextAfter after it, case-folded. A term of data/pii/context_*.tsv
// occurs there as a whole word in scripts written with spaces (the
// characters beside it are not letters; Persian terms may take a suffix),
// and as a substring in Chinese and other spaceless scripts. An occurrence
// inside a longer one ("number" inside "order number") does not count.
//
// Scoring, in this order (c is the validator's confidence):
//   script  when the detector (or the find's subtype) belongs to a script
//           (data/pii/script_affinity.tsv) and the window's letters are
//           mostly of that script, c += (1 - c) * 0.3; mostly of another
//           script, c *= 0.85
//   words   the nearest occurrence decides: positive c += (1 - c) * 0.6,
//           negative c *= 0.4; a tie goes to the negative word
// Words come last because they say more than a script does.
#ifndef VIGIL_VALIDATE_PII_CONTEXT_H_
#define VIGIL_VALIDATE_PII_CONTEXT_H_

#include <string_view>

#include "compile/detectors.h"
#include "validate/pii_tables.h"
#include "validate/span_finder.h"

namespace vigil {

inline constexpr size_t kContextBefore = 40;
inline constexpr size_t kContextAfter = 24;
inline constexpr double kPositiveWeight = 0.6;
inline constexpr double kNegativeFactor = 0.4;
inline constexpr double kScriptWeight = 0.3;
inline constexpr double kOtherScriptFactor = 0.85;

enum class ContextVerdict { kNone, kPositive, kNegative };

// Which context word, if any, decides for `kind` around text[span].
ContextVerdict FindContext(DetectorKind kind, std::string_view text, Span span,
                           const DetectorTables& tables);

// The UScriptCode most letters in the window around text[span] are written
// in (Common and Inherited ignored; Hiragana and Katakana count as Han), or
// -1 when the window has fewer than two letters.
int DominantScript(std::string_view text, Span span);

// `confidence` after context words and script affinity, in 0..1.
double ScoreContext(DetectorKind kind, std::string_view text, Span span, const char* subtype,
                    double confidence, int script, const DetectorTables& tables);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_CONTEXT_H_
