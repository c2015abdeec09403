// `when:` / `unless:` conditions on a post's author and channel.
#include "decide/conditions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ruleset/parser.h"

namespace vigil {
namespace {

using Subject = Condition::Subject;
using Op = Condition::Op;

Condition Number(Subject subject, Op op, int64_t n) { return {subject, op, n, {}, {}}; }
Condition Numbers(Subject subject, Op op, std::vector<int64_t> ns) {
  return {subject, op, 0, std::move(ns), {}};
}
Condition Strings(Subject subject, Op op, std::vector<std::string> ss) {
  return {subject, op, 0, {}, std::move(ss)};
}

// A post with owned storage for its strings.
class Post {
 public:
  Post() = default;
  Post(const Post&) = delete;

  Post& Trust(int64_t v) {
    post_.author_trust_level = v;
    return *this;
  }
  Post& Age(int64_t v) {
    post_.author_account_age_days = v;
    return *this;
  }
  Post& Count(int64_t v) {
    post_.author_post_count = v;
    return *this;
  }
  Post& Roles(std::vector<std::string> roles) {
    role_text_ = std::move(roles);
    role_views_.clear();
    for (const std::string& r : role_text_) role_views_.push_back({r.data(), r.size()});
    post_.author_roles = role_views_.data();
    post_.author_role_count = role_views_.size();
    return *this;
  }
  Post& Channel(std::string channel) {
    channel_ = std::move(channel);
    post_.channel = {channel_.data(), channel_.size()};
    return *this;
  }
  const vigil_post& get() const { return post_; }

