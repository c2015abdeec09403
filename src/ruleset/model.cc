#include "ruleset/model.h"

namespace vigil {
namespace {

template <typename T, size_t N>
std::optional<T> Lookup(const std::pair<const char*, T> (&table)[N], std::string_view name) {
  for (const auto& [key, value] : table) {
    if (name == key) return value;
  }
  return std::nullopt;
}

constexpr std::pair<const char*, Action> kActions[] = {
    {"allow", VIGIL_ACTION_ALLOW},   {"tag", VIGIL_ACTION_TAG},
    {"flag", VIGIL_ACTION_FLAG},     {"censor", VIGIL_ACTION_CENSOR},
    {"redact", VIGIL_ACTION_REDACT}, {"hold", VIGIL_ACTION_HOLD},
    {"reject", VIGIL_ACTION_REJECT}};
constexpr std::pair<const char*, Priority> kPriorities[] = {
    {"low", VIGIL_PRIORITY_LOW},
    {"normal", VIGIL_PRIORITY_NORMAL},
    {"high", VIGIL_PRIORITY_HIGH},
    {"urgent", VIGIL_PRIORITY_URGENT}};
constexpr std::pair<const char*, Severity> kSeverities[] = {
    {"low", Severity::kLow},
    {"medium", Severity::kMedium},
    {"high", Severity::kHigh},
    {"critical", Severity::kCritical}};
constexpr std::pair<const char*, Field> kFields[] = {
    {"title", VIGIL_FIELD_TITLE},
    {"body", VIGIL_FIELD_BODY},
    {"links", VIGIL_FIELD_LINKS},
    {"author.name", VIGIL_FIELD_AUTHOR_NAME}};

constexpr std::pair<const char*, ViewKind> kViews[] = {
    {"raw", ViewKind::kRaw},
    {"folded", ViewKind::kFolded},
    {"skeleton", ViewKind::kSkeleton},
    {"skeleton_strict", ViewKind::kSkeletonStrict}};
constexpr std::pair<const char*, Evasion> kEvasions[] = {
    {"off", Evasion::kOff}, {"standard", Evasion::kStandard}, {"strict", Evasion::kStrict}};

template <typename T, size_t N>
const char* NameOf(const std::pair<const char*, T> (&table)[N], T value) {
  for (const auto& [key, v] : table) {
    if (v == value) return key;
  }
  return "unknown";
}

}  // namespace

std::optional<Action> ParseAction(std::string_view name) { return Lookup(kActions, name); }
std::optional<Priority> ParsePriority(std::string_view name) {
  return Lookup(kPriorities, name);
}
std::optional<Severity> ParseSeverity(std::string_view name) {
  return Lookup(kSeverities, name);
}
std::optional<Field> ParseField(std::string_view name) { return Lookup(kFields, name); }
std::optional<ViewKind> ParseView(std::string_view name) { return Lookup(kViews, name); }
std::optional<Evasion> ParseEvasion(std::string_view name) { return Lookup(kEvasions, name); }

ViewKind DefaultView(MatcherKind matcher, Evasion evasion, bool case_sensitive,
                     bool folding_keeps_patterns) {
  switch (matcher) {
    case MatcherKind::kWords:
    case MatcherKind::kPhrases:
      if (case_sensitive) return ViewKind::kRaw;
      switch (evasion) {
        case Evasion::kOff:
          return ViewKind::kFolded;
        case Evasion::kStandard:
          return ViewKind::kSkeleton;
        case Evasion::kStrict:
          return ViewKind::kSkeletonStrict;
      }
      return ViewKind::kSkeleton;
    case MatcherKind::kRegex:
      return case_sensitive && !folding_keeps_patterns ? ViewKind::kRaw : ViewKind::kFolded;
    case MatcherKind::kDetect:
      return ViewKind::kFolded;
  }
  return ViewKind::kFolded;
}
const char* SeverityName(Severity severity) { return NameOf(kSeverities, severity); }
const char* ActionName(Action action) { return NameOf(kActions, action); }
const char* PriorityName(Priority priority) { return NameOf(kPriorities, priority); }
const char* FieldName(Field field) { return NameOf(kFields, field); }

}  // namespace vigil
