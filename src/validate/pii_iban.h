// International Bank Account Numbers: the country's length from the table
// and the ISO 7064 mod-97 check, written compact or in groups
// ("IR06 2960 0000 0010 0324 2000 01").
#ifndef VIGIL_VALIDATE_PII_IBAN_H_
#define VIGIL_VALIDATE_PII_IBAN_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"
#include "validate/pii_tables.h"

namespace vigil {

// True when `iban` (upper-case letters and digits, no separators) passes
// mod-97 = 1. Length and country are not checked here.
bool IbanChecksumValid(std::string_view iban);

// Confirms text[span] as an IBAN, before context scoring. Written in
// capitals, or all in lower case (less confident); the candidate is narrowed to the country's
// length at a group boundary (RE2 may have run on into the next word).
// Subtype: the country code, e.g. "IR".
std::optional<DetectorFinding> ConfirmIban(std::string_view text, Span span,
                                           const DetectorTables& tables);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_IBAN_H_
