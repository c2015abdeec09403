// LoadRuleset: includes, merging, lists, overrides, templates and reference
// checks, across files. SourceSet: reading and resolving paths.
#include "ruleset/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ruleset/source.h"

namespace vigil {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::SizeIs;

const std::string kData = std::string(VIGIL_TEST_DATA_DIR) + "/rulesets";

struct Loaded {
  std::optional<Ruleset> ruleset;
  std::vector<std::string> problems;  // formatted, in file order
  bool has_errors = false;
  std::map<std::string, std::string> files_read;
};

Loaded LoadFrom(SourceSet sources, const std::string& path) {
  Diagnostics diags;
  Loaded out;
  out.ruleset = LoadRuleset(path, &sources, &diags);
  diags.SortByLocation();
  for (const Diagnostic& d : diags.all()) out.problems.push_back(d.Format());
  out.has_errors = diags.has_errors();
  out.files_read = sources.files();
  return out;
}

Loaded LoadMemory(std::map<std::string, std::string> files,
                  const std::string& path = "mem/top.yaml") {
  return LoadFrom(SourceSet::FromFiles(std::move(files)), path);
}

Loaded LoadDisk(const std::string& relative) {
  return LoadFrom(SourceSet::FromDisk(), kData + "/" + relative);
}

const Rule* FindRule(const Ruleset& ruleset, const std::string& id) {
  for (const Rule& r : ruleset.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> RuleIds(const Ruleset& ruleset) {
  std::vector<std::string> ids;
  for (const Rule& r : ruleset.rules) ids.push_back(r.id);
  return ids;
}

// A guideline and a valid rule, for tests about something else.
constexpr const char* kRespect =
    "guidelines:\n"
    "  respect: {title: Respect, url: \"https://f.example/r\"}\n";

TEST(LoadRuleset, IncludesAreRelativeToTheIncludingFile) {
  Loaded l = LoadDisk("community.yaml");
  ASSERT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  const Ruleset& rs = *l.ruleset;
  EXPECT_EQ(rs.name, "community");  // the top file's name, not the base's
  // community.yaml -> base/base.yaml -> base/shared/escalations.yaml, and the
  // list files next to the files that name them.
  EXPECT_THAT(l.files_read,
              ElementsAre(Key(kData + "/base/base.yaml"), Key(kData + "/base/lists/insults.txt"),
                          Key(kData + "/base/shared/escalations.yaml"),
                          Key(kData + "/community.yaml"), Key(kData + "/lists/promo.txt")));
  // Included rules first, in file order; the disabled one is gone.
  EXPECT_THAT(RuleIds(rs), ElementsAre("base.insults", "base.promo", "community.insult-names"));
}

TEST(LoadRuleset, ListFileWithBomCrlfCommentsAndDuplicates) {
  Loaded l = LoadDisk("community.yaml");
  ASSERT_TRUE(l.ruleset.has_value());
  const Rule* insults = FindRule(*l.ruleset, "base.insults");
  ASSERT_NE(insults, nullptr);
  // BOM stripped, CR dropped, comments and blank lines skipped, whitespace
  // trimmed, the repeated "idiot" kept once.
  EXPECT_THAT(insults->terms, ElementsAre("idiot", "moron", "dim wit", "last term"));
  // Inline terms first, then the list's.
  const Rule* names = FindRule(*l.ruleset, "community.insult-names");
  ASSERT_NE(names, nullptr);
  EXPECT_THAT(names->terms, ElementsAre("nincompoop", "idiot", "moron", "dim wit", "last term"));
}

TEST(LoadRuleset, TheIncludingFileWinsForGuidelinesEscalationsAndLists) {
  Loaded l = LoadDisk("community.yaml");
  ASSERT_TRUE(l.ruleset.has_value());
  const Ruleset& rs = *l.ruleset;
  ASSERT_THAT(rs.guidelines, SizeIs(2));
  EXPECT_EQ(rs.guidelines.at("respect").title, "Be kind");
  EXPECT_EQ(rs.guidelines.at("respect").url, "https://community.example/faq#kind");
  EXPECT_EQ(rs.guidelines.at("respect").location.file, kData + "/community.yaml");
  EXPECT_EQ(rs.guidelines.at("no-spam").url, "https://base.example/guidelines#spam");

  EXPECT_EQ(rs.escalations.at("moderators").priority, VIGIL_PRIORITY_HIGH);
  EXPECT_EQ(rs.escalations.at("moderators").description, "Community moderators");
  EXPECT_EQ(rs.escalations.at("legal").priority, VIGIL_PRIORITY_URGENT);
  EXPECT_EQ(rs.escalations.at("support").priority, VIGIL_PRIORITY_LOW);
  EXPECT_EQ(rs.escalations.at("support").description, "");
  // Declaration order is the first declaration's.
  EXPECT_THAT(rs.escalation_order, ElementsAre("moderators", "legal", "support"));

  // base.promo reads the list `promo`, which community.yaml redefined.
  const Rule* promo = FindRule(rs, "base.promo");
  ASSERT_NE(promo, nullptr);
  EXPECT_THAT(promo->terms, ElementsAre("limited offer", "free spins"));
}

TEST(LoadRuleset, OverridesChangeIncludedRules) {
  Loaded l = LoadDisk("community.yaml");
  ASSERT_TRUE(l.ruleset.has_value());
  const Ruleset& rs = *l.ruleset;
  EXPECT_EQ(FindRule(rs, "base.shouting"), nullptr);  // disabled: true

  const Rule* insults = FindRule(rs, "base.insults");
  ASSERT_NE(insults, nullptr);
  EXPECT_EQ(insults->action, VIGIL_ACTION_FLAG);         // was censor
  EXPECT_THAT(insults->escalate, ElementsAre("legal"));  // was moderators
  EXPECT_EQ(insults->mode, RuleMode::kDryRun);
  EXPECT_EQ(insults->severity, Severity::kMedium);  // untouched

  const Rule* promo = FindRule(rs, "base.promo");
  ASSERT_NE(promo, nullptr);
  EXPECT_EQ(promo->severity, Severity::kCritical);
  EXPECT_EQ(promo->action, VIGIL_ACTION_HOLD);  // untouched
  EXPECT_EQ(promo->mode, RuleMode::kEnforce);
}

TEST(LoadRuleset, TemplatesAreExpandedWithTheFinalGuideline) {
  Loaded l = LoadDisk("community.yaml");
  ASSERT_TRUE(l.ruleset.has_value());
  const Ruleset& rs = *l.ruleset;
  // The base's rule cites the guideline as the community redefined it.
  EXPECT_EQ(FindRule(rs, "base.insults")->tell_author,
            "Please read Be kind at https://community.example/faq#kind.");
  EXPECT_EQ(FindRule(rs, "base.insults")->note_for_moderators, "base.insults fired (respect)");
  // An override's text is a template too.
  EXPECT_EQ(FindRule(rs, "base.promo")->tell_author, "No ads in no-spam (base.promo)");
  EXPECT_EQ(FindRule(rs, "community.insult-names")->tell_author,
            "Be kind: https://community.example/faq#kind");
}

TEST(LoadRuleset, IncludeCycleIsReportedWithTheChain) {
  Loaded l = LoadDisk("cycle/a.yaml");
  const std::string a = kData + "/cycle/a.yaml";
  const std::string b = kData + "/cycle/b.yaml";
  EXPECT_THAT(l.problems,
              ElementsAre(b + ":2:11: error: include cycle: " + a + " -> " + b + " -> " + a));
  EXPECT_TRUE(l.has_errors);
}

TEST(LoadRuleset, FileIncludingItself) {
  Loaded l = LoadMemory({{"mem/top.yaml", "ruleset: t\ninclude: [./top.yaml]\n"}});
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:2:11: error: include cycle: mem/top.yaml -> "
                                      "mem/top.yaml"));
}

TEST(LoadRuleset, DiamondIncludeIsNotACycle) {
  Loaded l = LoadMemory({
      {"mem/top.yaml", "ruleset: t\ninclude: [a.yaml, b.yaml]\n"},
      {"mem/a.yaml", "include: [common/shared.yaml]\n"},
      {"mem/b.yaml", "include: [common/shared.yaml]\n"},
      {"mem/common/shared.yaml", std::string(kRespect) +
                                     "rules:\n"
                                     "  - {id: shared.rule, guideline: respect, category: abuse, "
                                     "words: [idiot], action: flag}\n"},
  });
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_THAT(RuleIds(*l.ruleset), ElementsAre("shared.rule"));  // read once
}

TEST(LoadRuleset, EmptyListFileIsAnError) {
  Loaded l = LoadDisk("empty-list/rules.yaml");
  const std::string file = kData + "/empty-list/rules.yaml";
  EXPECT_THAT(l.problems,
              ElementsAre(file + ":5:3: error: list 'quiet' is empty",
                          file + ":10:12: error: the rule's lists have no terms [respect.quiet]"));
}

TEST(LoadRuleset, EmptyInlineListIsAnError) {
  Loaded l = LoadMemory({{
      "mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                          "lists:\n"
                          "  blank: {terms: []}\n"           // 5
                          "  spaces: {terms: ['  ', '']}\n"  // 6
  }});
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:5:3: error: list 'blank' is empty",
                                      "mem/top.yaml:6:3: error: list 'spaces' is empty"));
}

