// The typed ruleset: what the YAML says, resolved (includes merged, lists
// read, overrides applied, ids checked). Everything later in the pipeline
// works from this, never from YAML.
#ifndef VIGIL_RULESET_MODEL_H_
#define VIGIL_RULESET_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/view_kind.h"
#include "ruleset/diagnostics.h"
#include "vigil/vigil.h"

namespace vigil {

// Actions are the C ABI's enum: ordered least to most severe.
using Action = vigil_action;
using Priority = vigil_priority;
using Field = vigil_field;
inline constexpr int kFieldCount = 4;

enum class Severity { kLow, kMedium, kHigh, kCritical };
enum class MatcherKind { kWords, kPhrases, kRegex, kDetect };
enum class RuleMode { kEnforce, kDryRun };

// The view a rule matches when it does not say: words and phrases the
// skeleton (or folded with `evasion: off`, raw when case-sensitive); regexes
// the folded view, also case-sensitive ones (it keeps ASCII case, and that
// saves scanning the raw view) unless folding changes a character of the
// regex itself ("Ä", "ﬁ": `folding_keeps_patterns` false), then raw;
// detectors the folded view, where every script's digits are ASCII.
ViewKind DefaultView(MatcherKind matcher, Evasion evasion, bool case_sensitive,
                     bool folding_keeps_patterns);

// Parsing and naming of the enums, shared by the parser, the verdict and the
// JSON writer. Parse* return nullopt for an unknown name.
std::optional<Action> ParseAction(std::string_view name);
std::optional<Priority> ParsePriority(std::string_view name);
std::optional<Severity> ParseSeverity(std::string_view name);
std::optional<Field> ParseField(std::string_view name);
std::optional<ViewKind> ParseView(std::string_view name);
std::optional<Evasion> ParseEvasion(std::string_view name);
const char* SeverityName(Severity severity);
const char* ActionName(Action action);
const char* PriorityName(Priority priority);
const char* FieldName(Field field);

struct Guideline {
  std::string id;
  std::string title;
  std::string url;
  SourceLocation location;
};

struct Escalation {
  std::string id;
  Priority priority = VIGIL_PRIORITY_NORMAL;
  std::string description;
  SourceLocation location;
};

// A condition on the post's context, from `when:` or `unless:`.
struct Condition {
  enum class Subject { kTrustLevel, kAccountAgeDays, kPostCount, kRoles, kChannel, kLang };
  enum class Op { kBelow, kAtLeast, kIn, kNotIn };
  Subject subject;
  Op op;
  int64_t number = 0;                 // kBelow, kAtLeast
  std::vector<int64_t> numbers;       // kIn / kNotIn on a number subject
  std::vector<std::string> strings;   // kIn / kNotIn on roles, channel or lang
};

// An example post from a rule's `tests:` block.
struct TestPost {
  std::string id, title, body, author_id, author_name, channel, lang;
  std::optional<std::vector<std::string>> links;
  std::optional<int64_t> trust_level, account_age_days, post_count;
  std::vector<std::string> roles;
};

struct RuleTest {
  bool expect_match = true;
  TestPost post;
  SourceLocation location;
};

struct Rule {
  std::string id;
  std::string guideline;         // a key of Ruleset::guidelines
  std::string category;
  Severity severity = Severity::kMedium;
  MatcherKind matcher = MatcherKind::kWords;
  std::vector<std::string> terms;     // kWords / kPhrases, lists expanded
  std::vector<std::string> regexes;   // kRegex
  std::vector<SourceLocation> regex_locations;  // one per regex, for diagnostics
  std::string detector;               // kDetect
  SourceLocation matcher_location;    // where words/phrases/regex/detect is written
  // Terms whose matches suppress this rule's matches they cover ("你妈妈"
  // for "你妈"), matched on the same view: the rule's `except:` and the
  // `except:` of every list it uses.
  std::vector<std::string> exceptions;
  uint32_t field_mask = (1u << VIGIL_FIELD_TITLE) | (1u << VIGIL_FIELD_BODY);
  bool case_sensitive = false;
  Evasion evasion = Evasion::kStandard;
  // The view the matcher runs on: `view:` if given, else the default for its
  // kind (see DefaultView).
  ViewKind view = ViewKind::kSkeleton;
  bool view_given = false;
  std::vector<Condition> when;
  std::vector<Condition> unless;
  uint32_t min_count = 1;
  Action action = VIGIL_ACTION_FLAG;
  std::vector<std::string> escalate;  // keys of Ruleset::escalations
  // redact: what replaces each span. Empty: "[redacted]", or for a detector
  // its own label ("[card number removed]").
  std::string replacement;
  // redact_style: shape keeps a redacted value's separators and last four
  // characters visible ("•••• •••• •••• 1111") instead of the replacement.
  bool redact_shape = false;
  // detect only: the confidence (0..1) a find needs to count.
  double min_confidence = 0.5;
  std::string tell_author;            // templates already expanded
  std::string note_for_moderators;
  RuleMode mode = RuleMode::kEnforce;
  std::vector<RuleTest> tests;
  SourceLocation location;
};

struct Ruleset {
  std::string name;
  std::map<std::string, std::string> categories;  // id -> description
  std::map<std::string, Guideline> guidelines;
  std::map<std::string, Escalation> escalations;
  // Escalation ids in declaration order: the tie-break among equal priorities.
  std::vector<std::string> escalation_order;
  std::vector<Rule> rules;  // enabled rules only, in file order
  // Rules that are not compiled (disabled by an override, duplicate ids):
  // their regexes and detectors are still checked, so one run reports every
  // problem.
  std::vector<Rule> unused_rules;
};

}  // namespace vigil

#endif  // VIGIL_RULESET_MODEL_H_
