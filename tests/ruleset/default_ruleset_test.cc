// The shipped ruleset, rules/community-default.yaml: it compiles without
// errors, and every example in its rules' `tests:` blocks passes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>

#include "compile/engine.h"
#include "decide/decider.h"
#include "decide/rule_tests.h"

namespace vigil {
namespace {

const std::string kDefaultRuleset = std::string(VIGIL_SOURCE_DIR) + "/rules/community-default.yaml";

std::unique_ptr<Engine> CompileDefault() {
  Diagnostics diags;
  auto engine = Engine::Compile(kDefaultRuleset, SourceSet::FromDisk(), {}, &diags);
  diags.SortByLocation();
  for (const Diagnostic& d : diags.all()) {
    if (d.is_error) {
      ADD_FAILURE() << d.Format();
    } else {
      std::cout << d.Format() << "\n";
    }
  }
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? std::move(*engine) : nullptr;
}

TEST(DefaultRuleset, CompilesWithoutErrors) {
  std::unique_ptr<Engine> engine = CompileDefault();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->ruleset().name, "community-default");
  EXPECT_FALSE(engine->ruleset().rules.empty());
}

TEST(DefaultRuleset, EveryRuleTestExamplePasses) {
  std::unique_ptr<Engine> engine = CompileDefault();
  ASSERT_NE(engine, nullptr);
  absl::StatusOr<std::vector<RuleTestResult>> results = RunRuleTests(*engine);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_FALSE(results->empty());
  size_t failed = 0;
  for (const RuleTestResult& r : *results) {
    if (r.passed) continue;
    ++failed;
    ADD_FAILURE() << r.location.file << ":" << r.location.line << ": [" << r.rule_id << "] "
                  << (r.expect_match ? "match" : "no_match") << " example \"" << r.example
                  << "\": " << r.detail;
  }
  std::cout << results->size() << " examples, " << failed << " failed\n";
}

TEST(DefaultRuleset, EveryRuleHasExamplesBothWays) {
  // The ruleset's header promises that every rule carries its own tests.
  std::unique_ptr<Engine> engine = CompileDefault();
  ASSERT_NE(engine, nullptr);
  for (const Rule& rule : engine->ruleset().rules) {
    bool match = false, no_match = false;
    for (const RuleTest& t : rule.tests) (t.expect_match ? match : no_match) = true;
    EXPECT_TRUE(match) << rule.id << " has no match: example";
    EXPECT_TRUE(no_match) << rule.id << " has no no_match: example";
  }
}

TEST(DefaultRuleset, ClassifiesOddTextWithoutErrors) {
  std::unique_ptr<Engine> engine = CompileDefault();
  ASSERT_NE(engine, nullptr);
  auto classifier = Classifier::Create(*engine);
  ASSERT_TRUE(classifier.ok());
  // "www.." and "(www.)": the shipped ruleset reads links, and extracting
  // them from the body throws on these (see validate/detector_checks_test).
  const std::vector<std::string> bodies = {"",
                                           " ",
                                           "www.",
                                           "see www.. now",
                                           "(www.)",
                                           "http://",
                                           "@",
                                           "++44",
                                           "😀\u2764\uFE0F",
                                           "\u200C\u200D",
                                           "a\tb\nc",
                                           std::string(5000, '!'),
                                           std::string(3000, 'a')};
  for (const std::string& body : bodies) {
    vigil_post post = VIGIL_POST_INIT;
    post.body = {body.data(), body.size()};
    absl::Status s;
    EXPECT_NO_THROW(s = (*classifier)->Classify(post)) << body;
    EXPECT_TRUE(s.ok()) << body << ": " << s;
  }
}

}  // namespace
}  // namespace vigil
