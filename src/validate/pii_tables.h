// The data the private-information detectors validate against: card issuer
// prefixes and lengths, IBAN lengths, Chinese region codes, the regions
// whose national phone formats are accepted, e-mail top-level domains,
// context words per language and script affinities. They live as data files
// under data/pii/ (see docs/DETECTORS.md), embedded into the library, and
// are parsed once when an engine is built:
//
//   absl::StatusOr<DetectorTables> tables = LoadDetectorTables();
//   if (!tables.ok()) return tables.status();  // names the file and line
//   std::optional<DetectorFinding> f = ConfirmDetector(kind, text, span, *tables);
//
// A DetectorTables is immutable after loading, so threads share it freely.
#ifndef VIGIL_VALIDATE_PII_TABLES_H_
#define VIGIL_VALIDATE_PII_TABLES_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "compile/detectors.h"

namespace vigil {

struct CardIssuer {
  // Equal-width digit strings: a number matches when its leading
  // low.size() digits are within [low, high].
  struct PrefixRange {
    std::string low;
    std::string high;
  };
  std::string name;
  std::vector<PrefixRange> prefixes;
  std::vector<std::pair<int, int>> lengths;  // inclusive ranges
  bool groups_of_four = false;               // "4*": 4-4-4-…, last group 1..4
  std::vector<std::vector<int>> groupings;   // exact groupings, e.g. {4, 6, 5}
};

struct PhoneRegion {
  std::string region;  // "US", "IR", …
  // Whether a national number must begin with the trunk prefix 0.
  enum class Trunk { kNone, kRequired, kExceptMobile };
  Trunk trunk = Trunk::kNone;
  int script = -1;  // UScriptCode that makes this region the first guess, or -1
};

struct ContextTerm {
  std::u32string folded;  // case-folded code points
  bool positive = true;
  bool left_boundary = true;   // the character before must not be a letter
  bool right_boundary = true;  // the character after must not be a letter
};

struct ScriptAffinity {
  std::string subtype;  // "*" for every subtype
  int script = -1;      // UScriptCode
};

struct DetectorTables {
  std::vector<CardIssuer> card_issuers;
  // Index (first - 'A') * 26 + (second - 'A'); 0 = no IBAN for the country.
  std::array<uint8_t, 26 * 26> iban_lengths{};
  std::array<bool, 100> cn_provinces{};
  absl::flat_hash_set<std::string> email_tlds;  // lower case
  std::vector<PhoneRegion> phone_regions;       // in the file's order
  std::array<std::vector<ContextTerm>, kDetectorKindCount> context;
  std::array<std::vector<ScriptAffinity>, kDetectorKindCount> affinities;

  const std::vector<ContextTerm>& context_for(DetectorKind kind) const {
    return context[static_cast<size_t>(kind)];
  }
  const std::vector<ScriptAffinity>& affinities_for(DetectorKind kind) const {
    return affinities[static_cast<size_t>(kind)];
  }
  int iban_length(char a, char b) const;  // 0 when unknown
};

// Parses the tables from files named as under data/pii/ ("card_issuers.tsv",
// "context_en.tsv", …). Every file the tables need must be present; every
// context_*.tsv present is read. On error: InvalidArgument naming the file,
// line and problem.
absl::StatusOr<DetectorTables> ParseDetectorTables(
    const std::map<std::string, std::string_view>& files);

// Parses the files embedded into the library at build time.
absl::StatusOr<DetectorTables> LoadDetectorTables();

// The embedded tables, parsed once per process on first use (thread-safe).
// For callers that have no engine at hand (ConfirmDetectorMatch). Never
// fails: should the embedded data not parse (the test suite rules that out),
// the tables are empty and the table-driven detectors find nothing.
const DetectorTables& DefaultDetectorTables();

}  // namespace vigil

#endif  // VIGIL_VALIDATE_PII_TABLES_H_
