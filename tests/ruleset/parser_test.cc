// ParseRulesetFile: one YAML file into drafts, every problem reported with
// file:line:column and the rule it belongs to. ParseListFile: term lists.
#include "ruleset/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace vigil {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr const char* kPath = "rules/forum.yaml";

// "<where>: error: unknown key '<key>' in <what> (expected one of: ...) [rule]",
// with `first_allowed` at the start of the list. The list itself may grow
// with the format, so only its start is pinned.
::testing::Matcher<std::string> UnknownKey(const std::string& where, const std::string& key,
                                           const std::string& what,
                                           const std::string& first_allowed,
                                           const std::string& rule = "") {
  return ::testing::AllOf(StartsWith("rules/forum.yaml:" + where + ": error: unknown key '" + key +
                                     "' in " + what + " (expected one of: " + first_allowed),
                          ::testing::EndsWith(rule.empty() ? ")" : ") [" + rule + "]"));
}

// Every diagnostic, formatted, in file order.
std::vector<std::string> Problems(std::string_view yaml, RulesetFileDraft* draft = nullptr) {
  Diagnostics diags;
  RulesetFileDraft d = ParseRulesetFile(kPath, yaml, &diags);
  diags.SortByLocation();
  std::vector<std::string> out;
  for (const Diagnostic& diag : diags.all()) out.push_back(diag.Format());
  if (draft) *draft = std::move(d);
  return out;
}

// A valid file header, so that a test adds only the part it is about.
constexpr const char* kHeader =
    "ruleset: forum\n"                                         // 1
    "guidelines:\n"                                            // 2
    "  respect: {title: Respect, url: https://f.example/r}\n"  // 3
    "rules:\n";                                                // 4
// In a rule appended after kHeader, "  - id: x" is line 5 and its keys start
// at column 5.

