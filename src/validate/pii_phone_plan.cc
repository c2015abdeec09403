#include "validate/pii_phone_plan.h"

#include <phonenumbers/phonemetadata.pb.h>
#include <re2/re2.h>

#include <algorithm>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "common/strings.h"

namespace vigil {
namespace {

using i18n::phonenumbers::NumberFormat;
using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneNumberDesc;
using re2::RE2;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

re2::StringPiece AsPiece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

bool FullMatch(const RE2& re, std::string_view s) {
  return re.Match(AsPiece(s), 0, s.size(), RE2::ANCHOR_BOTH, nullptr, 0);
}

// The length of the match that begins s (ICU's lookingAt), or -1.
int PrefixMatch(const RE2& re, std::string_view s) {
  re2::StringPiece match;
  if (!re.Match(AsPiece(s), 0, s.size(), RE2::ANCHOR_START, &match, 1)) return -1;
  return static_cast<int>(match.size());
}

absl::StatusOr<std::unique_ptr<RE2>> CompileRe2(const std::string& pattern,
                                                std::string_view where) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_never_capture(true);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(where), " '", pattern, "': ", re->error()));
  }
  return re;
}

}  // namespace

// One piece of a replacement ("($1) $2-$3"): a capture group, or a literal
// character when group < 0.
struct PhonePlan::Piece {
  int8_t group;
  char literal;
};

// A PhoneNumberDesc: the national numbers of one type.
struct PhonePlan::Desc {
  std::vector<int> lengths;
  std::vector<int> local_lengths;
  std::unique_ptr<RE2> pattern;  // null when the metadata has none: matches nothing

  // libphonenumber's IsMatch: the pattern alone.
  bool Matches(std::string_view number) const { return pattern && FullMatch(*pattern, number); }
  // IsNumberMatchingDesc: a listed length (if any are), then the pattern.
  bool MatchesWithLength(std::string_view number) const {
    if (!lengths.empty() && std::find(lengths.begin(), lengths.end(),
                                      static_cast<int>(number.size())) == lengths.end()) {
      return false;
    }
    return Matches(number);
  }
};

// A NumberFormat: which national numbers it formats, and how.
struct PhonePlan::Format {
  std::unique_ptr<RE2> leading_digits;  // null: any
  std::unique_ptr<RE2> pattern;
  DigitPattern groups;
  // The national format: format() with its first group wrapped in
  // national_prefix_formatting_rule(), as FormatNsnUsingPattern does.
  std::vector<Piece> national;
};

namespace {

using Piece = PhonePlan::Piece;

// ICU's replacement syntax as the metadata uses it: $n for group n (one
// digit: the patterns have fewer than ten groups), anything else literal
// except '\' and a '$' without a group, which the metadata never has.
absl::StatusOr<std::vector<Piece>> ParseReplacement(std::string_view rule, int groups,
                                                    std::string_view where) {
  std::vector<Piece> pieces;
  for (size_t i = 0; i < rule.size(); ++i) {
    if (rule[i] == '$' && i + 1 < rule.size() && IsDigit(rule[i + 1]) &&
        rule[i + 1] - '0' <= groups) {
      pieces.push_back({static_cast<int8_t>(rule[++i] - '0'), 0});
    } else if (rule[i] == '$' || rule[i] == '\\') {
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(where), ": replacement '", ToAbsl(rule), "'"));
    } else {
      pieces.push_back({-1, rule[i]});
    }
  }
  return pieces;
}

absl::StatusOr<std::unique_ptr<PhonePlan::Desc>> CompileDesc(const PhoneNumberDesc& desc,
                                                             std::string_view where) {
  auto compiled = std::make_unique<PhonePlan::Desc>();
  compiled->lengths.assign(desc.possible_length().begin(), desc.possible_length().end());
  compiled->local_lengths.assign(desc.possible_length_local_only().begin(),
                                 desc.possible_length_local_only().end());
  if (!desc.national_number_pattern().empty()) {
    absl::StatusOr<std::unique_ptr<RE2>> re = CompileRe2(desc.national_number_pattern(), where);
    if (!re.ok()) return re.status();
    compiled->pattern = *std::move(re);
  }
  return compiled;
}

