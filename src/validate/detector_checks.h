// Confirms what a detector's pattern found: trims a candidate to what it
// really is, or rejects it. (The validated private-information detectors —
// cards, IBANs, national ids — arrive with their own issue and live here.)
#ifndef VIGIL_VALIDATE_DETECTOR_CHECKS_H_
#define VIGIL_VALIDATE_DETECTOR_CHECKS_H_

#include <string_view>

#include "compile/detectors.h"
#include "validate/span_finder.h"

namespace vigil {

// True when `span` of `text` is a real find of detector `kind`; may narrow
// the span (e.g. a URL loses its trailing full stop).
bool ConfirmDetectorMatch(DetectorKind kind, std::string_view text, Span* span);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_DETECTOR_CHECKS_H_