TEST(LoadRuleset, DuplicateRuleIdsAcrossFiles) {
  Loaded l = LoadDisk("duplicate/top.yaml");
  const std::string top = kData + "/duplicate/top.yaml";
  const std::string base = kData + "/duplicate/base.yaml";
  EXPECT_THAT(
      l.problems,
      ElementsAre(top + ":4:5: error: duplicate rule id 'shared.rule' (first defined at " + base +
                  ":4:5; use overrides: to change an included rule) "
                  "[shared.rule]"));
  ASSERT_TRUE(l.ruleset.has_value());
  // Only the first definition is ever enabled.
  ASSERT_THAT(l.ruleset->rules, SizeIs(1));
  EXPECT_EQ(l.ruleset->rules[0].action, VIGIL_ACTION_FLAG);
}

TEST(LoadRuleset, DuplicateRuleIdsInOneFileAndTheirOwnProblems) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "rules:\n"
                                              "  - id: r.x\n"  // 5
                                              "    guideline: respect\n"
                                              "    category: abuse\n"
                                              "    words: [idiot]\n"
                                              "    action: flag\n"
                                              "  - id: r.x\n"             // 10
                                              "    guideline: respekt\n"  // 11
                                              "    category: abuse\n"
                                              "    words: [moron]\n"
                                              "    action: flag\n"}});
  EXPECT_THAT(l.problems,
              ElementsAre("mem/top.yaml:10:5: error: duplicate rule id 'r.x' (first defined at "
                          "mem/top.yaml:5:5; use overrides: to change an included rule) [r.x]",
                          "mem/top.yaml:11:16: error: unknown guideline 'respekt' (declare it "
                          "under guidelines:) [r.x]"));
}

