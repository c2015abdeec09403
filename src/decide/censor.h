// Masks the spans that censor/redact rules matched, keeping the rest of the
// text byte for byte.
//
// censor: every character of the span becomes '*' (spaces kept, so a phrase
//         keeps its shape); redact: the span becomes the rule's replacement.
// Overlapping spans merge; where a redaction overlaps a censored span the
// redaction wins, since it hides more.
#ifndef VIGIL_DECIDE_CENSOR_H_
#define VIGIL_DECIDE_CENSOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "ruleset/model.h"

namespace vigil {

struct MaskSpan {
  size_t start;
  size_t end;
  bool redact;                  // else censor
  std::string_view replacement; // redact only
  bool shape = false;           // redact: keep separators and the last four
                                // letters or digits, mask the rest with '•'
};

// Writes `text` with `spans` masked into *out. Sorts `spans` in place.
void ApplyMasks(std::string_view text, std::vector<MaskSpan>* spans, std::string* out);

// What a redacted span of `rule` becomes: its replacement, or its
// detector's label ("[card number removed]"), or "[redacted]".
std::string_view RedactionText(const Rule& rule);

}  // namespace vigil

#endif  // VIGIL_DECIDE_CENSOR_H_
