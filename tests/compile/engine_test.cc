// Engine::Compile: the pattern table, regex checks (RE2 validity, empty
// matches, \b), detectors, the Hyperscan -> RE2 fallback and the lookup
// tables the scanner and decider use.
#include "compile/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "decide/decider.h"

namespace vigil {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr const char* kPath = "mem/rules.yaml";
constexpr unsigned kCaseless = HS_FLAG_CASELESS;
constexpr unsigned kUtf8 = HS_FLAG_UTF8;

struct Compiled {
  absl::StatusOr<std::unique_ptr<Engine>> engine;
  std::vector<std::string> problems;  // formatted, in file order
  const Engine& operator*() const { return **engine; }
  const Engine* operator->() const { return engine->get(); }
};

Compiled CompileYaml(const std::string& yaml, EngineOptions options = {}) {
  SourceSet sources = SourceSet::FromDisk();
  sources.Preload(kPath, yaml);
  Diagnostics diags;
  Compiled out{Engine::Compile(kPath, std::move(sources), options, &diags), {}};
  diags.SortByLocation();
  for (const Diagnostic& d : diags.all()) out.problems.push_back(d.Format());
  return out;
}

// The engine's pattern tables (one per view, concatenated in view order) and
// databases. Their layout is internal to compile/; these accessors keep the
// tests' view of it in one place.
template <typename T>
std::vector<T> Concat(const Engine& e, std::vector<T> ViewPatterns::*member) {
  std::vector<T> out;
  for (const ViewPatterns& v : e.patterns().views) {
    out.insert(out.end(), (v.*member).begin(), (v.*member).end());
  }
  return out;
}
std::vector<std::string> Expressions(const Engine& e) {
  return Concat(e, &ViewPatterns::expressions);
}
std::vector<unsigned> Flags(const Engine& e) { return Concat(e, &ViewPatterns::flags); }
std::vector<PatternInfo> Infos(const Engine& e) { return Concat(e, &ViewPatterns::infos); }
const std::vector<uint32_t>& Re2OnlyRules(const Engine& e) { return e.patterns().re2_only_rules; }
bool HasDatabase(const Engine& e) {
  for (int v = 0; v < kViewCount; ++v) {
    if (e.database(static_cast<ViewKind>(v)) != nullptr) return e.prototype_scratch() != nullptr;
  }
  return false;
}

// A ruleset with one guideline and the given rules (each "  - ..." lines).
// The first rule's "  - id:" is on line 5.
std::string Ruleset(const std::string& rules) {
  return "ruleset: test\n"
         "guidelines:\n"
         "  g: {title: G, url: \"https://g.example\"}\n"
         "rules:\n" +
         rules;
}

// One rule: `matcher` is the matcher line(s), written on line 8 at column 5.
std::string OneRule(const std::string& matcher, const std::string& extra = "") {
  return Ruleset(
      "  - id: r.one\n"        // 5
      "    guideline: g\n"     // 6
      "    category: abuse\n"  // 7
      "    " +
      matcher +
      "\n"  // 8
      "    action: flag\n" +
      extra);
}

// The matched texts of rule `rule_id` in a post whose body is `body`.
std::vector<std::string> Matches(const Engine& engine, const std::string& body,
                                 const std::string& rule_id = "r.one") {
  auto classifier = Classifier::Create(engine);
  EXPECT_TRUE(classifier.ok());
  vigil_post post = VIGIL_POST_INIT;
  post.body = {body.data(), body.size()};
  absl::Status status = (*classifier)->Classify(post);
  EXPECT_TRUE(status.ok()) << status;
  std::vector<std::string> out;
  const Verdict& v = (*classifier)->verdict();
  for (const auto* list : {&v.hits, &v.dry_runs}) {
    for (const vigil_hit& hit : *list) {
      if (rule_id != hit.rule_id) continue;
      for (size_t i = 0; i < hit.match_count; ++i) {
        out.emplace_back(hit.matches[i].text, hit.matches[i].text_size);
      }
    }
  }
  return out;
}

TEST(EngineCompile, CompileBudgetsRefuseWithADiagnostic) {
  EngineOptions few_patterns;
  few_patterns.max_patterns = 2;
  Compiled c = CompileYaml(OneRule("words: [one, two, three]"), few_patterns);
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(c.problems, ElementsAre("mem/rules.yaml: error: the ruleset needs 3 patterns, "
                                      "over the max_patterns budget of 2"));

  EngineOptions short_regexes;
  short_regexes.max_regex_bytes = 8;
  c = CompileYaml(OneRule("regex: 'abcdefghij'"), short_regexes);
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(c.problems, ElementsAre("mem/rules.yaml:8:12: error: regex of 10 bytes is over "
                                      "the max_regex_bytes budget of 8 [r.one]"));

  EngineOptions little_memory;
  little_memory.re2_max_mem = 1 << 12;
  c = CompileYaml(OneRule("regex: '(abc|def){1,400}x'"), little_memory);
  EXPECT_FALSE(c.engine.ok());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("pattern too large"));