TEST(LoadRuleset, UnknownReferences) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "escalations:\n"
                                              "  mods: {priority: normal}\n"
                                              "lists:\n"
                                              "  insults: {terms: [idiot]}\n"
                                              "rules:\n"
                                              "  - id: r.x\n"                             // 9
                                              "    guideline: respekt\n"                  // 10
                                              "    category: harassment\n"                // 11
                                              "    words: {lists: [insults, insluts]}\n"  // 12
                                              "    action: flag\n"
                                              "    escalate: [mods, legal]\n"}});  // 14
  EXPECT_THAT(
      l.problems,
      ElementsAre(
          "mem/top.yaml:10:16: error: unknown guideline 'respekt' (declare it under "
          "guidelines:) [r.x]",
          "mem/top.yaml:11:15: error: unknown category 'harassment' (private_info, abuse, spam, "
          "or declare it under categories:) [r.x]",
          "mem/top.yaml:12:30: error: unknown list 'insluts' [r.x]",
          "mem/top.yaml:14:22: error: unknown escalation 'legal' (declare it under "
          "escalations:) [r.x]"));
  EXPECT_TRUE(l.has_errors);
}

TEST(LoadRuleset, BuiltinAndDeclaredCategories) {
  Loaded l = LoadMemory({
      {"mem/top.yaml", std::string("ruleset: t\ninclude: [base.yaml]\n") + kRespect +
                           "rules:\n"
                           "  - {id: a, guideline: respect, category: private_info, words: [x], "
                           "action: flag}\n"
                           "  - {id: b, guideline: respect, category: abuse, words: [x], "
                           "action: flag}\n"
                           "  - {id: c, guideline: respect, category: spam, words: [x], "
                           "action: flag}\n"
                           "  - {id: d, guideline: respect, category: feedback, words: [x], "
                           "action: tag}\n"},
      {"mem/base.yaml", "categories:\n  feedback: {description: Product feedback}\n"},
  });
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_EQ(l.ruleset->categories.at("feedback"), "Product feedback");
}

