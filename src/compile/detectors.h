// The catalog of built-in detectors (`detect: NAME` in a rule): the pattern
// that finds candidates, and which check in validate/ confirms them.
//
// A detector's Hyperscan pattern only says "this field may contain one"; RE2
// then finds each candidate's exact span and the check accepts, trims or
// rejects it. Keeping the patterns here and the checks in validate/ keeps the
// compile stage free of per-post logic.
#ifndef VIGIL_COMPILE_DETECTORS_H_
#define VIGIL_COMPILE_DETECTORS_H_

#include <string_view>

namespace vigil {

enum class DetectorKind { kEmail, kUrl, kPhone };

struct DetectorSpec {
  DetectorKind kind;
  const char* name;
  const char* hyperscan_pattern;  // compiled with HS_FLAG_CASELESS
  const char* re2_pattern;        // finds candidate spans, case-insensitive
  const char* description;
};

// The detector called `name`, or null.
const DetectorSpec* FindDetector(std::string_view name);

// All detectors, for diagnostics and documentation.
const DetectorSpec* AllDetectors(size_t* count);

}  // namespace vigil

#endif  // VIGIL_COMPILE_DETECTORS_H_
