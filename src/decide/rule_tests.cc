#include "decide/rule_tests.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/text.h"
#include "decide/conditions.h"
#include "decide/decider.h"

namespace vigil {
namespace {

vigil_str Str(const std::string& s) { return {s.data(), s.size()}; }

const vigil_hit* FindHit(const Verdict& v, const std::string& rule_id) {
  for (const auto* list : {&v.hits, &v.dry_runs}) {
    for (const vigil_hit& hit : *list) {
      if (rule_id == hit.rule_id) return &hit;
    }
  }
  return nullptr;
}

std::string DescribeExample(const TestPost& post) {
  std::string out;
  if (!post.title.empty()) absl::StrAppend(&out, "[", post.title, "] ");
  absl::StrAppend(&out, post.body);
  return Abbreviate(out, 80);
}

}  // namespace

absl::StatusOr<std::vector<RuleTestResult>> RunRuleTests(const Engine& engine) {
  auto classifier = Classifier::Create(engine);
  if (!classifier.ok()) return classifier.status();
  std::vector<RuleTestResult> results;
  for (const Rule& rule : engine.ruleset().rules) {
    for (const RuleTest& test : rule.tests) {
      const TestPost& tp = test.post;
      std::vector<vigil_str> links, roles;
      if (tp.links) {
        for (const std::string& l : *tp.links) links.push_back(Str(l));
      }
      for (const std::string& r : tp.roles) roles.push_back(Str(r));
      vigil_post post = VIGIL_POST_INIT;
      post.id = Str(tp.id);
      post.title = Str(tp.title);
      post.body = Str(tp.body);
      // An example without links: links come from the body, as for real posts.
      post.links = tp.links ? links.data() : nullptr;
      post.link_count = tp.links ? links.size() : 0;
      // An explicitly empty list is not "absent": point at something.
      static const vigil_str kNoLinks = {nullptr, 0};
      if (tp.links && links.empty()) post.links = &kNoLinks;
      post.author_id = Str(tp.author_id);
      post.author_name = Str(tp.author_name);
      post.author_trust_level = tp.trust_level.value_or(VIGIL_UNSET);
      post.author_account_age_days = tp.account_age_days.value_or(VIGIL_UNSET);
      post.author_post_count = tp.post_count.value_or(VIGIL_UNSET);
      post.author_roles = roles.data();
      post.author_role_count = roles.size();
      post.channel = Str(tp.channel);
      post.lang = Str(tp.lang);

      RuleTestResult result;
      result.rule_id = rule.id;
      result.expect_match = test.expect_match;
      result.example = DescribeExample(tp);
      result.location = test.location;
      absl::Status status = (*classifier)->Classify(post);
      if (!status.ok()) {
        result.detail = absl::StrCat("the example could not be classified: ", status.message());
      } else {
        const vigil_hit* hit = FindHit((*classifier)->verdict(), rule.id);
        result.passed = (hit != nullptr) == test.expect_match;
        if (!result.passed && hit) {
          const vigil_match& m = hit->matches[0];
          result.detail = absl::StrCat("fired on \"", absl::string_view(m.text, m.text_size),
                                       "\" (", FieldName(m.field), " bytes ", m.start, "-", m.end,
                                       ")");
        } else if (!result.passed) {
          result.detail = RuleApplies(rule, post)
                              ? "did not fire"
                              : "did not fire: its when/unless conditions exclude this post";
        }
      }
      results.push_back(std::move(result));
    }
  }
  return results;
}

}  // namespace vigil