TEST(LoadRuleset, OverrideNamingNoRule) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "overrides:\n"
                                              "  spam.shoutin: {disabled: true}\n"}});  // 5
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:5:3: error: override names no rule: "
                                      "'spam.shoutin' [spam.shoutin]"));
}

TEST(LoadRuleset, OverrideWithAnUnknownEscalation) {
  Loaded l = LoadMemory({
      {"mem/top.yaml",
       "ruleset: t\ninclude: [base.yaml]\n"
       "overrides:\n"
       "  r.x: {escalate: [legal]}\n"},  // 4
      {"mem/base.yaml", std::string(kRespect) +
                            "rules:\n"
                            "  - {id: r.x, guideline: respect, category: abuse, words: [x], "
                            "action: flag}\n"},
  });
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:4:20: error: unknown escalation 'legal' "
                                      "(declare it under escalations:) [r.x]"));
}

TEST(LoadRuleset, LaterOverridesWin) {
  // The base disables its own rule; the community turns it back on.
  Loaded l = LoadMemory({
      {"mem/top.yaml",
       "ruleset: t\ninclude: [base.yaml]\n"
       "overrides:\n"
       "  r.x: {disabled: false, action: reject}\n"},
      {"mem/base.yaml", std::string(kRespect) +
                            "rules:\n"
                            "  - {id: r.x, guideline: respect, category: abuse, words: [x], "
                            "action: flag}\n"
                            "overrides:\n"
                            "  r.x: {disabled: true, action: hold}\n"},
  });
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  ASSERT_THAT(l.ruleset->rules, SizeIs(1));
  EXPECT_EQ(l.ruleset->rules[0].action, VIGIL_ACTION_REJECT);
}

// docs/RULESET.md: "`overrides` maps the id of a rule in this file or one of
// its includes to changes." An included file cannot see the rules of the
// file that includes it, so its override of one of them names no rule (here
// the base silently disables the community's own rule).
TEST(LoadRuleset, IncludedFileCannotOverrideTheIncludingFilesRules) {
  Loaded l = LoadMemory({
      {"mem/top.yaml", std::string("ruleset: t\ninclude: [base.yaml]\n") +
                           "rules:\n"
                           "  - {id: top.rule, guideline: respect, category: abuse, words: [x], "
                           "action: flag}\n"},
      {"mem/base.yaml", std::string(kRespect) + "overrides:\n"
                                                "  top.rule: {disabled: true}\n"},  // 4
  });
  EXPECT_THAT(l.problems,
              ElementsAre("mem/base.yaml:4:3: error: override of 'top.rule', which is defined "
                          "in mem/top.yaml: a file may override only its own rules and those "
                          "of the files it includes [top.rule]"));
}

TEST(LoadRuleset, OverrideOfARuleInTheSameFile) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "rules:\n"
                                              "  - {id: r.x, guideline: respect, category: "
                                              "abuse, words: [x], action: flag}\n"
                                              "  - {id: r.y, guideline: respect, category: "
                                              "abuse, words: [y], action: flag}\n"
                                              "overrides:\n"
                                              "  r.x: {disabled: true}\n"}});
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_THAT(RuleIds(*l.ruleset), ElementsAre("r.y"));
}