 private:
  vigil_post post_ = VIGIL_POST_INIT;
  std::vector<std::string> role_text_;
  std::vector<vigil_str> role_views_;
  std::string channel_;
};

bool Holds(const Condition& c, const Post& p) { return ConditionHolds(c, p.get()); }

TEST(ConditionHolds, Below) {
  const Condition c = Number(Subject::kTrustLevel, Op::kBelow, 1);
  EXPECT_TRUE(Holds(c, Post().Trust(0)));
  EXPECT_TRUE(Holds(c, Post().Trust(-7)));
  EXPECT_FALSE(Holds(c, Post().Trust(1)));
  EXPECT_FALSE(Holds(c, Post().Trust(4)));
}

TEST(ConditionHolds, AtLeast) {
  const Condition c = Number(Subject::kTrustLevel, Op::kAtLeast, 2);
  EXPECT_TRUE(Holds(c, Post().Trust(2)));
  EXPECT_TRUE(Holds(c, Post().Trust(INT64_MAX)));
  EXPECT_FALSE(Holds(c, Post().Trust(1)));
  EXPECT_FALSE(Holds(Number(Subject::kTrustLevel, Op::kAtLeast, 0), Post().Trust(-1)));
}

TEST(ConditionHolds, NumberInAndNotIn) {
  const Condition in = Numbers(Subject::kPostCount, Op::kIn, {0, 1, 5});
  const Condition not_in = Numbers(Subject::kPostCount, Op::kNotIn, {0, 1, 5});
  for (int64_t v : {0, 1, 5}) {
    EXPECT_TRUE(Holds(in, Post().Count(v))) << v;
    EXPECT_FALSE(Holds(not_in, Post().Count(v))) << v;
  }
  for (int64_t v : {-1, 2, 4, 6, 1000}) {
    EXPECT_FALSE(Holds(in, Post().Count(v))) << v;
    EXPECT_TRUE(Holds(not_in, Post().Count(v))) << v;
  }
  EXPECT_FALSE(Holds(Numbers(Subject::kPostCount, Op::kIn, {}), Post().Count(3)));
  EXPECT_TRUE(Holds(Numbers(Subject::kPostCount, Op::kNotIn, {}), Post().Count(3)));
}

TEST(ConditionHolds, EachNumberSubjectReadsItsOwnField) {
  Post post;
  post.Trust(1).Age(30).Count(500);
  EXPECT_TRUE(Holds(Number(Subject::kTrustLevel, Op::kBelow, 2), post));
  EXPECT_FALSE(Holds(Number(Subject::kAccountAgeDays, Op::kBelow, 2), post));
  EXPECT_TRUE(Holds(Number(Subject::kAccountAgeDays, Op::kAtLeast, 30), post));
  EXPECT_FALSE(Holds(Number(Subject::kAccountAgeDays, Op::kAtLeast, 31), post));
  EXPECT_TRUE(Holds(Numbers(Subject::kPostCount, Op::kIn, {500}), post));
  EXPECT_FALSE(Holds(Numbers(Subject::kTrustLevel, Op::kIn, {500}), post));
}

TEST(ConditionHolds, UnknownNumbersNeverSatisfyANumberCondition) {
  const Post unknown;  // every author number is VIGIL_UNSET
  for (Subject s : {Subject::kTrustLevel, Subject::kAccountAgeDays, Subject::kPostCount}) {
    EXPECT_FALSE(Holds(Number(s, Op::kBelow, 1), unknown));
    EXPECT_FALSE(Holds(Number(s, Op::kBelow, INT64_MAX), unknown));
    EXPECT_FALSE(Holds(Number(s, Op::kAtLeast, 0), unknown));
    EXPECT_FALSE(Holds(Number(s, Op::kAtLeast, INT64_MIN), unknown));
    EXPECT_FALSE(Holds(Numbers(s, Op::kIn, {0, 1, INT64_MIN}), unknown));
    EXPECT_FALSE(Holds(Numbers(s, Op::kNotIn, {0, 1}), unknown));
    EXPECT_FALSE(Holds(Numbers(s, Op::kNotIn, {}), unknown));
  }
  // Only the unknown field is unknown.
  Post partly;
  partly.Trust(0);
  EXPECT_TRUE(Holds(Number(Subject::kTrustLevel, Op::kBelow, 1), partly));
  EXPECT_FALSE(Holds(Number(Subject::kPostCount, Op::kBelow, 1), partly));
}

TEST(ConditionHolds, RolesInMeansAnyRoleIsListed) {
  const Condition c = Strings(Subject::kRoles, Op::kIn, {"moderator", "staff"});
  EXPECT_TRUE(Holds(c, Post().Roles({"staff"})));
  EXPECT_TRUE(Holds(c, Post().Roles({"member", "moderator"})));
  EXPECT_FALSE(Holds(c, Post().Roles({"member", "vip"})));
  EXPECT_FALSE(Holds(c, Post()));  // no roles
  EXPECT_FALSE(Holds(c, Post().Roles({})));
  EXPECT_FALSE(Holds(c, Post().Roles({"Staff"})));  // compared exactly
  EXPECT_FALSE(Holds(c, Post().Roles({"staff "})));
}

TEST(ConditionHolds, RolesNotInMeansNoRoleIsListed) {
  const Condition c = Strings(Subject::kRoles, Op::kNotIn, {"moderator", "staff"});
  EXPECT_FALSE(Holds(c, Post().Roles({"staff"})));
  EXPECT_FALSE(Holds(c, Post().Roles({"member", "moderator"})));
  EXPECT_TRUE(Holds(c, Post().Roles({"member"})));
  EXPECT_TRUE(Holds(c, Post()));  // a post without roles has none of them
}

TEST(ConditionHolds, Channel) {
  const Condition in = Strings(Subject::kChannel, Op::kIn, {"marketplace", "jobs"});
  const Condition not_in = Strings(Subject::kChannel, Op::kNotIn, {"marketplace", "jobs"});
  EXPECT_TRUE(Holds(in, Post().Channel("jobs")));
  EXPECT_FALSE(Holds(in, Post().Channel("general")));
  EXPECT_FALSE(Holds(in, Post().Channel("Jobs")));
  EXPECT_FALSE(Holds(not_in, Post().Channel("jobs")));
  EXPECT_TRUE(Holds(not_in, Post().Channel("general")));
  // A post without a channel is in no channel.
  EXPECT_FALSE(Holds(in, Post()));
  EXPECT_TRUE(Holds(not_in, Post()));
}

// Conditions as the parser builds them from YAML.
std::vector<Condition> ParseWhen(const std::string& when) {
  Diagnostics diags;
  RulesetFileDraft d = ParseRulesetFile(
      "c.yaml",
      "rules:\n  - {id: r, guideline: g, category: abuse, words: [x], action: flag, when: " + when +
          "}\n",
      &diags);
  EXPECT_FALSE(diags.has_errors()) << (diags.all().empty() ? "" : diags.all()[0].Format());
  if (d.rules.empty()) return {};
  return d.rules[0].rule.when;
}

TEST(ConditionHolds, ChannelAsAPlainStringMeansInThatChannel) {
  std::vector<Condition> when = ParseWhen("{channel: marketplace}");
  ASSERT_EQ(when.size(), 1u);
  EXPECT_TRUE(Holds(when[0], Post().Channel("marketplace")));
  EXPECT_FALSE(Holds(when[0], Post().Channel("general")));
  EXPECT_FALSE(Holds(when[0], Post()));
}

TEST(ConditionHolds, SeveralOperatorsUnderOneKeyMustAllHold) {
  Rule rule;
  rule.when = ParseWhen("{author.trust_level: {at_least: 2, below: 5}}");
  ASSERT_EQ(rule.when.size(), 2u);
  EXPECT_FALSE(RuleApplies(rule, Post().Trust(1).get()));
  EXPECT_TRUE(RuleApplies(rule, Post().Trust(2).get()));
  EXPECT_TRUE(RuleApplies(rule, Post().Trust(4).get()));
  EXPECT_FALSE(RuleApplies(rule, Post().Trust(5).get()));
  EXPECT_FALSE(RuleApplies(rule, Post().get()));
}

TEST(RuleApplies, NoConditionsAlwaysApplies) { EXPECT_TRUE(RuleApplies(Rule{}, Post().get())); }

TEST(RuleApplies, WhenNeedsEveryCondition) {
  Rule rule;
  rule.when = {Number(Subject::kTrustLevel, Op::kBelow, 1),
               Strings(Subject::kChannel, Op::kIn, {"general"})};
  EXPECT_TRUE(RuleApplies(rule, Post().Trust(0).Channel("general").get()));
  EXPECT_FALSE(RuleApplies(rule, Post().Trust(0).Channel("help").get()));
  EXPECT_FALSE(RuleApplies(rule, Post().Trust(3).Channel("general").get()));
  // Unknown trust: `below` does not hold, so the rule applies only to posts
  // known to come from a new member.
  EXPECT_FALSE(RuleApplies(rule, Post().Channel("general").get()));
}

TEST(RuleApplies, UnlessExemptsOnlyWhenEveryConditionHolds) {
  Rule rule;
  rule.unless = {Strings(Subject::kRoles, Op::kIn, {"staff"}),
                 Number(Subject::kAccountAgeDays, Op::kAtLeast, 30)};
  EXPECT_FALSE(RuleApplies(rule, Post().Roles({"staff"}).Age(100).get()));  // exempt
  EXPECT_TRUE(RuleApplies(rule, Post().Roles({"staff"}).Age(3).get()));
  EXPECT_TRUE(RuleApplies(rule, Post().Roles({"member"}).Age(100).get()));
  EXPECT_TRUE(RuleApplies(rule, Post().Roles({"staff"}).get()));  // age unknown: not exempt
}

TEST(RuleApplies, UnlessWithAnUnknownNumberStillApplies) {
  // `unless: {author.trust_level: {at_least: 2}}` exempts only posts known to
  // come from an established member.
  Rule rule;
  rule.unless = {Number(Subject::kTrustLevel, Op::kAtLeast, 2)};
  EXPECT_TRUE(RuleApplies(rule, Post().get()));
  EXPECT_TRUE(RuleApplies(rule, Post().Trust(1).get()));
  EXPECT_FALSE(RuleApplies(rule, Post().Trust(2).get()));
}

TEST(RuleApplies, WhenAndUnlessTogether) {
  Rule rule;
  rule.when = {Strings(Subject::kChannel, Op::kNotIn, {"marketplace"})};
  rule.unless = {Strings(Subject::kRoles, Op::kIn, {"moderator", "staff"})};
  EXPECT_TRUE(RuleApplies(rule, Post().Channel("general").get()));
  EXPECT_TRUE(RuleApplies(rule, Post().get()));  // no channel: not in the marketplace
  EXPECT_FALSE(RuleApplies(rule, Post().Channel("marketplace").get()));
  EXPECT_FALSE(RuleApplies(rule, Post().Channel("general").Roles({"moderator"}).get()));
}

}  // namespace
}  // namespace vigil
