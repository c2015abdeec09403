#include "validate/pii_tables.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/strings.h"
#include "common/text.h"
#include "common/utf8.h"
#include "validate/pii_data.h"

namespace vigil {
namespace {

// `s` cut at every `sep` (an empty `s` gives one empty piece).
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  for (;;) {
    const size_t pos = s.find(sep, start);
    pieces.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return pieces;
    start = pos + 1;
  }
}

// "a-b" as {a, b}; "a" as {a, a}.
std::pair<std::string_view, std::string_view> SplitRange(std::string_view s) {
  const size_t dash = s.find('-');
  if (dash == std::string_view::npos) return {s, s};
  return {s.substr(0, dash), s.substr(dash + 1)};
}

// One data line: its columns, and where it came from for errors.
struct Line {
  std::string_view file;
  int number;
  std::vector<std::string_view> columns;
};

absl::Status LineError(const Line& line, std::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("data/pii/", ToAbsl(line.file), ":", line.number, ": ", ToAbsl(message)));
}

// Tab-separated lines without comments ('#' first) and blank lines. Every
// line must have `min_columns`..`max_columns` columns.
absl::StatusOr<std::vector<Line>> ReadLines(std::string_view file, std::string_view text,
                                            size_t min_columns, size_t max_columns) {
  std::vector<Line> lines;
  if (!IsValidUtf8(text)) {
    return absl::InvalidArgumentError(absl::StrCat("data/pii/", ToAbsl(file), ": not UTF-8"));
  }
  int number = 0;
  for (std::string_view s : Split(text, '\n')) {
    ++number;
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    if (s.empty() || s.front() == '#') continue;
    Line line{file, number, {}};
    line.columns = Split(s, '\t');
    if (line.columns.size() < min_columns || line.columns.size() > max_columns) {
      const std::string expected =
          min_columns == max_columns ? absl::StrCat(min_columns)
                                     : absl::StrCat(min_columns, " to ", max_columns);
      return LineError(line, absl::StrCat("expected ", expected, " tab-separated columns, found ",
                                          line.columns.size()));
    }
    for (std::string_view column : line.columns) {
      if (column.empty()) return LineError(line, "empty column");
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> ParseInt(std::string_view s) {
  int value = 0;
  if (!AllDigits(s)) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

int ScriptByName(std::string_view name) {
  const std::string n(name);
  return u_getPropertyValueEnum(UCHAR_SCRIPT, n.c_str());
}

absl::StatusOr<DetectorKind> DetectorByName(const Line& line, std::string_view name) {
  const DetectorSpec* spec = FindDetector(name);
  if (!spec) return LineError(line, absl::StrCat("unknown detector '", ToAbsl(name), "'"));
  return spec->kind;
}

absl::Status ParseCardIssuers(std::string_view file, std::string_view text, DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 4, 4);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    CardIssuer issuer;
    issuer.name = std::string(line.columns[0]);
    for (std::string_view item : Split(line.columns[1], ',')) {
      const auto [low, high] = SplitRange(item);
      if (!AllDigits(low) || !AllDigits(high) || low.size() != high.size() || low > high) {
        return LineError(line, absl::StrCat("bad prefix '", ToAbsl(item),
                                            "' (want digits, or a range of equal width)"));
      }
      issuer.prefixes.push_back({std::string(low), std::string(high)});
    }
    for (std::string_view item : Split(line.columns[2], ',')) {
      const auto [low_text, high_text] = SplitRange(item);
      std::optional<int> low = ParseInt(low_text);
      std::optional<int> high = ParseInt(high_text);
      if (!low || !high || *low < 12 || *high > 19 || *low > *high) {
        return LineError(line, absl::StrCat("bad length '", ToAbsl(item), "' (want 12..19)"));
      }
      issuer.lengths.push_back({*low, *high});
    }
    for (std::string_view item : Split(line.columns[3], ',')) {
      if (item == "4*") {
        issuer.groups_of_four = true;
        continue;
      }
      std::vector<int> grouping;
      for (std::string_view group : Split(item, '-')) {
        std::optional<int> size = ParseInt(group);
        if (!size || *size < 1 || *size > 19) {
          return LineError(line, absl::StrCat("bad grouping '", ToAbsl(item),
                                              "' (want 4* or sizes like 4-6-5)"));
        }
        grouping.push_back(*size);
      }
      issuer.groupings.push_back(std::move(grouping));
    }
    t->card_issuers.push_back(std::move(issuer));
  }
  if (t->card_issuers.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("data/pii/", ToAbsl(file), ": no issuers"));
  }
  return absl::OkStatus();
}

bool IsUpperPair(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

absl::Status ParseIbanCountries(std::string_view file, std::string_view text,
                                DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 2, 2);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    if (!IsUpperPair(line.columns[0])) {
      return LineError(line, absl::StrCat("bad country code '", ToAbsl(line.columns[0]), "'"));
    }
    std::optional<int> length = ParseInt(line.columns[1]);
    if (!length || *length < 15 || *length > 34) {
      return LineError(line, absl::StrCat("bad IBAN length '", ToAbsl(line.columns[1]),
                                          "' (want 15..34)"));
    }
    t->iban_lengths[(line.columns[0][0] - 'A') * 26 + (line.columns[0][1] - 'A')] =
        static_cast<uint8_t>(*length);
  }
  return absl::OkStatus();
}