TEST(LoadRuleset, AllTemplatePlaceholders) {
  Loaded l = LoadMemory({{"mem/top.yaml",
                          "ruleset: t\n"
                          "guidelines:\n"
                          "  privacy: {title: Keep it private, url: \"https://f.example/p\"}\n"
                          "rules:\n"
                          "  - id: privacy.email\n"
                          "    guideline: privacy\n"
                          "    category: private_info\n"
                          "    detect: email\n"
                          "    action: redact\n"
                          "    tell_author: \"{guideline.title} ({guideline.url}) "
                          "{guideline.title} {unknown} {guideline.url\"\n"
                          "    note_for_moderators: \"{rule.id} / {guideline.id}\"\n"}});
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  const Rule& r = l.ruleset->rules.at(0);
  EXPECT_EQ(r.tell_author,
            "Keep it private (https://f.example/p) Keep it private {unknown} {guideline.url");
  EXPECT_EQ(r.note_for_moderators, "privacy.email / privacy");
}

TEST(LoadRuleset, MissingIncludeAndListFiles) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n"
                                                      "include: [nowhere.yaml]\n") +  // 2
                                              kRespect +
                                              "lists:\n"
                                              "  gone: {file: lists/gone.txt}\n"}});  // 6
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:2:11: error: file not found: mem/nowhere.yaml",
                                      "mem/top.yaml:6:3: error: list 'gone' is empty",
                                      "mem/top.yaml:6:16: error: list 'gone': file not found: "
                                      "mem/lists/gone.txt"));
}

TEST(LoadRuleset, MissingTopFile) {
  Loaded l = LoadMemory({}, "mem/none.yaml");
  EXPECT_FALSE(l.ruleset.has_value());
  EXPECT_THAT(l.problems, ElementsAre("mem/none.yaml: error: file not found: mem/none.yaml"));
}

TEST(LoadRuleset, MissingTopFileOnDisk) {
  Loaded l = LoadDisk("does-not-exist.yaml");
  EXPECT_FALSE(l.ruleset.has_value());
  ASSERT_THAT(l.problems, SizeIs(1));
  EXPECT_THAT(l.problems[0], HasSubstr("error: cannot read " + kData + "/does-not-exist.yaml"));
}

TEST(LoadRuleset, TheTopFileNeedsAName) {
  Loaded l = LoadMemory({
      {"mem/top.yaml", std::string("include: [base.yaml]\n") + kRespect},
      {"mem/base.yaml", "ruleset: base\n"},
  });
  EXPECT_THAT(l.problems,
              ElementsAre("mem/top.yaml:1:1: error: the ruleset needs a name (ruleset: <name>)"));
  // An included file needs none.
  Loaded ok = LoadMemory({
      {"mem/top.yaml", std::string("ruleset: t\ninclude: [base.yaml]\n")},
      {"mem/base.yaml", kRespect},
  });
  EXPECT_THAT(ok.problems, IsEmpty());
}

TEST(LoadRuleset, ListFileRelativeToTheFileThatDefinesTheList) {
  Loaded l = LoadMemory({
      {"mem/top.yaml",
       "ruleset: t\ninclude: [sub/base.yaml]\n"
       "rules:\n"
       "  - {id: r.x, guideline: respect, category: abuse, words: {list: l}, "
       "action: flag}\n"},
      {"mem/sub/base.yaml", std::string(kRespect) + "lists:\n  l: {file: ../lists/l.txt}\n"},
      {"mem/lists/l.txt", "alpha\nbeta\n"},
  });
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_THAT(l.ruleset->rules.at(0).terms, ElementsAre("alpha", "beta"));
}

TEST(LoadRuleset, TermsFromSeveralListsAreDeduplicatedInOrder) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "lists:\n"
                                              "  a: {terms: [one, two]}\n"
                                              "  b: {terms: [two, three]}\n"
                                              "rules:\n"
                                              "  - {id: r.x, guideline: respect, category: "
                                              "abuse, words: {lists: [a, b], terms: [three, "
                                              "zero]}, action: flag}\n"}});
  EXPECT_THAT(l.problems, IsEmpty());
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_THAT(l.ruleset->rules.at(0).terms, ElementsAre("three", "zero", "one", "two"));
}