TEST(ParseRulesetFile, ReadsACompleteFile) {
  const char* yaml = R"yaml(ruleset: forum
format: 1
include: [base.yaml, "../shared/more.yaml"]
categories:
  feedback: {description: Product feedback}
  support:
guidelines:
  respect: {title: Respect everyone, url: "https://f.example/faq#respect"}
escalations:
  moderators: {priority: normal, description: Volunteer moderators}
  legal: {priority: urgent}
lists:
  insults: {terms: ["  idiot ", moron, ""], description: Personal attacks}
  profanity: {file: lists/profanity.txt}
rules:
  - id: respect.insults
    guideline: respect
    category: abuse
    severity: high
    words: {list: insults, lists: [profanity, extra], terms: [" dimwit  ", nitwit]}
    fields: [title, body, author.name]
    case_sensitive: true
    when:
      author.trust_level: {below: 2, at_least: 0}
      author.post_count: {in: [0, 1, 2]}
      channel: general
    unless:
      author.roles: {in: [moderator, staff]}
      author.account_age_days: {not_in: [7]}
      channel: {not_in: [off-topic]}
    min_count: 3
    action: redact
    escalate: [moderators, legal]
    replacement: "[removed]"
    tell_author: "Be kind ({guideline.title}: {guideline.url})"
    note_for_moderators: Insult in {rule.id}
    mode: dry_run
    description: Free text.
    tests:
      match:
        - "you idiot"
        - {id: p1, title: T, body: B, links: [https://a.example], channel: general, lang: en,
           author: {id: u1, name: Nick, trust_level: 0, account_age_days: 3, post_count: 1,
                    roles: [member]}}
      no_match: ["kind words"]
  - id: spam.links
    guideline: respect
    category: spam
    regex: ['https?://a\.example', 'bit\.ly/']
    action: hold
    escalate: moderators
  - id: privacy.email
    guideline: respect
    category: private_info
    detect: email
    fields: links
    action: reject
  - id: spam.phrases
    guideline: respect
    category: spam
    phrases: [buy now, limited offer]
    action: tag
overrides:
  base.rule: {disabled: true, action: flag, escalate: legal, mode: enforce, severity: low,
              tell_author: hi, note_for_moderators: note}
)yaml";
  RulesetFileDraft d;
  EXPECT_THAT(Problems(yaml, &d), IsEmpty());
  EXPECT_EQ(d.path, kPath);
  ASSERT_TRUE(d.name.has_value());
  EXPECT_EQ(*d.name, "forum");

  ASSERT_THAT(d.includes, SizeIs(2));
  EXPECT_EQ(d.includes[0].name, "base.yaml");
  EXPECT_EQ(d.includes[0].location.line, 3u);
  EXPECT_EQ(d.includes[0].location.column, 11u);
  EXPECT_EQ(d.includes[1].name, "../shared/more.yaml");
  EXPECT_EQ(d.includes[1].location.column, 22u);

  ASSERT_THAT(d.categories, SizeIs(2));
  EXPECT_EQ(d.categories[0].id, "feedback");
  EXPECT_EQ(d.categories[0].description, "Product feedback");
  EXPECT_EQ(d.categories[1].id, "support");  // no description: allowed
  EXPECT_EQ(d.categories[1].description, "");

  ASSERT_THAT(d.guidelines, SizeIs(1));
  EXPECT_EQ(d.guidelines[0].id, "respect");
  EXPECT_EQ(d.guidelines[0].title, "Respect everyone");
  EXPECT_EQ(d.guidelines[0].url, "https://f.example/faq#respect");
  EXPECT_EQ(d.guidelines[0].location.line, 8u);
  EXPECT_EQ(d.guidelines[0].location.column, 3u);

  ASSERT_THAT(d.escalations, SizeIs(2));
  EXPECT_EQ(d.escalations[0].id, "moderators");
  EXPECT_EQ(d.escalations[0].priority, VIGIL_PRIORITY_NORMAL);
  EXPECT_EQ(d.escalations[0].description, "Volunteer moderators");
  EXPECT_EQ(d.escalations[1].id, "legal");
  EXPECT_EQ(d.escalations[1].priority, VIGIL_PRIORITY_URGENT);

  ASSERT_THAT(d.lists, SizeIs(2));
  EXPECT_EQ(d.lists[0].name, "insults");
  // Inline list terms are trimmed; an empty one is dropped.
  EXPECT_THAT(d.lists[0].terms, ElementsAre("idiot", "moron"));
  EXPECT_FALSE(d.lists[0].file.has_value());
  EXPECT_EQ(d.lists[1].name, "profanity");
  ASSERT_TRUE(d.lists[1].file.has_value());
  EXPECT_EQ(d.lists[1].file->name, "lists/profanity.txt");
  EXPECT_EQ(d.lists[1].file->location.line, 14u);
  EXPECT_EQ(d.lists[1].file->location.column, 21u);

  ASSERT_THAT(d.rules, SizeIs(4));
  const RuleDraft& insults = d.rules[0];
  const Rule& r = insults.rule;
  EXPECT_EQ(r.id, "respect.insults");
  EXPECT_EQ(r.location.line, 16u);
  EXPECT_EQ(r.location.column, 5u);
  EXPECT_EQ(r.guideline, "respect");
  EXPECT_EQ(insults.guideline_location.line, 17u);
  EXPECT_EQ(insults.guideline_location.column, 16u);
  EXPECT_EQ(r.category, "abuse");
  EXPECT_EQ(insults.category_location.line, 18u);
  EXPECT_EQ(r.severity, Severity::kHigh);
  EXPECT_EQ(r.matcher, MatcherKind::kWords);
  EXPECT_EQ(r.matcher_location.line, 20u);
  EXPECT_EQ(r.matcher_location.column, 12u);
  EXPECT_THAT(r.terms, ElementsAre("dimwit", "nitwit"));  // inline terms only, trimmed
  ASSERT_THAT(insults.lists, SizeIs(3));
  EXPECT_EQ(insults.lists[0].name, "insults");
  EXPECT_EQ(insults.lists[1].name, "profanity");
  EXPECT_EQ(insults.lists[2].name, "extra");
  EXPECT_EQ(insults.lists[2].location.line, 20u);
  EXPECT_EQ(insults.lists[2].location.column, 47u);
  EXPECT_EQ(r.field_mask,
            (1u << VIGIL_FIELD_TITLE) | (1u << VIGIL_FIELD_BODY) | (1u << VIGIL_FIELD_AUTHOR_NAME));
  EXPECT_TRUE(r.case_sensitive);

  using S = Condition::Subject;
  using O = Condition::Op;
  ASSERT_THAT(r.when, SizeIs(4));
  EXPECT_EQ(r.when[0].subject, S::kTrustLevel);
  EXPECT_EQ(r.when[0].op, O::kBelow);
  EXPECT_EQ(r.when[0].number, 2);
  EXPECT_EQ(r.when[1].subject, S::kTrustLevel);
  EXPECT_EQ(r.when[1].op, O::kAtLeast);
  EXPECT_EQ(r.when[1].number, 0);
  EXPECT_EQ(r.when[2].subject, S::kPostCount);
  EXPECT_EQ(r.when[2].op, O::kIn);
  EXPECT_THAT(r.when[2].numbers, ElementsAre(0, 1, 2));
  EXPECT_EQ(r.when[3].subject, S::kChannel);  // a plain string means in: [that]
  EXPECT_EQ(r.when[3].op, O::kIn);
  EXPECT_THAT(r.when[3].strings, ElementsAre("general"));
  ASSERT_THAT(r.unless, SizeIs(3));
  EXPECT_EQ(r.unless[0].subject, S::kRoles);
  EXPECT_EQ(r.unless[0].op, O::kIn);
  EXPECT_THAT(r.unless[0].strings, ElementsAre("moderator", "staff"));
  EXPECT_EQ(r.unless[1].subject, S::kAccountAgeDays);
  EXPECT_EQ(r.unless[1].op, O::kNotIn);
  EXPECT_THAT(r.unless[1].numbers, ElementsAre(7));
  EXPECT_EQ(r.unless[2].subject, S::kChannel);
  EXPECT_EQ(r.unless[2].op, O::kNotIn);
  EXPECT_THAT(r.unless[2].strings, ElementsAre("off-topic"));

  EXPECT_EQ(r.min_count, 3u);
  EXPECT_EQ(r.action, VIGIL_ACTION_REDACT);
  EXPECT_THAT(r.escalate, ElementsAre("moderators", "legal"));
  ASSERT_THAT(insults.escalate_locations, SizeIs(2));
  EXPECT_EQ(insults.escalate_locations[1].line, 33u);
  EXPECT_EQ(insults.escalate_locations[1].column, 28u);
  EXPECT_EQ(r.replacement, "[removed]");
  // Templates are expanded by the loader, not here.
  EXPECT_EQ(r.tell_author, "Be kind ({guideline.title}: {guideline.url})");
  EXPECT_EQ(r.note_for_moderators, "Insult in {rule.id}");
  EXPECT_EQ(r.mode, RuleMode::kDryRun);

  ASSERT_THAT(r.tests, SizeIs(3));
  EXPECT_TRUE(r.tests[0].expect_match);
  EXPECT_EQ(r.tests[0].post.body, "you idiot");
  EXPECT_EQ(r.tests[0].location.line, 41u);
  EXPECT_EQ(r.tests[0].location.column, 11u);
  const TestPost& p = r.tests[1].post;
  EXPECT_TRUE(r.tests[1].expect_match);
  EXPECT_EQ(r.tests[1].location.line, 42u);
  EXPECT_EQ(p.id, "p1");
  EXPECT_EQ(p.title, "T");
  EXPECT_EQ(p.body, "B");
  ASSERT_TRUE(p.links.has_value());
  EXPECT_THAT(*p.links, ElementsAre("https://a.example"));
  EXPECT_EQ(p.channel, "general");
  EXPECT_EQ(p.lang, "en");
  EXPECT_EQ(p.author_id, "u1");
  EXPECT_EQ(p.author_name, "Nick");
  EXPECT_EQ(p.trust_level, 0);
  EXPECT_EQ(p.account_age_days, 3);
  EXPECT_EQ(p.post_count, 1);
  EXPECT_THAT(p.roles, ElementsAre("member"));
  EXPECT_FALSE(r.tests[2].expect_match);
  EXPECT_EQ(r.tests[2].post.body, "kind words");
  EXPECT_FALSE(r.tests[2].post.links.has_value());
  EXPECT_FALSE(r.tests[2].post.trust_level.has_value());

  const Rule& links = d.rules[1].rule;
  EXPECT_EQ(links.matcher, MatcherKind::kRegex);
  EXPECT_THAT(links.regexes, ElementsAre("https?://a\\.example", "bit\\.ly/"));
  ASSERT_THAT(links.regex_locations, SizeIs(2));
  EXPECT_EQ(links.regex_locations[1].line, 49u);
  EXPECT_EQ(links.regex_locations[1].column, 36u);
  EXPECT_THAT(links.escalate, ElementsAre("moderators"));  // a single string
  EXPECT_EQ(links.field_mask, (1u << VIGIL_FIELD_TITLE) | (1u << VIGIL_FIELD_BODY));  // default
  EXPECT_EQ(links.severity, Severity::kMedium);                                       // default
  EXPECT_EQ(links.mode, RuleMode::kEnforce);                                          // default
  EXPECT_EQ(links.min_count, 1u);
  EXPECT_EQ(links.replacement, "");  // the default: the detector's label or [redacted]
  EXPECT_FALSE(links.case_sensitive);

  const Rule& email = d.rules[2].rule;
  EXPECT_EQ(email.matcher, MatcherKind::kDetect);
  EXPECT_EQ(email.detector, "email");
  EXPECT_EQ(email.field_mask, 1u << VIGIL_FIELD_LINKS);  // a single field name
  EXPECT_EQ(email.action, VIGIL_ACTION_REJECT);

  const Rule& phrases = d.rules[3].rule;
  EXPECT_EQ(phrases.matcher, MatcherKind::kPhrases);
  EXPECT_THAT(phrases.terms, ElementsAre("buy now", "limited offer"));
  EXPECT_EQ(phrases.action, VIGIL_ACTION_TAG);

  ASSERT_THAT(d.overrides, SizeIs(1));
  const OverrideDraft& o = d.overrides[0];
  EXPECT_EQ(o.rule_id, "base.rule");
  EXPECT_EQ(o.location.line, 64u);
  EXPECT_EQ(o.location.column, 3u);
  EXPECT_EQ(o.disabled, true);
  EXPECT_EQ(o.action, VIGIL_ACTION_FLAG);
  ASSERT_TRUE(o.escalate.has_value());
  EXPECT_THAT(*o.escalate, ElementsAre("legal"));
  EXPECT_EQ(o.mode, RuleMode::kEnforce);
  EXPECT_EQ(o.severity, Severity::kLow);
  EXPECT_EQ(o.tell_author, "hi");
  EXPECT_EQ(o.note_for_moderators, "note");
}

