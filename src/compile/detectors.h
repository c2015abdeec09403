// The catalog of built-in detectors (`detect: NAME` in a rule): the pattern
// that finds candidates, and which check in validate/ confirms them.
//
// A detector's Hyperscan pattern only says "this field may contain one"; RE2
// then finds each candidate's exact span and the check accepts, trims or
// rejects it (validate/detector_checks.h). Keeping the patterns here and the
// checks in validate/ keeps the compile stage free of per-post logic.
//
// Detectors run on the folded view of a field, where digits of every script
// are ASCII and full-width letters, spaces and punctuation are ASCII too; the
// patterns therefore look for ASCII digits, but accept the separators people
// type between digit groups in every script (space, '-', the Unicode dashes
// U+2010..U+2015 and the minus sign U+2212). List separators (、 ، ,) end a
// candidate: they separate two values, not two digit groups.
//
// Hyperscan patterns are compiled in byte mode with HS_FLAG_CASELESS: every
// non-ASCII byte is \W there, so multi-byte separators are spelled as byte
// sequences, and no pattern uses \b (boundaries are checked in validate/, on
// code points). They are linear and generous; the RE2 patterns (compiled
// case-insensitively, UTF-8) delimit each candidate.
#ifndef VIGIL_COMPILE_DETECTORS_H_
#define VIGIL_COMPILE_DETECTORS_H_

#include <cstddef>
#include <string_view>

namespace vigil {

enum class DetectorKind {
  kEmail,
  kUrl,
  kPhone,
  kCreditCard,
  kIban,
  kUsSsn,
  kCnResidentId,
  kIrNationalId,
  kIpAddress,
  kCryptoWallet,
  kSecret,
};
inline constexpr size_t kDetectorKindCount = 11;

struct DetectorSpec {
  DetectorKind kind;
  const char* name;
  const char* hyperscan_pattern;  // compiled with HS_FLAG_CASELESS
  const char* re2_pattern;        // finds candidate spans, case-insensitive
  const char* description;
  // A replacement that keeps the text readable, for rules that redact
  // without giving one (docs/DETECTORS.md lists the shapes).
  const char* suggested_replacement;
};

// The detector called `name`, or null.
const DetectorSpec* FindDetector(std::string_view name);

// The detector of kind `kind` (never null).
const DetectorSpec& GetDetector(DetectorKind kind);

// All detectors, for diagnostics and documentation.
const DetectorSpec* AllDetectors(size_t* count);

}  // namespace vigil

#endif  // VIGIL_COMPILE_DETECTORS_H_
