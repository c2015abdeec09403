// The verdict on one post, stored as the C ABI's own structs so the C API
// hands out pointers into it without copying. Strings that describe rules
// point into the (immutable) Engine; matched text is copied into the
// verdict's own buffer, because the caller's post may not outlive the call.
//
// A Verdict is owned by its Classifier and reused for the next post: its
// vectors keep their capacity, so steady-state classification allocates
// nothing.
#ifndef VIGIL_DECIDE_VERDICT_H_
#define VIGIL_DECIDE_VERDICT_H_

#include <string>
#include <vector>

#include "vigil/vigil.h"

namespace vigil {

class Verdict {
 public:
  void Clear();

  std::string post_id;
  bool truncated = false;           // only the first max_post_bytes were classified
  vigil_action action = VIGIL_ACTION_ALLOW;
  std::vector<vigil_hit> hits;      // enforced rules, most severe action first
  std::vector<vigil_hit> dry_runs;  // dry-run rules, in rule order
  std::vector<vigil_match> matches; // every hit's matches; hits point into it
  std::string match_text;           // NUL-separated copies of matched text
  std::vector<vigil_escalation> escalations;
  std::vector<vigil_author_message> messages;
  bool censored = false;            // a censor/redact rule fired
  std::string censored_title;
  std::string censored_body;

  // The JSON rendering, built on first request (see verdict_json.h).
  const std::string& Json() const;

 private:
  mutable std::string json_;
  mutable bool json_ready_ = false;
};

}  // namespace vigil

#endif  // VIGIL_DECIDE_VERDICT_H_