TEST(ParseRulesetFile, UnknownTopLevelKey) {
  EXPECT_THAT(Problems("ruleset: forum\nrulez: []\n"),
              ElementsAre("rules/forum.yaml:2:1: error: unknown key 'rulez' in the ruleset "
                          "(expected one of: ruleset, format, include, categories, guidelines, "
                          "escalations, lists, rules, overrides)"));
}

TEST(ParseRulesetFile, UnknownRuleKeyNamesTheRule) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"       // 5
                           "    guideline: respect\n"  // 6
                           "    category: abuse\n"     // 7
                           "    sevrity: high\n"       // 8
                           "    words: [idiot]\n"
                           "    action: flag\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre(UnknownKey("8:5", "sevrity", "a rule",
                                     "id, guideline, category, severity, words, phrases, regex, "
                                     "detect, fields, case_sensitive, when, unless, min_count, "
                                     "action, escalate, replacement, tell_author, "
                                     "note_for_moderators, mode, tests, description",
                                     "respect.x")));
}

TEST(ParseRulesetFile, UnknownListKey) {
  const char* yaml =
      "ruleset: forum\n"
      "lists:\n"
      "  insults: {terms: [idiot], file: x.txt, source: wiki}\n"
      "  spam:\n"
      "    files: spam.txt\n";
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre("rules/forum.yaml:3:12: error: list 'insults' has both terms and file",
                  UnknownKey("3:42", "source", "list 'insults'", "terms, file, description"),
                  UnknownKey("5:5", "files", "list 'spam'", "terms, file, description"),
                  "rules/forum.yaml:5:5: error: list 'spam' needs terms or a file"));
}

