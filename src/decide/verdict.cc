#include "decide/verdict.h"

#include "decide/verdict_json.h"

namespace vigil {

void Verdict::Clear() {
  post_id.clear();
  truncated = false;
  action = VIGIL_ACTION_ALLOW;
  hits.clear();
  dry_runs.clear();
  matches.clear();
  match_text.clear();
  escalations.clear();
  messages.clear();
  censored = false;
  censored_title.clear();
  censored_body.clear();
  json_.clear();
  json_ready_ = false;
}

const std::string& Verdict::Json() const {
  if (!json_ready_) {
    WriteVerdictJson(*this, &json_);
    json_ready_ = true;
  }
  return json_;
}

}  // namespace vigil
