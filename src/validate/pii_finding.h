// What a private-information detector reports about one confirmed find.
#ifndef VIGIL_VALIDATE_PII_FINDING_H_
#define VIGIL_VALIDATE_PII_FINDING_H_

#include "validate/span_finder.h"

namespace vigil {

struct DetectorFinding {
  Span span;          // may be narrower than the candidate RE2 found
  double confidence;  // 0..1, after context words and script affinity
  // What kind of value: "visa", "IR", "aws_access_key", "ipv6"… ("" when the
  // detector has no subtypes). Static storage or owned by the
  // DetectorTables the check ran with.
  const char* subtype;
};

// The confidence a rule requires when it names none: a validated value in a
// neutral context passes; a weakly formatted one (a bare 9-digit SSN) needs a
// positive context word, and a negative context word sinks most finds.
inline constexpr double kDefaultMinConfidence = 0.5;

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_FINDING_H_
