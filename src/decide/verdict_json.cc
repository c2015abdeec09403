#include "decide/verdict_json.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "decide/verdict.h"
#include "ruleset/model.h"

namespace vigil {
namespace {

void AppendHit(const vigil_hit& hit, std::string* out) {
  out->append("{\"rule\":");
  AppendJsonString(hit.rule_id, out);
  out->append(",\"category\":");
  AppendJsonString(hit.category, out);
  out->append(",\"severity\":");
  AppendJsonString(hit.severity, out);
  out->append(",\"action\":");
  AppendJsonString(ActionName(hit.action), out);
  out->append(",\"guideline\":{\"id\":");
  AppendJsonString(hit.guideline_id, out);
  out->append(",\"title\":");
  AppendJsonString(hit.guideline_title, out);
  out->append(",\"url\":");
  AppendJsonString(hit.guideline_url, out);
  out->append("},\"escalate\":[");
  for (size_t i = 0; i < hit.escalation_count; ++i) {
    if (i) out->push_back(',');
    AppendJsonString(hit.escalations[i], out);
  }
  out->append("],\"tell_author\":");
  AppendJsonString(hit.tell_author, out);
  out->append(",\"note_for_moderators\":");
  AppendJsonString(hit.note_for_moderators, out);
  out->append(",\"matches\":[");
  for (size_t i = 0; i < hit.match_count; ++i) {
    const vigil_match& m = hit.matches[i];
    if (i) out->push_back(',');
    out->append("{\"field\":");
    AppendJsonString(FieldName(m.field), out);
    if (m.field == VIGIL_FIELD_LINKS) {
      absl::StrAppend(out, ",\"link_index\":", m.link_index);
      if (m.body_offset) absl::StrAppend(out, ",\"body_offset\":", m.body_offset);
    }
    absl::StrAppend(out, ",\"start\":", m.start, ",\"end\":", m.end, ",\"text\":");
    AppendJsonString(std::string_view(m.text, m.text_size), out);
    if (m.subtype) {
      // Rounded to two decimals by the decider.
      absl::StrAppend(out, ",\"confidence\":", absl::StrFormat("%.2f", m.confidence),
                      ",\"subtype\":");
      AppendJsonString(m.subtype, out);
    }
    out->push_back('}');
  }
  out->append("]}");
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void WriteVerdictJson(const Verdict& v, std::string* out) {
  out->clear();
  out->append("{\"id\":");
  AppendJsonString(v.post_id, out);
  out->append(",\"action\":");
  AppendJsonString(ActionName(v.action), out);
  if (v.truncated) out->append(",\"truncated\":true");
  out->append(",\"hits\":[");
  for (size_t i = 0; i < v.hits.size(); ++i) {
    if (i) out->push_back(',');
    AppendHit(v.hits[i], out);
  }
  out->append("],\"dry_run\":[");
  for (size_t i = 0; i < v.dry_runs.size(); ++i) {
    if (i) out->push_back(',');
    AppendHit(v.dry_runs[i], out);
  }
  out->append("],\"escalations\":[");
  for (size_t i = 0; i < v.escalations.size(); ++i) {
    if (i) out->push_back(',');
    out->append("{\"id\":");
    AppendJsonString(v.escalations[i].id, out);
    out->append(",\"priority\":");
    AppendJsonString(PriorityName(v.escalations[i].priority), out);
    out->push_back('}');
  }
  out->append("],\"messages\":[");
  for (size_t i = 0; i < v.messages.size(); ++i) {
    const vigil_author_message& m = v.messages[i];
    if (i) out->push_back(',');
    out->append("{\"guideline\":");
    AppendJsonString(m.guideline_id, out);
    out->append(",\"title\":");
    AppendJsonString(m.guideline_title, out);
    out->append(",\"url\":");
    AppendJsonString(m.guideline_url, out);
    out->append(",\"text\":");
    AppendJsonString(m.text, out);
    out->push_back('}');
  }
  out->push_back(']');
  if (v.censored) {
    out->append(",\"censored\":{\"title\":");
    AppendJsonString(v.censored_title, out);
    out->append(",\"body\":");
    AppendJsonString(v.censored_body, out);
    out->push_back('}');
  }
  out->push_back('}');
}

}  // namespace vigil