absl::Status ParseCnRegions(std::string_view file, std::string_view text, DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 1, 2);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    if (line.columns[0].size() != 2 || !AllDigits(line.columns[0])) {
      return LineError(line, absl::StrCat("bad region code '", ToAbsl(line.columns[0]),
                                          "' (want two digits)"));
    }
    t->cn_provinces[*ParseInt(line.columns[0])] = true;
  }
  return absl::OkStatus();
}

absl::Status ParseEmailTlds(std::string_view file, std::string_view text, DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 1, 1);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    const std::string_view tld = line.columns[0];
    if (tld.size() > 24 || !std::all_of(tld.begin(), tld.end(), [](char c) {
          return (c >= 'a' && c <= 'z');
        })) {
      return LineError(line, absl::StrCat("bad top-level domain '", ToAbsl(tld),
                                          "' (want up to 24 lower-case ASCII letters)"));
    }
    t->email_tlds.insert(std::string(tld));
  }
  return absl::OkStatus();
}

absl::Status ParsePhoneRegions(std::string_view file, std::string_view text,
                               DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 3, 3);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    PhoneRegion region;
    if (!IsUpperPair(line.columns[0])) {
      return LineError(line, absl::StrCat("bad region '", ToAbsl(line.columns[0]), "'"));
    }
    region.region = std::string(line.columns[0]);
    if (line.columns[1] == "yes") {
      region.trunk = PhoneRegion::Trunk::kRequired;
    } else if (line.columns[1] == "mobile") {
      region.trunk = PhoneRegion::Trunk::kExceptMobile;
    } else if (line.columns[1] != "no") {
      return LineError(line, "trunk_required must be yes, mobile or no");
    }
    if (line.columns[2] != "-") {
      region.script = ScriptByName(line.columns[2]);
      if (region.script < 0) {
        return LineError(line, absl::StrCat("unknown script '", ToAbsl(line.columns[2]), "'"));
      }
    }
    t->phone_regions.push_back(std::move(region));
  }
  return absl::OkStatus();
}

absl::Status ParseScriptAffinity(std::string_view file, std::string_view text,
                                 DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 3, 3);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    absl::StatusOr<DetectorKind> kind = DetectorByName(line, line.columns[0]);
    if (!kind.ok()) return kind.status();
    ScriptAffinity affinity;
    affinity.subtype = std::string(line.columns[1]);
    affinity.script = ScriptByName(line.columns[2]);
    if (affinity.script < 0) {
      return LineError(line, absl::StrCat("unknown script '", ToAbsl(line.columns[2]), "'"));
    }
    t->affinities[static_cast<size_t>(*kind)].push_back(std::move(affinity));
  }
  return absl::OkStatus();
}