TEST(ParseRulesetFile, UnknownConditionKeys) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"                               // 5
                           "    guideline: respect\n"                          // 6
                           "    category: abuse\n"                             // 7
                           "    words: [idiot]\n"                              // 8
                           "    action: flag\n"                                // 9
                           "    when:\n"                                       // 10
                           "      author.karma: {below: 1}\n"                  // 11
                           "      author.trust_level: {under: 1, below: 2}\n"  // 12
                           "    unless:\n"                                     // 13
                           "      author.roles: {below: 1}\n"                  // 14
                           "      channel: {is: general}\n";                   // 15
  std::vector<std::string> problems = Problems(yaml);
  EXPECT_THAT(
      problems,
      ElementsAre(
          "rules/forum.yaml:11:7: error: unknown key 'author.karma' in when (expected one of: "
          "author.trust_level, author.account_age_days, author.post_count, author.roles, "
          "channel, lang) [respect.x]",
          "rules/forum.yaml:12:28: error: unknown key 'under' in when: author.trust_level "
          "(expected one of: below, at_least, in, not_in) [respect.x]",
          "rules/forum.yaml:14:22: error: unknown key 'below' in unless: author.roles (expected "
          "one of: in, not_in) [respect.x]",
          "rules/forum.yaml:15:17: error: unknown key 'is' in unless: channel (expected one of: "
          "in, not_in) [respect.x]"));
}

TEST(ParseRulesetFile, UnknownKeysInOtherMappings) {
  const char* yaml = R"yaml(ruleset: forum
guidelines:
  respect: {title: R, url: U, color: red}
escalations:
  mods: {priority: low, email: m@x}
categories:
  feedback: {descr: x}
rules:
  - id: r.x
    guideline: respect
    category: abuse
    words: [idiot]
    action: flag
    tests:
      match: [{body: x, author: {karma: 1}, channel: c, extra: 1}]
      maybe: [x]
overrides:
  r.x: {disabled: true, words: [a]}
)yaml";
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre(
          "rules/forum.yaml:3:31: error: unknown key 'color' in guideline 'respect' (expected "
          "one of: title, url)",
          "rules/forum.yaml:5:25: error: unknown key 'email' in escalation 'mods' (expected one "
          "of: priority, description)",
          "rules/forum.yaml:7:14: error: unknown key 'descr' in a category (expected one of: "
          "description)",
          "rules/forum.yaml:15:34: error: unknown key 'karma' in author (expected one of: id, "
          "name, trust_level, account_age_days, post_count, roles) [r.x]",
          "rules/forum.yaml:15:57: error: unknown key 'extra' in a test example (expected one "
          "of: id, title, body, links, author, channel, lang) [r.x]",
          "rules/forum.yaml:16:7: error: unknown key 'maybe' in tests (expected one of: match, "
          "no_match) [r.x]",
          "rules/forum.yaml:18:25: error: unknown key 'words' in an override (expected one of: "
          "disabled, action, escalate, mode, severity, tell_author, note_for_moderators) "
          "[r.x]"));
}

TEST(ParseRulesetFile, MissingRequiredRuleKeys) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.bare\n"  // 5
                           "    words: [idiot]\n"
                           "  - guideline: respect\n"  // 7: no id
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre("rules/forum.yaml:5:5: error: a rule needs a guideline [respect.bare]",
                          "rules/forum.yaml:5:5: error: a rule needs a category [respect.bare]",
                          "rules/forum.yaml:5:5: error: a rule needs an action [respect.bare]",
                          "rules/forum.yaml:7:5: error: a rule needs an id"));
}

TEST(ParseRulesetFile, MissingGuidelineTitleAndUrl) {
  const char* yaml =
      "ruleset: forum\n"
      "guidelines:\n"
      "  respect: {title: Respect}\n"
      "  privacy: {url: https://x.example}\n"
      "  empty: {}\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre("rules/forum.yaml:3:12: error: guideline 'respect' needs a url",
                          "rules/forum.yaml:4:12: error: guideline 'privacy' needs a title",
                          "rules/forum.yaml:5:10: error: guideline 'empty' needs a title",
                          "rules/forum.yaml:5:10: error: guideline 'empty' needs a url"));
}