absl::StatusOr<PhonePlan::Format> CompileFormat(const NumberFormat& format,
                                                std::string_view where) {
  PhonePlan::Format compiled;
  if (format.leading_digits_pattern_size() > 0) {
    // libphonenumber uses the last, most detailed, pattern.
    absl::StatusOr<std::unique_ptr<RE2>> re =
        CompileRe2(format.leading_digits_pattern(format.leading_digits_pattern_size() - 1), where);
    if (!re.ok()) return re.status();
    compiled.leading_digits = *std::move(re);
  }
  absl::StatusOr<std::unique_ptr<RE2>> re = CompileRe2(format.pattern(), where);
  if (!re.ok()) return re.status();
  compiled.pattern = *std::move(re);
  absl::StatusOr<DigitPattern> groups = DigitPattern::Compile(format.pattern());
  if (!groups.ok()) return groups.status();
  compiled.groups = *std::move(groups);

  std::string rule = format.format();
  const std::string& prefix_rule = format.national_prefix_formatting_rule();
  if (!prefix_rule.empty()) {
    // The first "$n" of the format becomes the prefix rule, whose "$1" is
    // that "$n" (ICU's replaceFirst of (\$\d) by the rule).
    for (size_t i = 0; i + 1 < rule.size(); ++i) {
      if (rule[i] != '$' || !IsDigit(rule[i + 1])) continue;
      absl::StatusOr<std::vector<Piece>> wrapped = ParseReplacement(prefix_rule, 1, where);
      if (!wrapped.ok()) return wrapped.status();
      std::string replacement;
      for (const Piece& piece : *wrapped) {
        if (piece.group < 0) {
          replacement.push_back(piece.literal);
        } else {
          replacement += rule.substr(i, 2);
        }
      }
      rule.replace(i, 2, replacement);
      break;
    }
  }
  absl::StatusOr<std::vector<Piece>> national =
      ParseReplacement(rule, compiled.groups.group_count(), where);
  if (!national.ok()) return national.status();
  compiled.national = *std::move(national);
  return compiled;
}

}  // namespace

bool DigitRuns::SameAs(std::string_view text) {
  Separator();
  size_t run = 0, index = 0;
  for (char c : text) {
    if (IsDigit(c)) {
      ++run;
    } else if (run > 0) {
      if (index >= count_ || runs_[index++] != run) return false;
      run = 0;
    }
  }
  if (run > 0 && (index >= count_ || runs_[index++] != run)) return false;
  return index == count_;
}

PhonePlan::PhonePlan() = default;
PhonePlan::~PhonePlan() = default;

