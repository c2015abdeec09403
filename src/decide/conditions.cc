#include "decide/conditions.h"

#include <algorithm>
#include <string_view>

namespace vigil {
namespace {

std::string_view View(const vigil_str& s) {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}

bool Listed(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

bool ConditionHolds(const Condition& c, const vigil_post& post) {
  using Subject = Condition::Subject;
  using Op = Condition::Op;
  switch (c.subject) {
    case Subject::kTrustLevel:
    case Subject::kAccountAgeDays:
    case Subject::kPostCount: {
      const int64_t value = c.subject == Subject::kTrustLevel       ? post.author_trust_level
                            : c.subject == Subject::kAccountAgeDays ? post.author_account_age_days
                                                                    : post.author_post_count;
      if (value == VIGIL_UNSET) return false;
      switch (c.op) {
        case Op::kBelow:
          return value < c.number;
        case Op::kAtLeast:
          return value >= c.number;
        case Op::kIn:
          return std::find(c.numbers.begin(), c.numbers.end(), value) != c.numbers.end();
        case Op::kNotIn:
          return std::find(c.numbers.begin(), c.numbers.end(), value) == c.numbers.end();
      }
      return false;
    }
    case Subject::kRoles: {
      bool any = false;
      for (size_t i = 0; i < post.author_role_count && post.author_roles; ++i) {
        any = any || Listed(c.strings, View(post.author_roles[i]));
      }
      return c.op == Op::kIn ? any : !any;
    }
    case Subject::kChannel: {
      const bool listed = post.channel.data && Listed(c.strings, View(post.channel));
      return c.op == Op::kIn ? listed : !listed;
    }
    case Subject::kLang: {
      // "fa" lists "fa-IR" too: a tag matches a listed language and its
      // regional forms.
      bool listed = false;
      const std::string_view lang = View(post.lang);
      for (const std::string& want : c.strings) {
        listed = listed || lang == want ||
                 (lang.size() > want.size() && lang.substr(0, want.size()) == want &&
                  lang[want.size()] == '-');
      }
      return c.op == Op::kIn ? listed : !listed;
    }
  }
  return false;
}

bool RuleApplies(const Rule& rule, const vigil_post& post) {
  for (const Condition& c : rule.when) {
    if (!ConditionHolds(c, post)) return false;
  }
  if (rule.unless.empty()) return true;
  for (const Condition& c : rule.unless) {
    if (!ConditionHolds(c, post)) return true;
  }
  return false;
}

}  // namespace vigil