TEST(ParseRulesetFile, InvalidRuleIds) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect insults!\n"  // 5
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n"
                           "  - id: respect/x\n"  // 10
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n"
                           "  - id: Respect.Upper_case-1.ok\n"  // 15: letters of any case are fine
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre("rules/forum.yaml:5:9: error: a rule id may use only letters, digits, "
                          "'.', '_' and '-' [respect insults!]",
                          "rules/forum.yaml:10:9: error: a rule id may use only letters, "
                          "digits, '.', '_' and '-' [respect/x]"));
}

TEST(ParseRulesetFile, NoMatcherAndTwoMatchers) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.none\n"  // 5
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    action: flag\n"
                           "  - id: respect.two\n"  // 9
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    regex: 'idiot'\n"
                           "    action: flag\n"
                           "  - id: respect.four\n"  // 15
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    phrases: [idiot]\n"
                           "    regex: 'idiot'\n"
                           "    detect: email\n"
                           "    action: flag\n";
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre("rules/forum.yaml:5:5: error: a rule needs one matcher: words, phrases, regex "
                  "or detect [respect.none]",
                  "rules/forum.yaml:9:5: error: a rule may have only one matcher of words, "
                  "phrases, regex, detect [respect.two]",
                  "rules/forum.yaml:15:5: error: a rule may have only one matcher of words, "
                  "phrases, regex, detect [respect.four]"));
}

TEST(ParseRulesetFile, WrongTypes) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"                   // 5
                           "    guideline: [respect]\n"            // 6
                           "    category: {abuse: 1}\n"            // 7
                           "    words: insults\n"                  // 8
                           "    fields: {title: 1}\n"              // 9
                           "    case_sensitive: maybe\n"           // 10
                           "    min_count: many\n"                 // 11
                           "    action: flag\n"                    // 12
                           "    escalate: {mods: 1}\n"             // 13
                           "    when: [author.trust_level]\n"      // 14
                           "    unless: {author.post_count: 3}\n"  // 15
                           "    tests: {match: 'not a list'}\n"    // 16
                           "  - just a string\n";                  // 17
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre(
          "rules/forum.yaml:6:16: error: guideline must be a string [respect.x]",
          "rules/forum.yaml:7:15: error: category must be a string [respect.x]",
          "rules/forum.yaml:8:12: error: words must be a list of terms or a mapping with list, "
          "lists or terms [respect.x]",
          "rules/forum.yaml:9:13: error: fields must be a string or a list of strings "
          "[respect.x]",
          "rules/forum.yaml:9:13: error: fields lists no field [respect.x]",
          "rules/forum.yaml:10:21: error: case_sensitive must be true or false [respect.x]",
          "rules/forum.yaml:11:16: error: min_count must be an integer [respect.x]",
          "rules/forum.yaml:13:15: error: escalate must be a string or a list of strings "
          "[respect.x]",
          "rules/forum.yaml:14:11: error: when must be a mapping [respect.x]",
          "rules/forum.yaml:15:33: error: unless: author.post_count must be a mapping "
          "[respect.x]",
          "rules/forum.yaml:16:20: error: tests: match must be a list of posts [respect.x]",
          "rules/forum.yaml:17:5: error: a rule must be a mapping"));
}

TEST(ParseRulesetFile, WrongTypesAtTheTopLevel) {
  const char* yaml =
      "ruleset: [a, b]\n"
      "format: one\n"
      "include: {a: b}\n"
      "guidelines: [respect]\n"
      "escalations: moderators\n"
      "lists: [a]\n"
      "rules: {id: x}\n"
      "overrides: [x]\n"
      "categories: abuse\n";
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre("rules/forum.yaml:1:10: error: ruleset must be a string",
                  "rules/forum.yaml:2:9: error: format must be an integer",
                  "rules/forum.yaml:3:10: error: include must be a string or a list of strings",
                  "rules/forum.yaml:4:13: error: guidelines must be a mapping",
                  "rules/forum.yaml:5:14: error: escalations must be a mapping",
                  "rules/forum.yaml:6:8: error: lists must be a mapping",
                  "rules/forum.yaml:7:8: error: rules must be a list of rules",
                  "rules/forum.yaml:8:12: error: overrides must be a mapping",
                  "rules/forum.yaml:9:13: error: categories must be a mapping"));
}

TEST(ParseRulesetFile, UnsupportedFormat) {
  EXPECT_THAT(Problems("ruleset: forum\nformat: 2\n"),
              ElementsAre("rules/forum.yaml:2:9: error: unsupported format 2 (this Vigil reads "
                          "format 1)"));
  EXPECT_THAT(Problems("ruleset: forum\nformat: 1\n"), IsEmpty());
}