absl::StatusOr<std::unique_ptr<PhonePlan>> PhonePlan::Compile(const PhoneMetadata& m) {
  auto plan = absl::WrapUnique(new PhonePlan);
  const std::string where = absl::StrCat("phone metadata ", m.id(), " (+", m.country_code(), ")");
  plan->code_ = m.id();
  plan->country_code_ = m.country_code();
  plan->country_code_digits_ = absl::StrCat(m.country_code());
  plan->same_mobile_and_fixed_line_ = m.same_mobile_and_fixed_line_pattern();

  // An empty international prefix still matches (the empty string), as in
  // libphonenumber; an empty national prefix for parsing means none.
  absl::StatusOr<std::unique_ptr<RE2>> re = CompileRe2(m.international_prefix(), where);
  if (!re.ok()) return re.status();
  plan->international_prefix_ = *std::move(re);
  if (!m.national_prefix_for_parsing().empty()) {
    re = CompileRe2(m.national_prefix_for_parsing(), where);
    if (!re.ok()) return re.status();
    plan->national_prefix_ = *std::move(re);
    if (!m.national_prefix_transform_rule().empty()) {
      absl::StatusOr<DigitPattern> groups = DigitPattern::Compile(m.national_prefix_for_parsing());
      if (!groups.ok()) return groups.status();
      absl::StatusOr<std::vector<Piece>> transform =
          ParseReplacement(m.national_prefix_transform_rule(), groups->group_count(), where);
      if (!transform.ok()) return transform.status();
      // Parse may apply the transform twice (after a country code written
      // without '+', then again to the national number).
      size_t growth = 0;
      for (const Piece& piece : *transform) growth += piece.group < 0 ? 1 : groups->max_length();
      if (PhoneDigits::kMaxInput + 2 * growth > PhoneDigits::kCapacity) {
        return absl::InternalError(absl::StrCat(where, ": transform rule too long"));
      }
      plan->national_prefix_groups_ = *std::move(groups);
      plan->transform_ = *std::move(transform);
    }
  }
  if (m.has_leading_digits()) {
    re = CompileRe2(m.leading_digits(), where);
    if (!re.ok()) return re.status();
    plan->leading_digits_ = *std::move(re);
  }
  const std::pair<std::unique_ptr<Desc>*, const PhoneNumberDesc*> descs[] = {
      {&plan->general_, &m.general_desc()},
      {&plan->premium_rate_, &m.premium_rate()},
      {&plan->toll_free_, &m.toll_free()},
      {&plan->shared_cost_, &m.shared_cost()},
      {&plan->voip_, &m.voip()},
      {&plan->personal_number_, &m.personal_number()},
      {&plan->pager_, &m.pager()},
      {&plan->uan_, &m.uan()},
      {&plan->voicemail_, &m.voicemail()},
      {&plan->fixed_line_, &m.fixed_line()},
      {&plan->mobile_, &m.mobile()},
  };
  for (const auto& [desc, source] : descs) {
    absl::StatusOr<std::unique_ptr<Desc>> compiled = CompileDesc(*source, where);
    if (!compiled.ok()) return compiled.status();
    *desc = *std::move(compiled);
  }
  for (const NumberFormat& format : m.number_format()) {
    absl::StatusOr<Format> compiled = CompileFormat(format, where);
    if (!compiled.ok()) return compiled.status();
    plan->formats_.push_back(*std::move(compiled));
  }
  return plan;
}

int PhonePlan::InternationalPrefixLength(std::string_view digits) const {
  return PrefixMatch(*international_prefix_, digits);
}

std::optional<bool> PhonePlan::HasLeadingDigits(std::string_view nsn) const {
  if (!leading_digits_) return std::nullopt;
  return PrefixMatch(*leading_digits_, nsn) >= 0;
}

bool PhonePlan::GeneralMatches(std::string_view number) const { return general_->Matches(number); }

LengthCheck PhonePlan::TestLength(std::string_view number) const {
  const std::vector<int>& possible = general_->lengths;
  if (possible.empty() || possible[0] == -1) return LengthCheck::kInvalidLength;
  const int length = static_cast<int>(number.size());
  const std::vector<int>& local = general_->local_lengths;
  if (std::find(local.begin(), local.end(), length) != local.end()) {
    return LengthCheck::kPossibleLocalOnly;
  }
  // The lengths are sorted: the first is the shortest, the last the longest.
  if (possible.front() == length) return LengthCheck::kPossible;
  if (possible.front() > length) return LengthCheck::kTooShort;
  if (possible.back() < length) return LengthCheck::kTooLong;
  return std::find(possible.begin() + 1, possible.end(), length) != possible.end()
             ? LengthCheck::kPossible
             : LengthCheck::kInvalidLength;
}

