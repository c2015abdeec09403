// Shared by the pii_*_test.cc files: run one detector over a text the way
// the engine does (its RE2 span pattern, case-insensitive, then the checks)
// with the embedded tables.
#ifndef VIGIL_TESTS_VALIDATE_PII_TEST_UTIL_H_
#define VIGIL_TESTS_VALIDATE_PII_TEST_UTIL_H_

#include <gmock/gmock.h>
#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compile/detectors.h"
#include "validate/detector_checks.h"
#include "validate/pii_tables.h"

namespace vigil::testing {

inline const DetectorTables& Tables() {
  static const DetectorTables* tables = [] {
    absl::StatusOr<DetectorTables> loaded = LoadDetectorTables();
    if (!loaded.ok()) {
      fprintf(stderr, "%s\n", std::string(loaded.status().message()).c_str());
      abort();
    }
    return new DetectorTables(std::move(*loaded));
  }();
  return *tables;
}

inline const RE2& Finder(DetectorKind kind) {
  static std::vector<std::unique_ptr<RE2>>* finders = [] {
    auto* v = new std::vector<std::unique_ptr<RE2>>();
    for (size_t k = 0; k < kDetectorKindCount; ++k) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      v->push_back(std::make_unique<RE2>(GetDetector(static_cast<DetectorKind>(k)).re2_pattern,
                                         options));
    }
    return v;
  }();
  return *(*finders)[static_cast<size_t>(kind)];
}

struct Found {
  std::string text;
  std::string subtype;
  double confidence;
};

// Every finding of `kind` in `text`, at any confidence.
inline std::vector<Found> FindAll(DetectorKind kind, std::string_view text) {
  std::vector<DetectorFinding> findings;
  FindDetectorFindings(kind, Finder(kind), text, Tables(), &findings);
  std::vector<Found> out;
  for (const DetectorFinding& f : findings) {
    out.push_back({std::string(text.substr(f.span.start, f.span.end - f.span.start)),
                   f.subtype ? f.subtype : "", f.confidence});
  }
  return out;
}

// The values found at or above the default minimum confidence.
inline std::vector<std::string> Accepted(DetectorKind kind, std::string_view text) {
  std::vector<std::string> out;
  for (const Found& f : FindAll(kind, text)) {
    if (f.confidence >= kDefaultMinConfidence) out.push_back(f.text);
  }
  return out;
}

}  // namespace vigil::testing

#endif  // VIGIL_TESTS_VALIDATE_PII_TEST_UTIL_H_
