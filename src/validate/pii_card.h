// Payment card numbers: the Luhn check and the issuer table (prefix, length,
// grouping), and the check that confirms a `credit_card` candidate.
//
//   LuhnValid("4111111111111111")  // true
//   FindCardIssuer(tables.card_issuers, "4111111111111111")->name  // "visa"
#ifndef VIGIL_VALIDATE_PII_CARD_H_
#define VIGIL_VALIDATE_PII_CARD_H_

#include <optional>
#include <string_view>
#include <vector>

#include "validate/pii_finding.h"
#include "validate/pii_tables.h"

namespace vigil {

// True when the ASCII digits pass the Luhn (mod 10) check.
bool LuhnValid(std::string_view digits);

// The issuer whose longest prefix matches `digits` and whose lengths include
// digits.size(), or null.
const CardIssuer* FindCardIssuer(const std::vector<CardIssuer>& issuers,
                                 std::string_view digits);

// Confirms text[span] as a card number, before context scoring: the whole
// candidate, or (narrowed, less confident) the candidate without one or two
// trailing groups ("… 1111 12/25" written without the slash) or one leading
// group. A number written in groups must be grouped as its issuer prints it.
std::optional<DetectorFinding> ConfirmCreditCard(std::string_view text, Span span,
                                                 const DetectorTables& tables);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_CARD_H_