  EngineOptions tiny_database;
  tiny_database.max_database_bytes = 64;
  c = CompileYaml(OneRule("words: [idiot]"), tiny_database);
  EXPECT_FALSE(c.engine.ok());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("over the max_database_bytes budget of 64"));
}

TEST(EngineCompile, WordsOnTheSkeletonViewAreFoldedLiterals) {
  // The default view: terms are skeletons (lower case, look-alikes mapped:
  // Cyrillic у is Latin y, к is k by its capital К), so no case classes are
  // needed.
  Compiled c = CompileYaml(OneRule("words: [IDIOT, фук]"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  const ViewPatterns& skeleton = c->patterns().views[static_cast<int>(ViewKind::kSkeleton)];
  EXPECT_THAT(skeleton.expressions, ElementsAre("idiot", "\xD1\x84yk"));
  EXPECT_THAT(skeleton.flags, ElementsAre(kCaseless, kUtf8 | kCaseless));
  EXPECT_TRUE(c->patterns().used[static_cast<int>(ViewKind::kSkeleton)]);
  EXPECT_FALSE(c->patterns().used[static_cast<int>(ViewKind::kRaw)]);
}

TEST(EngineCompile, WordsBecomeCaseInsensitiveLiteralsWithWordBoundaries) {
  Compiled c = CompileYaml(
      OneRule("words: [idiot, фук, \"you are dumb\", idiot]", "    view: raw\n"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(c.problems, IsEmpty());
  // The duplicate term is compiled once.
  ASSERT_THAT(Expressions(*c), ElementsAre("idiot", "[фФ][уУ][кК]", "you\\x20are\\x20dumb"));
  EXPECT_THAT(Flags(*c), ElementsAre(kCaseless, kUtf8 | kCaseless, kCaseless));
  ASSERT_THAT(Infos(*c), SizeIs(3));
  for (const PatternInfo& info : Infos(*c)) {
    EXPECT_EQ(info.rule, 0u);
    EXPECT_EQ(info.kind, PatternKind::kLiteral);
    EXPECT_TRUE(info.whole_word_left);
    EXPECT_TRUE(info.whole_word_right);
  }
  EXPECT_EQ(Infos(*c)[0].code_points, 5u);
  EXPECT_EQ(Infos(*c)[1].code_points, 3u);
  EXPECT_EQ(Infos(*c)[2].code_points, 12u);
  EXPECT_THAT(Re2OnlyRules(*c), IsEmpty());
  EXPECT_TRUE(HasDatabase(*c));
}

TEST(EngineCompile, CaseSensitiveWords) {
  Compiled c = CompileYaml(OneRule("words: [Idiot, ФУК]", "    case_sensitive: true\n"));
  ASSERT_TRUE(c.engine.ok());
  EXPECT_THAT(Expressions(*c), ElementsAre("Idiot", "ФУК"));
  EXPECT_THAT(Flags(*c), ElementsAre(0u, kUtf8));
  EXPECT_THAT(Matches(*c, "idiot Idiot фук ФУК"), ElementsAre("Idiot", "ФУК"));
}

TEST(EngineCompile, WordEdgesInSpacelessScriptsNeedNoBoundary) {
  Compiled c = CompileYaml(OneRule("words: [傻逼, QQ群, 群QQ, ควาย, バカ, ok]"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  const std::vector<PatternInfo>& infos = Infos(*c);
  ASSERT_THAT(infos, SizeIs(6));
  auto edges = [&](size_t i) {
    return std::make_pair(infos[i].whole_word_left, infos[i].whole_word_right);
  };
  EXPECT_EQ(edges(0), std::make_pair(false, false));  // 傻逼: Han on both edges
  EXPECT_EQ(edges(1), std::make_pair(true, false));   // QQ群: Latin left, Han right
  EXPECT_EQ(edges(2), std::make_pair(false, true));   // 群QQ
  EXPECT_EQ(edges(3), std::make_pair(false, false));  // Thai
  EXPECT_EQ(edges(4), std::make_pair(false, false));  // Katakana
  EXPECT_EQ(edges(5), std::make_pair(true, true));
}

TEST(EngineCompile, PhrasesNeedNoBoundary) {
  Compiled c = CompileYaml(OneRule("phrases: [\"/ref=\", casino]"));
  ASSERT_TRUE(c.engine.ok());
  ASSERT_THAT(Infos(*c), SizeIs(2));
  for (const PatternInfo& info : Infos(*c)) {
    EXPECT_FALSE(info.whole_word_left);
    EXPECT_FALSE(info.whole_word_right);
  }
  EXPECT_THAT(Matches(*c, "mycasinos.example/ref=42"), ElementsAre("casino", "/ref="));
}

TEST(EngineCompile, RegexesGoToHyperscanInUtf8Mode) {
  Compiled c = CompileYaml(OneRule("regex: ['buy\\s+now', '哈{3,}']"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(c.problems, IsEmpty());
  EXPECT_THAT(Expressions(*c), ElementsAre("buy\\s+now", "哈{3,}"));
  EXPECT_THAT(Flags(*c), ElementsAre(kUtf8 | kCaseless, kUtf8 | kCaseless));
  for (const PatternInfo& info : Infos(*c)) EXPECT_EQ(info.kind, PatternKind::kRegex);
  EXPECT_THAT(c->compiled_rule(0).span_finders, SizeIs(2));
  EXPECT_EQ(c->compiled_rule(0).detector, nullptr);
  // `哈{3,}` counts characters, not bytes.
  EXPECT_THAT(Matches(*c, "BUY  NOW 哈哈 哈哈哈哈"), ElementsAre("BUY  NOW", "哈哈哈哈"));
}

TEST(EngineCompile, CaseSensitiveRegex) {
  Compiled c = CompileYaml(OneRule("regex: '[A-Z]{5,}'", "    case_sensitive: true\n"));
  ASSERT_TRUE(c.engine.ok());
  EXPECT_THAT(Flags(*c), ElementsAre(kUtf8));
  EXPECT_THAT(Matches(*c, "stop SHOUTING please"), ElementsAre("SHOUTING"));
  EXPECT_THAT(Matches(*c, "no shouting here"), IsEmpty());
}

TEST(EngineCompile, InvalidRegexIsReportedWithTheRuleAndItsLocation) {
  Compiled c = CompileYaml(OneRule("regex: 'foo(bar'"));
  EXPECT_EQ(c.engine.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(c.engine.status().message(), "the ruleset has errors");
  EXPECT_THAT(c.problems,
              ElementsAre("mem/rules.yaml:8:12: error: invalid regex /foo(bar/: missing ): "
                          "foo(bar (regexes use RE2 syntax; backreferences and lookaround are "
                          "not supported) [r.one]"));
}

TEST(EngineCompile, EachBadRegexOfAListIsReportedAtItsOwnLocation) {
  Compiled c =
      CompileYaml(OneRule("regex:\n"
                          "      - 'fine'\n"      // 9
                          "      - '(a)\\1'\n"    // 10
                          "      - 'x(?=y)'\n"))  // 11
      ;
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(
      c.problems,
      ElementsAre("mem/rules.yaml:10:9: error: invalid regex /(a)\\1/: invalid escape sequence: "
                  "\\1 (regexes use RE2 syntax; backreferences and lookaround are not "
                  "supported) [r.one]",
                  "mem/rules.yaml:11:9: error: invalid regex /x(?=y)/: invalid perl operator: "
                  "(?= (regexes use RE2 syntax; backreferences and lookaround are not "
                  "supported) [r.one]"));
}

TEST(EngineCompile, RegexMatchingEmptyTextIsRefused) {
  for (const char* regex : {"a*", "x?|y", "^", "(?:)", "$|z"}) {
    Compiled c = CompileYaml(OneRule(std::string("regex: '") + regex + "'"));
    EXPECT_FALSE(c.engine.ok()) << regex;
    EXPECT_THAT(c.problems, ElementsAre("mem/rules.yaml:8:12: error: regex /" + std::string(regex) +
                                        "/ matches empty text, so it would fire on every post "
                                        "[r.one]"))
        << regex;
  }
}

TEST(EngineCompile, RegexThatCanMatchEmptyOnlyInContextIsAccepted) {
  // Not empty on "", so accepted; its empty matches elsewhere are skipped.
  Compiled c = CompileYaml(OneRule("regex: 'a+|(?:x*y)'"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(Matches(*c, "aa y"), ElementsAre("aa", "y"));
}

TEST(EngineCompile, WordBoundaryAssertionsAreRefused) {
  Compiled c = CompileYaml(OneRule("regex: ['\\bfoo\\b', 'x\\By']"));
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(
      c.problems,
      ElementsAre("mem/rules.yaml:8:13: error: regex /\\bfoo\\b/ uses \\b or \\B, which know only "
                  "ASCII letters; use words: for whole words in every script, or explicit "
                  "classes [r.one]",
                  "mem/rules.yaml:8:24: error: regex /x\\By/ uses \\b or \\B, which know only "
                  "ASCII letters; use words: for whole words in every script, or explicit "
                  "classes [r.one]"));
  // An escaped backslash followed by 'b' is a literal "\b", not an assertion.
  Compiled literal = CompileYaml(OneRule("regex: 'C:\\\\bin'"));
  ASSERT_TRUE(literal.engine.ok()) << literal.engine.status();
  EXPECT_THAT(Matches(*literal, "cd C:\\bin now"), ElementsAre("C:\\bin"));
}

TEST(EngineCompile, UnknownDetector) {
  Compiled c = CompileYaml(OneRule("detect: horoscope"));
  EXPECT_FALSE(c.engine.ok());
  ASSERT_THAT(c.problems, SizeIs(1));
  // More detectors may follow in the list; these three come first.
  EXPECT_THAT(c.problems[0], StartsWith("mem/rules.yaml:8:13: error: unknown detector "
                                        "'horoscope' (available: email, url, phone"));
  EXPECT_THAT(c.problems[0], ::testing::EndsWith(") [r.one]"));
}

TEST(EngineCompile, DetectorsUseTheirCatalogPatterns) {
  Compiled c = CompileYaml(Ruleset(
      "  - {id: d.email, guideline: g, category: private_info, detect: email, action: flag}\n"
      "  - {id: d.url, guideline: g, category: spam, detect: url, action: flag}\n"
      "  - {id: d.phone, guideline: g, category: private_info, detect: phone, action: flag}\n"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  ASSERT_THAT(Expressions(*c), SizeIs(3));
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(Infos(*c)[i].kind, PatternKind::kDetector);
    EXPECT_EQ(Infos(*c)[i].rule, i);
    EXPECT_EQ(Flags(*c)[i], kCaseless);
    ASSERT_NE(c->compiled_rule(i).detector, nullptr);
    EXPECT_EQ(Expressions(*c)[i], c->compiled_rule(i).detector->hyperscan_pattern);
    EXPECT_THAT(c->compiled_rule(i).span_finders, SizeIs(1));
  }
  EXPECT_STREQ(c->compiled_rule(0).detector->name, "email");
  EXPECT_STREQ(c->compiled_rule(1).detector->name, "url");
  EXPECT_STREQ(c->compiled_rule(2).detector->name, "phone");
  EXPECT_EQ(FindDetector("horoscope"), nullptr);
}

// Hyperscan refuses RE2's "ungreedy" flag (?U), also in prefilter mode; RE2
// accepts it. The rule falls back to RE2 alone, with a warning, and still
// matches. (Bounded repeats large enough for Hyperscan to refuse, such as
// a{1,50000}, are over RE2's limit of 1000 too: both refuse them.)
TEST(EngineCompile, RegexHyperscanRefusesFallsBackToRe2) {
  Compiled c =
      CompileYaml(Ruleset("  - id: r.words\n"  // 5
                          "    guideline: g\n"
                          "    category: spam\n"
                          "    words: [casino]\n"
                          "    action: flag\n"
                          "  - id: r.one\n"  // 10
                          "    guideline: g\n"
                          "    category: spam\n"
                          "    regex: '(?U)buy\\s+now'\n"  // 13
                          "    action: hold\n"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(c.problems,
              ElementsAre("mem/rules.yaml:13:12: warning: Hyperscan cannot run /(?U)buy\\s+now/ "
                          "(Unrecognised character after (? at index 0.); RE2 runs it on every "
                          "post, which is slower [r.one]"));
  // The regex left the Hyperscan database; the words rule stayed.
  EXPECT_THAT(Expressions(*c), ElementsAre("casino"));
  EXPECT_THAT(Re2OnlyRules(*c), ElementsAre(1u));
  EXPECT_TRUE(HasDatabase(*c));
  EXPECT_THAT(Matches(*c, "please BUY   now, or not", "r.one"), ElementsAre("BUY   now"));
  EXPECT_THAT(Matches(*c, "buy it now", "r.one"), IsEmpty());
  EXPECT_THAT(Matches(*c, "CASINO", "r.words"), ElementsAre("CASINO"));
}

TEST(EngineCompile, RulesetWhereOnlyRe2CanRunAnything) {
  Compiled c = CompileYaml(OneRule("regex: '(?U)a+b'"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(Expressions(*c), IsEmpty());
  EXPECT_FALSE(HasDatabase(*c));
  EXPECT_THAT(Matches(*c, "xaab"), ElementsAre("aab"));
}

TEST(EngineCompile, CaseInsensitiveRegexWithCasedNonAsciiLettersRunsOnRe2) {
  Compiled c = CompileYaml(OneRule("regex: 'дура[кк]'"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(c.problems, IsEmpty());  // no warning: this is by design
  EXPECT_THAT(Expressions(*c), IsEmpty());
  EXPECT_THAT(Re2OnlyRules(*c), ElementsAre(0u));
  EXPECT_THAT(Matches(*c, "ты ДУРАК и дурак"), ElementsAre("ДУРАК", "дурак"));
}

TEST(EngineCompile, UncasedNonAsciiOrCaseSensitiveRegexStaysInHyperscan) {
  Compiled han = CompileYaml(OneRule("regex: '加微信[0-9]+'"));
  ASSERT_TRUE(han.engine.ok());
  EXPECT_THAT(Expressions(*han), ElementsAre("加微信[0-9]+"));
  EXPECT_THAT(Re2OnlyRules(*han), IsEmpty());

  Compiled exact = CompileYaml(OneRule("regex: 'дурак'", "    case_sensitive: true\n"));
  ASSERT_TRUE(exact.engine.ok());
  EXPECT_THAT(Expressions(*exact), ElementsAre("дурак"));
  EXPECT_THAT(Flags(*exact), ElementsAre(kUtf8));
  EXPECT_THAT(Re2OnlyRules(*exact), IsEmpty());
  EXPECT_THAT(Matches(*exact, "ДУРАК дурак"), ElementsAre("дурак"));
  // "Д" folds to "д": such a regex runs on the raw text.
  EXPECT_EQ(exact->ruleset().rules[0].view, ViewKind::kRaw);
}

TEST(EngineCompile, CaseSensitiveRegexWithUncasedNonAsciiRunsOnTheFoldedView) {
  // The shipped shouting rule's shape: "’" has no case and folds to itself,
  // so the folded view (which keeps ASCII case) serves, and no raw-view
  // scan is needed.
  Compiled c = CompileYaml(
      OneRule("regex: '[A-Z]{2,}(?:[ ’]+[A-Z]+){2,}'", "    case_sensitive: true\n"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_EQ(c->ruleset().rules[0].view, ViewKind::kFolded);
  EXPECT_FALSE(c->patterns().used[static_cast<int>(ViewKind::kRaw)]);
  EXPECT_THAT(Matches(*c, "WHY’S THIS DOWN but Not This Down"), ElementsAre("WHY’S THIS DOWN"));
}

TEST(EngineCompile, CaseSensitiveRegexThatCanMatchCasedLettersRunsOnTheRawText) {
  // What decides is every character the regex can match, not only those it
  // is written with: "[¡-×]" spans "À".."Ö", which the folded view lowers.
  Compiled range = CompileYaml(OneRule("regex: '[¡-×]{2}'", "    case_sensitive: true\n"));
  ASSERT_TRUE(range.engine.ok()) << range.engine.status();
  EXPECT_EQ(range->ruleset().rules[0].view, ViewKind::kRaw);
  EXPECT_THAT(Matches(*range, "ÀÉ and ¿±"), ElementsAre("ÀÉ", "¿±"));
  // Unicode classes and hex escapes are not read: the raw text serves.
  for (const char* regex : {"'\\p{Lu}'", "'\\x{C0}'"}) {
    Compiled c = CompileYaml(OneRule(std::string("regex: ") + regex, "    case_sensitive: true\n"));
    ASSERT_TRUE(c.engine.ok()) << regex << ": " << ::testing::PrintToString(c.problems);
    EXPECT_EQ(c->ruleset().rules[0].view, ViewKind::kRaw) << regex;
  }
  // ASCII ranges and a literal '-' at the end of a class stay on folded.
  Compiled ascii = CompileYaml(OneRule("regex: '[A-Z’-]{3}'", "    case_sensitive: true\n"));
  ASSERT_TRUE(ascii.engine.ok());
  EXPECT_EQ(ascii->ruleset().rules[0].view, ViewKind::kFolded);
}

TEST(EngineCompile, OneRegexOfARuleOnRe2TheOtherInHyperscan) {
  Compiled c = CompileYaml(OneRule("regex: ['idiot', 'дурак']"));
  ASSERT_TRUE(c.engine.ok());
  EXPECT_THAT(Expressions(*c), ElementsAre("idiot"));
  EXPECT_THAT(Re2OnlyRules(*c), ElementsAre(0u));
  EXPECT_THAT(Matches(*c, "IDIOT and ДУРАК"), ElementsAre("IDIOT", "ДУРАК"));
}

TEST(EngineCompile, EveryProblemOfLoadingAndCompilingIsReportedInOneRun) {
  Compiled c =
      CompileYaml(Ruleset("  - id: r.a\n"          // 5
                          "    guideline: nope\n"  // 6
                          "    category: abuse\n"
                          "    regex: 'x('\n"  // 8
                          "    action: flag\n"
                          "  - id: r.b\n"  // 10
                          "    guideline: g\n"
                          "    category: abuse\n"
                          "    detect: ssn\n"  // 13
                          "    action: flag\n"
                          "  - id: r.a\n"  // 15: duplicate
                          "    guideline: g\n"
                          "    category: abuse\n"
                          "    words: [y]\n"
                          "    action: flag\n"
                          "  - id: r.c\n"  // 20
                          "    guideline: g\n"
                          "    category: abuse\n"
                          "    regex: 'y*'\n"  // 23
                          "    action: flag\n"));
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(c.problems,
              ElementsAre(StartsWith("mem/rules.yaml:6:16: error: unknown guideline 'nope'"),
                          StartsWith("mem/rules.yaml:8:12: error: invalid regex /x(/"),
                          StartsWith("mem/rules.yaml:13:13: error: unknown detector 'ssn'"),
                          StartsWith("mem/rules.yaml:15:5: error: duplicate rule id 'r.a'"),
                          StartsWith("mem/rules.yaml:23:12: error: regex /y*/ matches empty")));
}

// The loader keeps checking a rule whose id is a duplicate (its guideline,
// lists, ...), but the engine checks regexes and detectors only of the rules
// it keeps, so this one's bad regex surfaces only after the id is fixed.
TEST(EngineCompile, RegexOfADuplicateRuleIsCheckedInTheSameRun) {
  Compiled c = CompileYaml(
      Ruleset("  - {id: r.a, guideline: g, category: abuse, words: [x], action: flag}\n"     // 5
              "  - {id: r.a, guideline: g, category: abuse, regex: 'x(', action: flag}\n"    // 6
              "  - {id: '', guideline: g, category: abuse, detect: ssn, action: flag}\n"));  // 7
  EXPECT_FALSE(c.engine.ok());
  EXPECT_THAT(c.problems,
              ElementsAre(StartsWith("mem/rules.yaml:6:5: error: duplicate rule id 'r.a'"),
                          StartsWith("mem/rules.yaml:6:"),
                          StartsWith("mem/rules.yaml:7:5: error: a rule needs an id"),
                          StartsWith("mem/rules.yaml:7:")));
}

TEST(EngineCompile, MissingFileIsNotFound) {
  SourceSet sources = SourceSet::FromFiles({});
  Diagnostics diags;
  auto engine = Engine::Compile("none.yaml", std::move(sources), {}, &diags);
  EXPECT_EQ(engine.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(engine.status().message(), "the ruleset file could not be read");
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.all()[0].Format(), "none.yaml: error: file not found: none.yaml");
}

TEST(EngineCompile, RulesetWithoutRules) {
  Compiled c = CompileYaml("ruleset: empty\n");
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_EQ(c->ruleset().name, "empty");
  EXPECT_THAT(c->ruleset().rules, IsEmpty());
  EXPECT_FALSE(HasDatabase(*c));
  EXPECT_THAT(Matches(*c, "anything"), IsEmpty());
}

TEST(EngineCompile, EscalationsAreOrderedMostUrgentFirstThenByDeclaration) {
  Compiled c = CompileYaml(
      "ruleset: t\n"
      "guidelines: {g: {title: G, url: U}}\n"
      "escalations:\n"
      "  support: {priority: low, description: Support}\n"
      "  mods: {priority: normal}\n"
      "  product: {priority: low}\n"
      "  legal: {priority: urgent}\n"
      "  tns: {priority: high}\n"
      "  mods2: {priority: normal}\n"
      "rules:\n"
      "  - {id: r, guideline: g, category: abuse, words: [x], action: flag, "
      "escalate: [support, legal, mods2]}\n");
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  std::vector<std::string> ids;
  for (const vigil_escalation& e : c->escalations()) ids.push_back(e.id);
  EXPECT_THAT(ids, ElementsAre("legal", "tns", "mods", "mods2", "support", "product"));
  EXPECT_EQ(c->escalations()[0].priority, VIGIL_PRIORITY_URGENT);
  EXPECT_STREQ(c->escalations()[4].description, "Support");
  const CompiledRule& rule = c->compiled_rule(0);
  ASSERT_THAT(rule.escalation_ids, SizeIs(3));
  EXPECT_STREQ(rule.escalation_ids[0], "support");  // in the rule's own order
  EXPECT_STREQ(rule.escalation_ids[1], "legal");
  EXPECT_STREQ(rule.escalation_ids[2], "mods2");
  EXPECT_THAT(rule.escalation_ranks, ElementsAre(4u, 0u, 3u));  // indexes into escalations()
}

TEST(EngineCompile, UnconditionalRulesAndTheLinkFinder) {
  Compiled c =
      CompileYaml(Ruleset("  - {id: a, guideline: g, category: abuse, words: [x], action: flag}\n"
                          "  - {id: b, guideline: g, category: abuse, words: [x], action: flag, "
                          "when: {channel: general}}\n"
                          "  - {id: c, guideline: g, category: abuse, words: [x], action: flag, "
                          "unless: {author.roles: {in: [staff]}}}\n"));
  ASSERT_TRUE(c.engine.ok()) << c.engine.status();
  EXPECT_THAT(c->unconditional(), ElementsAre(1, 0, 0));
  EXPECT_FALSE(c->compiled_rule(0).has_conditions);
  EXPECT_TRUE(c->compiled_rule(1).has_conditions);
  EXPECT_EQ(c->link_finder(), nullptr);  // no rule reads links

  Compiled links = CompileYaml(OneRule("phrases: [bit.ly]", "    fields: [links]\n"));
  ASSERT_TRUE(links.engine.ok());
  EXPECT_NE(links->link_finder(), nullptr);
}

TEST(EngineCompile, MaxPostBytesDefaultsToOneMebibyte) {
  Compiled c = CompileYaml(OneRule("words: [x]"), EngineOptions{0});
  ASSERT_TRUE(c.engine.ok());
  EXPECT_EQ(c->options().max_post_bytes, 1048576u);
  Compiled small = CompileYaml(OneRule("words: [x]"), EngineOptions{100});
  ASSERT_TRUE(small.engine.ok());
  EXPECT_EQ(small->options().max_post_bytes, 100u);
}

TEST(EngineCompile, KeepsTheSourcesItRead) {
  SourceSet sources = SourceSet::FromFiles(
      {{"m/top.yaml", "ruleset: t\ninclude: [base.yaml]\n"},
       {"m/base.yaml", "guidelines: {g: {title: G, url: U}}\nlists: {l: {file: l.txt}}\n"},
       {"m/l.txt", "one\n"},
       {"m/unused.txt", "never read\n"}});
  Diagnostics diags;
  auto engine = Engine::Compile("m/top.yaml", std::move(sources), {}, &diags);
  ASSERT_TRUE(engine.ok()) << engine.status();
  EXPECT_EQ((*engine)->path(), "m/top.yaml");
  // Everything the SourceSet held, which is what a compiled file embeds.
  EXPECT_THAT((*engine)->sources(), SizeIs(4));
  EXPECT_EQ((*engine)->sources().at("m/l.txt"), "one\n");
}

}  // namespace
}  // namespace vigil