TEST(LoadRuleset, ReplacementWithoutRedactIsAWarning) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "rules:\n"
                                              "  - id: r.x\n"  // 5
                                              "    guideline: respect\n"
                                              "    category: abuse\n"
                                              "    words: [idiot]\n"
                                              "    action: censor\n"
                                              "    replacement: \"[gone]\"\n"}});
  EXPECT_FALSE(l.has_errors);
  ASSERT_TRUE(l.ruleset.has_value());
  EXPECT_THAT(l.problems, ElementsAre("mem/top.yaml:5:5: warning: replacement and redact_style "
                                      "are used only by action: redact [r.x]"));
}

TEST(LoadRuleset, ParseErrorsOfEveryFileAreReportedTogether) {
  Loaded l = LoadMemory({
      {"mem/top.yaml", "ruleset: t\ninclude: [base.yaml]\ncolour: red\n"},
      {"mem/base.yaml", "guidelines:\n  respect: {title: R}\n"},
  });
  EXPECT_THAT(l.problems,
              ElementsAre("mem/base.yaml:2:12: error: guideline 'respect' needs a url",
                          "mem/top.yaml:3:1: error: unknown key 'colour' in the ruleset "
                          "(expected one of: ruleset, format, include, categories, guidelines, "
                          "escalations, lists, rules, overrides)"));
}

TEST(LoadRuleset, RulesetIsReturnedDespiteErrorsSoLaterStagesCanCheckMore) {
  Loaded l = LoadMemory({{"mem/top.yaml", std::string("ruleset: t\n") + kRespect +
                                              "rules:\n"
                                              "  - {id: r.x, guideline: nope, category: abuse, "
                                              "regex: 'a(', action: flag}\n"}});
  EXPECT_TRUE(l.has_errors);
  ASSERT_TRUE(l.ruleset.has_value());
  ASSERT_THAT(l.ruleset->rules, SizeIs(1));
  EXPECT_THAT(l.ruleset->rules[0].regexes, ElementsAre("a("));
}

TEST(SourceSet, ResolveIsLexicalAndRelativeToTheFolderOfTheFile) {
  EXPECT_EQ(SourceSet::Resolve("a/b.yaml", "c.yaml"), "a/c.yaml");
  EXPECT_EQ(SourceSet::Resolve("a/b.yaml", "../lists/x.txt"), "lists/x.txt");
  EXPECT_EQ(SourceSet::Resolve("a/b/c.yaml", "./d/../e.yaml"), "a/b/e.yaml");
  EXPECT_EQ(SourceSet::Resolve("top.yaml", "base.yaml"), "base.yaml");
  EXPECT_EQ(SourceSet::Resolve("/srv/rules/top.yaml", "lists/x.txt"), "/srv/rules/lists/x.txt");
  EXPECT_EQ(SourceSet::Resolve("a/b.yaml", "/etc/vigil/x.yaml"), "/etc/vigil/x.yaml");
}

TEST(SourceSet, PreloadedFilesAreServedAndRemembered) {
  SourceSet files = SourceSet::FromFiles({{"a.yaml", "A"}});
  files.Preload("b.yaml", "B");
  ASSERT_TRUE(files.Read("a.yaml").ok());
  EXPECT_EQ(*files.Read("a.yaml"), "A");
  EXPECT_EQ(*files.Read("b.yaml"), "B");
  absl::StatusOr<std::string_view> missing = files.Read("c.yaml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "file not found: c.yaml");
  EXPECT_THAT(files.files(), ElementsAre(Key("a.yaml"), Key("b.yaml")));
}

TEST(SourceSet, FromDiskReadsOnceAndPreloadTakesPrecedence) {
  SourceSet disk = SourceSet::FromDisk();
  const std::string path = kData + "/lists/promo.txt";
  absl::StatusOr<std::string_view> text = disk.Read(path);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(std::string(*text), HasSubstr("limited offer\nfree spins\n"));
  EXPECT_THAT(disk.files(), Contains(Key(path)));

  SourceSet preloaded = SourceSet::FromDisk();
  preloaded.Preload(path, "replaced");
  EXPECT_EQ(*preloaded.Read(path), "replaced");

  EXPECT_EQ(disk.Read(kData + "/nope.txt").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace vigil