PhoneNumberKind PhonePlan::KindOf(std::string_view nsn) const {
  if (!general_->MatchesWithLength(nsn)) return PhoneNumberKind::kUnknown;
  // libphonenumber's order of precedence.
  for (const Desc* desc : {premium_rate_.get(), toll_free_.get(), shared_cost_.get(), voip_.get(),
                           personal_number_.get(), pager_.get(), uan_.get(), voicemail_.get()}) {
    if (desc->MatchesWithLength(nsn)) return PhoneNumberKind::kOther;
  }
  if (fixed_line_->MatchesWithLength(nsn)) {
    return same_mobile_and_fixed_line_ || mobile_->MatchesWithLength(nsn)
               ? PhoneNumberKind::kFixedLineOrMobile
               : PhoneNumberKind::kFixedLine;
  }
  if (!same_mobile_and_fixed_line_ && mobile_->MatchesWithLength(nsn)) {
    return PhoneNumberKind::kMobile;
  }
  return PhoneNumberKind::kUnknown;
}

PhoneDigits PhonePlan::StripNationalPrefix(std::string_view number) const {
  const PhoneDigits unchanged(number);
  if (number.empty() || !national_prefix_) return unchanged;
  if (national_prefix_groups_) {
    DigitPattern::Groups groups;
    // The part of the prefix the rule keeps: the second group when there
    // are two (the first is the carrier code), else the first. Without it
    // the prefix is only removed, below.
    const int kept = national_prefix_groups_->group_count() >= 2 ? 2 : 1;
    if (national_prefix_groups_->group_count() >= 1 &&
        national_prefix_groups_->MatchAt(number, 0, &groups) &&
        groups.end[kept] > groups.begin[kept]) {
      PhoneDigits transformed;
      for (const Piece& piece : transform_) {
        if (piece.group < 0) {
          transformed.Append(piece.literal);
        } else if (groups.begin[piece.group] >= 0) {
          transformed.Append(number.substr(groups.begin[piece.group],
                                           groups.end[piece.group] - groups.begin[piece.group]));
        }
      }
      transformed.Append(number.substr(groups.end[0]));
      if (general_->Matches(number) && !general_->Matches(transformed.view())) return unchanged;
      return transformed;
    }
  }
  const int prefix = PrefixMatch(*national_prefix_, number);
  if (prefix < 0) return unchanged;
  const std::string_view rest = number.substr(prefix);
  if (general_->Matches(number) && !general_->Matches(rest)) return unchanged;
  return PhoneDigits(rest);
}

void PhonePlan::NationalFormatRuns(std::string_view nsn, DigitRuns* runs) const {
  // ChooseFormattingPatternForNumber: the first format whose leading
  // digits begin the number and whose pattern takes it all.
  const Format* chosen = nullptr;
  for (const Format& format : formats_) {
    if (format.leading_digits && PrefixMatch(*format.leading_digits, nsn) < 0) continue;
    if (FullMatch(*format.pattern, nsn)) {
      chosen = &format;
      break;
    }
  }
  if (!chosen) {
    runs->Digits(nsn.size());
    return;
  }
  // ICU's replaceAll of the pattern by the national format.
  size_t copied = 0, from = 0;
  DigitPattern::Groups groups;
  while (from <= nsn.size()) {
    size_t start = from;
    while (start <= nsn.size() && !chosen->groups.MatchAt(nsn, start, &groups)) ++start;
    if (start > nsn.size()) break;
    runs->Digits(start - copied);
    for (const Piece& piece : chosen->national) {
      if (piece.group >= 0) {
        if (groups.begin[piece.group] >= 0) {
          runs->Digits(groups.end[piece.group] - groups.begin[piece.group]);
        }
      } else if (IsDigit(piece.literal)) {
        runs->Digits(1);
      } else {
        runs->Separator();
      }
    }
    copied = groups.end[0];
    // After an empty match the next search starts one further on.
    from = groups.end[0] > static_cast<int>(start) ? groups.end[0] : start + 1;
  }
  runs->Digits(nsn.size() - copied);
}

}  // namespace vigil
