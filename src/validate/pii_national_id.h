// National identity numbers: US social security numbers, Chinese resident
// identity numbers and Iranian national ids (kod-e melli), each with its own
// structure and check; and the UK NHS number's check, which many Iranian ids
// also pass (docs/DETECTORS.md, "Ambiguity").
//
//   IrNationalIdValid("0499370899")  // true: mod-11 check digit
//   CnResidentIdValid("11010519491231002X", tables, 2024'06'01)  // true
#ifndef VIGIL_VALIDATE_PII_NATIONAL_ID_H_
#define VIGIL_VALIDATE_PII_NATIONAL_ID_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"
#include "validate/pii_tables.h"

namespace vigil {

// AAA-GG-SSSS as nine ASCII digits: area 001..899 except 666, group 01..99,
// serial 0001..9999, and not one of the numbers made public in advertising.
bool UsSsnValid(std::string_view digits);

// 17 digits and a check character ('0'..'9' or 'X'): a listed province
// code, a real birth date between 1900 and `today` (YYYYMMDD as a number),
// and the ISO 7064 MOD 11-2 check.
bool CnResidentIdValid(std::string_view id, const DetectorTables& tables, int today);

// 10 ASCII digits, not all the same, whose last digit is the mod-11 check.
bool IrNationalIdValid(std::string_view digits);

// 10 ASCII digits whose last digit is the NHS mod-11 check (weights 10..2).
bool NhsNumberValid(std::string_view digits);

// Today's date as YYYYMMDD, from the system clock (UTC).
int TodayYmd();

// The checks that confirm a candidate, before context scoring.
std::optional<DetectorFinding> ConfirmUsSsn(std::string_view text, Span span);
std::optional<DetectorFinding> ConfirmCnResidentId(std::string_view text, Span span,
                                                   const DetectorTables& tables);
std::optional<DetectorFinding> ConfirmIrNationalId(std::string_view text, Span span);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_NATIONAL_ID_H_
