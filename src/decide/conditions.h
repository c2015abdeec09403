// `when:` / `unless:` conditions on a post's context (author and channel).
#ifndef VIGIL_DECIDE_CONDITIONS_H_
#define VIGIL_DECIDE_CONDITIONS_H_

#include <vector>

#include "ruleset/model.h"
#include "vigil/vigil.h"

namespace vigil {

// True when one condition holds for `post`. A number condition on an unknown
// (VIGIL_UNSET) value does not hold, whichever the comparison.
bool ConditionHolds(const Condition& condition, const vigil_post& post);

// Whether `rule` applies to `post`: every `when` condition holds, and not
// every `unless` condition does (an empty `unless` never exempts).
bool RuleApplies(const Rule& rule, const vigil_post& post);

}  // namespace vigil

#endif  // VIGIL_DECIDE_CONDITIONS_H_