bool IsArabicScript(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_ARABIC;
}

absl::Status ParseContext(std::string_view file, std::string_view text, DetectorTables* t) {
  absl::StatusOr<std::vector<Line>> lines = ReadLines(file, text, 3, 3);
  if (!lines.ok()) return lines.status();
  for (const Line& line : *lines) {
    absl::StatusOr<DetectorKind> kind = DetectorByName(line, line.columns[0]);
    if (!kind.ok()) return kind.status();
    if (line.columns[1] != "+" && line.columns[1] != "-") {
      return LineError(line, "the second column must be + or -");
    }
    const std::string_view term = line.columns[2];
    ContextTerm context;
    context.positive = line.columns[1] == "+";
    size_t pos = 0;
    while (pos < term.size()) {
      context.folded.push_back(static_cast<char32_t>(
          u_foldCase(static_cast<UChar32>(DecodeUtf8At(term, pos, &pos)), U_FOLD_CASE_DEFAULT)));
    }
    const char32_t first = context.folded.front();
    const char32_t last = context.folded.back();
    context.left_boundary = !IsSpacelessScriptCodePoint(first);
    // The folded view drops ZWNJ, so Persian suffixes glue on: "کارتم".
    context.right_boundary = !IsSpacelessScriptCodePoint(last) && !IsArabicScript(last);
    t->context[static_cast<size_t>(*kind)].push_back(std::move(context));
  }
  return absl::OkStatus();
}

}  // namespace

int DetectorTables::iban_length(char a, char b) const {
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return 0;
  return iban_lengths[(a - 'A') * 26 + (b - 'A')];
}

absl::StatusOr<DetectorTables> ParseDetectorTables(
    const std::map<std::string, std::string_view>& files) {
  using Parser = absl::Status (*)(std::string_view, std::string_view, DetectorTables*);
  struct Required {
    const char* name;
    Parser parse;
  };
  constexpr Required kRequired[] = {
      {"card_issuers.tsv", ParseCardIssuers},   {"iban_countries.tsv", ParseIbanCountries},
      {"cn_regions.tsv", ParseCnRegions},       {"email_tlds.txt", ParseEmailTlds},
      {"phone_regions.tsv", ParsePhoneRegions}, {"script_affinity.tsv", ParseScriptAffinity},
  };
  DetectorTables tables;
  for (const Required& required : kRequired) {
    auto it = files.find(required.name);
    if (it == files.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("data/pii/", required.name, " is missing from the detector tables"));
    }
    if (absl::Status s = required.parse(it->first, it->second, &tables); !s.ok()) return s;
  }
  bool any_context = false;
  for (const auto& [name, text] : files) {
    if (name.rfind("context_", 0) == 0 && name.size() > 12 &&
        name.compare(name.size() - 4, 4, ".tsv") == 0) {
      any_context = true;
      if (absl::Status s = ParseContext(name, text, &tables); !s.ok()) return s;
    }
  }
  if (!any_context) {
    return absl::InvalidArgumentError("no data/pii/context_*.tsv in the detector tables");
  }
  return tables;
}

absl::StatusOr<DetectorTables> LoadDetectorTables() {
  std::map<std::string, std::string_view> files;
  for (size_t i = 0; i < kPiiDataFileCount; ++i) {
    files[kPiiDataFiles[i].name] = std::string_view(
        reinterpret_cast<const char*>(kPiiDataFiles[i].data), kPiiDataFiles[i].size);
  }
  return ParseDetectorTables(files);
}

const DetectorTables& DefaultDetectorTables() {
  // Parsed once; if the embedded data were broken (the test suite parses it),
  // the tables stay empty and the table-driven detectors find nothing rather
  // than taking the process down.
  static const DetectorTables* const tables = [] {
    absl::StatusOr<DetectorTables> loaded = LoadDetectorTables();
    return loaded.ok() ? new DetectorTables(std::move(*loaded)) : new DetectorTables();
  }();
  return *tables;
}

}  // namespace vigil