TEST(ParseRulesetFile, BadEnumValues) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"                                          // 5
                           "    guideline: respect\n"                                     // 6
                           "    category: abuse\n"                                        // 7
                           "    severity: severe\n"                                       // 8
                           "    words: [idiot]\n"                                         // 9
                           "    fields: [title, bodyy, links]\n"                          // 10
                           "    action: ban\n"                                            // 11
                           "    mode: dryrun\n"                                           // 12
                           "escalations:\n"                                               // 13
                           "  mods: {priority: critical}\n"                               // 14
                           "overrides:\n"                                                 // 15
                           "  respect.x: {action: delete, severity: huge, mode: off}\n";  // 16
  EXPECT_THAT(
      Problems(yaml),
      ElementsAre(
          "rules/forum.yaml:8:15: error: unknown severity 'severe' (expected low, medium, high "
          "or critical) [respect.x]",
          "rules/forum.yaml:10:21: error: unknown field 'bodyy' (expected title, body, links or "
          "author.name) [respect.x]",
          "rules/forum.yaml:11:13: error: unknown action 'ban' (expected allow, tag, flag, "
          "censor, redact, hold or reject) [respect.x]",
          "rules/forum.yaml:12:11: error: unknown mode 'dryrun' (expected enforce or dry_run) "
          "[respect.x]",
          "rules/forum.yaml:14:20: error: unknown priority 'critical' (expected low, normal, "
          "high or urgent)",
          "rules/forum.yaml:16:23: error: unknown action 'delete' [respect.x]",
          "rules/forum.yaml:16:41: error: unknown severity 'huge' [respect.x]",
          "rules/forum.yaml:16:53: error: unknown mode 'off' (expected enforce or dry_run) "
          "[respect.x]"));
}

TEST(ParseRulesetFile, MinCountBounds) {
  auto rule = [](const char* min_count) {
    return std::string(kHeader) +
           "  - id: respect.x\n"
           "    guideline: respect\n"
           "    category: abuse\n"
           "    words: [idiot]\n"
           "    action: flag\n"
           "    min_count: " +
           min_count + "\n";  // line 10, value at column 16
  };
  const std::string error =
      "rules/forum.yaml:10:16: error: min_count must be between 1 and 100000 [respect.x]";
  EXPECT_THAT(Problems(rule("0")), ElementsAre(error));
  EXPECT_THAT(Problems(rule("-3")), ElementsAre(error));
  EXPECT_THAT(Problems(rule("100001")), ElementsAre(error));
  EXPECT_THAT(Problems(rule("1.5")),
              ElementsAre("rules/forum.yaml:10:16: error: min_count must be an integer "
                          "[respect.x]"));
  RulesetFileDraft d;
  EXPECT_THAT(Problems(rule("100000"), &d), IsEmpty());
  ASSERT_THAT(d.rules, SizeIs(1));
  EXPECT_EQ(d.rules[0].rule.min_count, 100000u);
}

TEST(ParseRulesetFile, TermProblems) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.a\n"  // 5
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: {}\n"  // 8
                           "    action: flag\n"
                           "  - id: respect.b\n"  // 10
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    phrases: {terms: ['  ', ok]}\n"  // 13
                           "    action: flag\n"
                           "  - id: respect.c\n"  // 15
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    regex: []\n"  // 18
                           "    action: flag\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre("rules/forum.yaml:8:12: error: words names no list and no terms "
                          "[respect.a]",
                          "rules/forum.yaml:13:22: error: a term is empty [respect.b]",
                          "rules/forum.yaml:18:12: error: regex lists no pattern [respect.c]"));
}

// `words: {terms: []}` is an error (above); the shorthand `words: []` says the
// same and must be one too, or the rule silently never fires.
TEST(ParseRulesetFile, EmptyInlineTermListIsAnError) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.a\n"
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: []\n"  // 8
                           "    action: flag\n";
  EXPECT_THAT(Problems(yaml), ElementsAre(StartsWith("rules/forum.yaml:8:12: error: ")));
}

// docs/RULESET.md, Diagnostics: "missing required keys (... `priority` of an
// escalation)" are errors.
TEST(ParseRulesetFile, EscalationWithoutPriorityIsAnError) {
  const char* yaml =
      "ruleset: forum\n"
      "escalations:\n"
      "  mods: {description: Moderators}\n";
  EXPECT_THAT(Problems(yaml), ElementsAre(StartsWith("rules/forum.yaml:3:")));
}

TEST(ParseRulesetFile, DuplicateKeys) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"  // 5
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n"
                           "    action: reject\n";  // 10
  EXPECT_THAT(Problems(yaml), ElementsAre("rules/forum.yaml:10:5: error: duplicate key 'action' "
                                          "in a rule [respect.x]"));
}

TEST(ParseRulesetFile, MalformedYaml) {
  EXPECT_THAT(Problems("ruleset: forum\nrules:\n  - id: x\n    guideline: [a\n"),
              ElementsAre("rules/forum.yaml:5:1: error: malformed YAML: end of sequence flow "
                          "not found"));
  EXPECT_THAT(Problems("ruleset: forum\nguidelines:\n  a: b\n c: d\n"),
              ElementsAre("rules/forum.yaml:4:2: error: malformed YAML: end of map not found"));
  EXPECT_THAT(Problems("ruleset: forum\nguidelines: a: b\n"),
              ElementsAre("rules/forum.yaml:2:14: error: malformed YAML: illegal map value"));
  // A malformed file yields an empty draft.
  RulesetFileDraft d;
  Problems("ruleset: forum\nrules: [\n", &d);
  EXPECT_FALSE(d.name.has_value());
  EXPECT_THAT(d.rules, IsEmpty());
}

