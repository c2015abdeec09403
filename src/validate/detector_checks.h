// Confirms what a detector's pattern found: trims a candidate to what it
// really is, or rejects it, and says how sure it is.
//
// Each detector's validation lives in its own file (pii_card, pii_iban,
// pii_national_id, pii_phone, pii_crypto, pii_secret, pii_ip); this file
// dispatches, checks e-mail addresses and links, and applies context
// scoring (pii_context.h). See docs/DETECTORS.md.
//
//   const DetectorTables& tables = ...;  // loaded at engine build
//   std::optional<DetectorFinding> f =
//       ConfirmDetector(DetectorKind::kCreditCard, text, span, tables);
//   if (f && f->confidence >= rule_min_confidence) { /* f->span, f->subtype */ }
//
// Detectors expect the folded view of a field (ASCII digits). All functions
// are thread-safe; none allocates once its tables are loaded (the phone
// check's numbering plans on first use, or with an engine that uses it).
#ifndef VIGIL_VALIDATE_DETECTOR_CHECKS_H_
#define VIGIL_VALIDATE_DETECTOR_CHECKS_H_

#include <re2/re2.h>

#include <optional>
#include <string_view>
#include <vector>

#include "compile/detectors.h"
#include "validate/pii_finding.h"
#include "validate/pii_tables.h"
#include "validate/span_finder.h"

namespace vigil {

// The find of detector `kind` at candidate `span` of `text`, with its
// (possibly narrower) span, confidence and subtype; nullopt when the
// candidate is not one. Findings of any confidence are returned: the caller
// compares with the rule's minimum (kDefaultMinConfidence by default).
std::optional<DetectorFinding> ConfirmDetector(DetectorKind kind, std::string_view text,
                                               Span span, const DetectorTables& tables);

// Runs `finder` (the detector's RE2 span pattern) over `text` and appends
// every finding. Unlike FindAllSpans followed by ConfirmDetector, the search
// resumes right after a narrowed finding, so that a value written just
// after another ("4111 1111 1111 1111 5500 0000 0000 0004") is not lost
// inside the first one's candidate.
void FindDetectorFindings(DetectorKind kind, const RE2& finder, std::string_view text,
                          const DetectorTables& tables, std::vector<DetectorFinding>* out);

// True when `span` of `text` is a real find of detector `kind` with at
// least kDefaultMinConfidence, using DefaultDetectorTables(); may narrow the
// span (e.g. a URL loses its trailing full stop).
bool ConfirmDetectorMatch(DetectorKind kind, std::string_view text, Span* span);

// Appends the links written in `text` (a post's body): the spans `finder`
// (the url detector's RE2 pattern) finds that ConfirmDetectorMatch keeps.
// RE2 reads from just before the first "://" or "www." on, and not at all
// without one.
void FindLinks(const RE2& finder, std::string_view text, std::vector<Span>* out);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_DETECTOR_CHECKS_H_
