// Phone numbers, validated with libphonenumber's per-country metadata
// (compiled once by PhoneNumbering, pii_phone_metadata.h; libphonenumber
// itself only reads numbers written with letters or unusual punctuation).
//
// A number written internationally (+CC or 00CC) is checked against every
// country. A national number is checked against the regions of
// data/pii/phone_regions.tsv in their order, except that a region whose
// script the surrounding text is written in goes first: "0912 345 6789" in
// Persian text is tried as Iranian first. Regions that require the trunk
// prefix are not tried for numbers that lack it (except mobiles where the
// table says so), so a bare 10-digit id is not read as a national number
// written without its 0.
#ifndef VIGIL_VALIDATE_PII_PHONE_H_
#define VIGIL_VALIDATE_PII_PHONE_H_

#include <optional>
#include <string_view>

#include "validate/pii_finding.h"
#include "validate/pii_tables.h"

namespace vigil {

// Confirms text[span] as a phone number, before context scoring; may narrow
// it to a prefix that ends at a separator (two numbers separated by a space
// arrive as one candidate). `script` is the UScriptCode of the surrounding
// letters, or -1. Subtype: the number's region ("US", "CA", "IR", …).
std::optional<DetectorFinding> ConfirmPhone(std::string_view text, Span span,
                                            const DetectorTables& tables, int script);

// The region whose numbering plan `number` (digits, optionally '+' first,
// any separators) is valid in, trying `region` for a national number; null
// when invalid, or when `mobile_only` and it is not a mobile number. The
// result is static storage. *printed_grouping (if not null; set for valid
// numbers) tells whether `number`'s digit groups are those of the
// country's national format. Thread-safe; allocates nothing for numbers of
// digits, '+' and the separators of phone candidates, once warm.
const char* ValidPhoneRegion(std::string_view number, const char* region,
                             bool mobile_only = false, bool* printed_grouping = nullptr);

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_PHONE_H_