TEST(ParseRulesetFile, EmptyFileAndNonMappingRoot) {
  EXPECT_THAT(Problems(""), ElementsAre("rules/forum.yaml:1:1: error: the ruleset file is empty"));
  EXPECT_THAT(Problems("# only a comment\n\n"),
              ElementsAre("rules/forum.yaml:1:1: error: the ruleset file is empty"));
  EXPECT_THAT(Problems("- a\n- b\n"),
              ElementsAre("rules/forum.yaml:1:1: error: the ruleset must be a mapping"));
  EXPECT_THAT(Problems("just text\n"),
              ElementsAre("rules/forum.yaml:1:1: error: the ruleset must be a mapping"));
}

TEST(ParseRulesetFile, InvalidUtf8InAString) {
  const std::string yaml =
      "ruleset: forum\n"
      "guidelines:\n"
      "  respect: {title: \"Re\xC3\x28spect\", url: U}\n";
  EXPECT_THAT(Problems(yaml),
              ElementsAre("rules/forum.yaml:3:12: error: guideline 'respect' needs a title",
                          "rules/forum.yaml:3:20: error: title is not valid UTF-8 (byte 2)"));
}

TEST(ParseRulesetFile, ReportsEveryProblemOfAFileAtOnce) {
  const char* yaml = R"yaml(ruleset: forum
colour: blue
guidelines:
  respect: {title: Respect}
escalations:
  mods: {priority: asap}
lists:
  empty: {}
rules:
  - id: respect.a
    guideline: respect
    category: abuse
    words: [idiot]
    regex: 'x'
    action: smite
  - id: respect.b
    category: abuse
    detect: email
    fields: [subject]
    action: flag
    min_count: 0
overrides:
  respect.a: {hide: true}
)yaml";
  std::vector<std::string> problems = Problems(yaml);
  EXPECT_THAT(
      problems,
      ElementsAre(
          "rules/forum.yaml:2:1: error: unknown key 'colour' in the ruleset (expected one of: "
          "ruleset, format, include, categories, guidelines, escalations, lists, rules, "
          "overrides)",
          "rules/forum.yaml:4:12: error: guideline 'respect' needs a url",
          "rules/forum.yaml:6:20: error: unknown priority 'asap' (expected low, normal, high or "
          "urgent)",
          "rules/forum.yaml:8:10: error: list 'empty' needs terms or a file",
          "rules/forum.yaml:10:5: error: a rule may have only one matcher of words, phrases, "
          "regex, detect [respect.a]",
          "rules/forum.yaml:15:13: error: unknown action 'smite' (expected allow, tag, flag, "
          "censor, redact, hold or reject) [respect.a]",
          "rules/forum.yaml:16:5: error: a rule needs a guideline [respect.b]",
          "rules/forum.yaml:19:14: error: unknown field 'subject' (expected title, body, links "
          "or author.name) [respect.b]",
          "rules/forum.yaml:21:16: error: min_count must be between 1 and 100000 [respect.b]",
          "rules/forum.yaml:23:15: error: unknown key 'hide' in an override (expected one of: "
          "disabled, action, escalate, mode, severity, tell_author, note_for_moderators) "
          "[respect.a]"));
}

TEST(ParseRulesetFile, WhatCouldBeReadIsReturnedDespiteErrors) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.a\n"
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: smite\n"
                           "  - id: respect.b\n"
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [moron]\n"
                           "    action: hold\n";
  RulesetFileDraft d;
  EXPECT_THAT(Problems(yaml, &d), SizeIs(1));
  ASSERT_THAT(d.rules, SizeIs(2));
  EXPECT_EQ(d.rules[0].rule.id, "respect.a");
  EXPECT_EQ(d.rules[1].rule.action, VIGIL_ACTION_HOLD);
  EXPECT_THAT(d.guidelines, SizeIs(1));
}

TEST(ParseRulesetFile, ConditionValueTypes) {
  const std::string yaml = std::string(kHeader) +
                           "  - id: respect.x\n"  // 5
                           "    guideline: respect\n"
                           "    category: abuse\n"
                           "    words: [idiot]\n"
                           "    action: flag\n"
                           "    when:\n"                                        // 10
                           "      author.trust_level: {below: low}\n"           // 11
                           "      author.post_count: {in: 3}\n"                 // 12
                           "      author.account_age_days: {not_in: [1, x]}\n"  // 13
                           "      author.roles: moderator\n"                    // 14
                           "      channel: {in: general}\n";  // 15: a string is fine
  RulesetFileDraft d;
  EXPECT_THAT(
      Problems(yaml, &d),
      ElementsAre(
          "rules/forum.yaml:11:35: error: when: author.trust_level below must be an integer "
          "[respect.x]",
          "rules/forum.yaml:12:31: error: when: author.post_count in must be a list [respect.x]",
          "rules/forum.yaml:13:45: error: when: author.account_age_days must be an integer "
          "[respect.x]",
          "rules/forum.yaml:14:21: error: when: author.roles must be a mapping [respect.x]"));
  ASSERT_THAT(d.rules, SizeIs(1));
  const std::vector<Condition>& when = d.rules[0].rule.when;
  ASSERT_THAT(when, SizeIs(2));
  EXPECT_EQ(when[0].subject, Condition::Subject::kAccountAgeDays);
  EXPECT_THAT(when[0].numbers, ElementsAre(1));
  EXPECT_EQ(when[1].subject, Condition::Subject::kChannel);
  EXPECT_THAT(when[1].strings, ElementsAre("general"));
}

TEST(ParseRulesetFile, IncludeAsASingleString) {
  RulesetFileDraft d;
  EXPECT_THAT(Problems("ruleset: forum\ninclude: base.yaml\n", &d), IsEmpty());
  ASSERT_THAT(d.includes, SizeIs(1));
  EXPECT_EQ(d.includes[0].name, "base.yaml");
  EXPECT_EQ(d.includes[0].location.line, 2u);
  EXPECT_EQ(d.includes[0].location.column, 10u);
}

TEST(ParseRulesetFile, FileWithoutANameParses) {
  // Whether a name is required is the loader's decision (top file only).
  RulesetFileDraft d;
  EXPECT_THAT(Problems("guidelines: {}\n", &d), IsEmpty());
  EXPECT_FALSE(d.name.has_value());
}

TEST(ParseListFile, OneTermPerLineTrimmedWithCommentsAndBlankLines) {
  Diagnostics diags;
  const std::string text =
      "# a comment\n"
      "fuck\n"
      "\n"
      "   bull shit   \n"
      "  # an indented comment\n"
      "\t\n"
      "c#sharp\n"
      "last";  // no final newline
  EXPECT_THAT(ParseListFile("l.txt", text, &diags),
              ElementsAre("fuck", "bull shit", "c#sharp", "last"));
  EXPECT_FALSE(diags.has_errors());
}

TEST(ParseListFile, ByteOrderMarkAndCrlf) {
  Diagnostics diags;
  const std::string text =
      "\xEF\xBB\xBF"
      "first\r\n# note\r\nsecond\r\n\r\nthird\r\n";
  EXPECT_THAT(ParseListFile("l.txt", text, &diags), ElementsAre("first", "second", "third"));
  EXPECT_FALSE(diags.has_errors());
  // A BOM before a comment line does not hide the comment.
  EXPECT_THAT(ParseListFile("l.txt", "\xEF\xBB\xBF# only\r\nterm", &diags), ElementsAre("term"));
}

TEST(ParseListFile, NonAsciiTermsAndUnicodeWhitespace) {
  Diagnostics diags;
  const std::string text = "傻逼\n\u3000加微信\u3000\nمی‌کشمت\n";
  EXPECT_THAT(ParseListFile("l.txt", text, &diags),
              ElementsAre("傻逼", "加微信", "می‌کشمت"));  // the ZWNJ stays
  EXPECT_FALSE(diags.has_errors());
}

TEST(ParseListFile, EmptyAndCommentOnlyFilesHaveNoTerms) {
  Diagnostics diags;
  EXPECT_THAT(ParseListFile("l.txt", "", &diags), IsEmpty());
  EXPECT_THAT(ParseListFile("l.txt", "\n\n", &diags), IsEmpty());
  EXPECT_THAT(ParseListFile("l.txt", "# one\n# two\n", &diags), IsEmpty());
  EXPECT_THAT(ParseListFile("l.txt", "\xEF\xBB\xBF", &diags), IsEmpty());
  EXPECT_FALSE(diags.has_errors());  // an empty list is the loader's error
}

TEST(ParseListFile, InvalidUtf8IsReportedByLineAndColumnAndSkipped) {
  Diagnostics diags;
  const std::string text =
      "good\nab\xFF"
      "cd\r\nalso good\n\xC0\x80\n";
  EXPECT_THAT(ParseListFile("lists/x.txt", text, &diags), ElementsAre("good", "also good"));
  ASSERT_EQ(diags.error_count(), 2u);
  EXPECT_EQ(diags.all()[0].Format(), "lists/x.txt:2:3: error: invalid UTF-8 in a list file");
  EXPECT_EQ(diags.all()[1].Format(), "lists/x.txt:4:1: error: invalid UTF-8 in a list file");
}

TEST(Diagnostic, FormatsLikeACompiler) {
  Diagnostic d{true, {"a.yaml", 3, 7}, "r.x", "bad thing"};
  EXPECT_EQ(d.Format(), "a.yaml:3:7: error: bad thing [r.x]");
  Diagnostic w{false, {"a.yaml", 3, 0}, "", "meh"};
  EXPECT_EQ(w.Format(), "a.yaml:3: warning: meh");
  Diagnostic nowhere{true, {"", 0, 0}, "", "lost"};
  EXPECT_EQ(nowhere.Format(), "<ruleset>: error: lost");
}

TEST(Diagnostics, CountsErrorsAndSortsStablyByLocation) {
  Diagnostics diags;
  diags.Warning({"b.yaml", 1, 1}, "", "w");
  diags.Error({"a.yaml", 9, 1}, "", "second");
  diags.Error({"a.yaml", 2, 5}, "", "first");
  diags.Error({"a.yaml", 9, 1}, "", "third");
  EXPECT_EQ(diags.error_count(), 3u);
  EXPECT_TRUE(diags.has_errors());
  diags.SortByLocation();
  std::vector<std::string> messages;
  for (const Diagnostic& d : diags.all()) messages.push_back(d.message);
  EXPECT_THAT(messages, ElementsAre("first", "second", "third", "w"));
}

}  // namespace
}  // namespace vigil
