#include "decide/decider.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "decide/conditions.h"
#include "validate/detector_checks.h"
#include "validate/pii_tables.h"
#include "validate/word_boundary.h"

namespace vigil {
namespace {

std::string_view View(const vigil_str& s) {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}

// vigil_str fields are (data, size); NULL data with a size is a caller bug.
bool IsWellFormed(const vigil_str& s) { return s.data != nullptr || s.size == 0; }


}  // namespace

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Create(const Engine& engine) {
  auto scanner = Scanner::Create(engine);
  if (!scanner.ok()) return scanner.status();
  return std::unique_ptr<Classifier>(new Classifier(engine, std::move(*scanner)));
}

// The longest prefix of `s` of at most `budget` bytes that ends on a code
// point boundary (the bytes need not be valid UTF-8 beyond it).
vigil_str CutTo(const vigil_str& s, size_t* budget) {
  size_t cut = std::min(s.size, *budget);
  while (cut > 0 && cut < s.size && (static_cast<unsigned char>(s.data[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  *budget -= cut;
  return {s.data, cut};
}

void Classifier::TruncateToFit(size_t metadata_bytes, vigil_post* post) {
  // Text fields in the order a reader meets them; metadata (ids, channel,
  // roles) is never cut.
  size_t budget = engine_.options().max_post_bytes - metadata_bytes;
  post->title = CutTo(post->title, &budget);
  post->body = CutTo(post->body, &budget);
  post->author_name = CutTo(post->author_name, &budget);
  if (post->links) {
    links_.clear();
    for (size_t i = 0; i < post->link_count && budget > 0; ++i) {
      links_.push_back(CutTo(post->links[i], &budget));
    }
    post->links = links_.empty() ? post->links : links_.data();
    post->link_count = links_.size();
  }
}

absl::Status Classifier::CheckPost(vigil_post& post) {
  struct Named {
    const char* name;
    const vigil_str* str;
  };
  const Named named[] = {{"id", &post.id},
                         {"title", &post.title},
                         {"body", &post.body},
                         {"author.name", &post.author_name},
                         {"author.id", &post.author_id},
                         {"channel", &post.channel},
                         {"lang", &post.lang}};
  size_t total = 0, metadata = 0;
  for (const Named& n : named) {
    if (!IsWellFormed(*n.str)) {
      return absl::InvalidArgumentError(absl::StrCat(n.name, ": data is NULL but size is not 0"));
    }
    total += n.str->size;
    if (n.str != &post.title && n.str != &post.body && n.str != &post.author_name) {
      metadata += n.str->size;
    }
  }
  if (post.links == nullptr && post.link_count != 0) {
    return absl::InvalidArgumentError("links is NULL but link_count is not 0");
  }
  if (post.author_roles == nullptr && post.author_role_count != 0) {
    return absl::InvalidArgumentError("author_roles is NULL but author_role_count is not 0");
  }
  for (size_t i = 0; i < post.author_role_count; ++i) {
    if (!IsWellFormed(post.author_roles[i])) {
      return absl::InvalidArgumentError(absl::StrCat("author_roles[", i, "]: data is NULL"));
    }
    total += post.author_roles[i].size;
    metadata += post.author_roles[i].size;
  }
  for (size_t i = 0; i < post.link_count; ++i) {
    if (!IsWellFormed(post.links[i])) {
      return absl::InvalidArgumentError(absl::StrCat("links[", i, "]: data is NULL"));
    }
    total += post.links[i].size;
  }
  const size_t limit = engine_.options().max_post_bytes;
  if (total > limit) {
    if (!engine_.options().truncate_long_posts || metadata > limit) {
      return absl::OutOfRangeError(
          absl::StrCat("the post is ", total, " bytes, over the limit of ", limit));
    }
    TruncateToFit(metadata, &post);
    verdict_.truncated = true;
  }
  size_t bad;
  for (const Named& n : named) {
    if (!IsValidUtf8(View(*n.str), &bad)) {
      return absl::DataLossError(absl::StrCat(n.name, ": invalid UTF-8 at byte ", bad));
    }
  }
  for (size_t i = 0; i < post.author_role_count; ++i) {
    if (!IsValidUtf8(View(post.author_roles[i]), &bad)) {
      return absl::DataLossError(
          absl::StrCat("author_roles[", i, "]: invalid UTF-8 at byte ", bad));
    }
  }
  for (size_t i = 0; i < post.link_count; ++i) {
    if (!IsValidUtf8(View(post.links[i]), &bad)) {
      return absl::DataLossError(absl::StrCat("links[", i, "]: invalid UTF-8 at byte ", bad));
    }
  }
  return absl::OkStatus();
}

void Classifier::AddField(vigil_field field, uint32_t link_index, std::string_view text,
                          size_t body_offset) {
  if (field_count_ == fields_.size()) fields_.emplace_back();
  FieldViews& f = fields_[field_count_++];
  f.field = field;
  f.link_index = link_index;
  f.text = text;
  f.body_offset = body_offset;
}

void Classifier::LayOutFields(const vigil_post& post) {
  field_count_ = 0;
  AddField(VIGIL_FIELD_TITLE, 0, View(post.title));
  AddField(VIGIL_FIELD_BODY, 0, View(post.body));
  AddField(VIGIL_FIELD_AUTHOR_NAME, 0, View(post.author_name));
  if (post.links) {
    for (size_t i = 0; i < post.link_count; ++i) {
      AddField(VIGIL_FIELD_LINKS, static_cast<uint32_t>(i), View(post.links[i]));
    }
  } else if (const RE2* finder = engine_.link_finder()) {
    // No links given: the links are the URLs written in the body.
    const std::string_view body = View(post.body);
    spans_.clear();
    FindLinks(*finder, body, &spans_);
    uint32_t index = 0;
    for (Span span : spans_) {
      AddField(VIGIL_FIELD_LINKS, index++, body.substr(span.start, span.end - span.start),
               span.start);
    }
  }
}

void Classifier::BuildViews() {
  for (size_t i = 0; i < field_count_; ++i) BuildFieldViews(engine_, &fields_[i]);
}

bool Classifier::RepeatsSatisfied(const LiteralHit& hit, const PatternInfo& info) const {
  if (info.runs_size == 0) return true;
  const TextView& view = fields_[hit.instance].views[static_cast<int>(hit.view)];
  const std::string_view text = view.text();
  const std::string& min_runs = engine_.patterns().views[static_cast<int>(hit.view)].min_runs;
  size_t pos = hit.start;
  for (uint32_t k = 0; k < info.runs_size && pos < hit.end; ++k) {
    if (view.RunAt(pos) < static_cast<uint8_t>(min_runs[info.runs_offset + k])) return false;
    DecodeUtf8At(text, pos, &pos);
  }
  return true;
}

bool Classifier::ConfirmLiteral(const LiteralHit& hit, const PatternInfo& info) const {
  const TextView& view = fields_[hit.instance].views[static_cast<int>(hit.view)];
  const std::string_view text = view.text();
  const bool check_left = info.whole_word_left && !view.SoftBoundaryBefore(hit.start);
  const bool check_right = info.whole_word_right && !view.SoftBoundaryBefore(hit.end);
  if ((check_left || check_right) &&
      !IsWholeWordMatch(text, hit.start, hit.end, check_left, check_right)) {
    return false;
  }
  if (!RepeatsSatisfied(hit, info)) return false;
  for (const LiteralHit& e : exceptions_) {
    if (e.instance == hit.instance && e.view == hit.view && e.start <= hit.start &&
        e.end >= hit.end &&
        engine_.patterns().views[static_cast<int>(e.view)].infos[e.pattern].rule == info.rule) {
      return false;
    }
  }
  return true;
}

void Classifier::ConfirmMatches() {
  const PatternSet& patterns = engine_.patterns();
  matches_.clear();
  // Exceptions first: they suppress the matches they cover. An exception
  // must itself be a whole word where its edges need it.
  exceptions_.clear();
  for (const LiteralHit& hit : literals_) {
    const PatternInfo& info = patterns.views[static_cast<int>(hit.view)].infos[hit.pattern];
    if (info.kind != PatternKind::kException) continue;
    const TextView& view = fields_[hit.instance].views[static_cast<int>(hit.view)];
    const bool check_left = info.whole_word_left && !view.SoftBoundaryBefore(hit.start);
    const bool check_right = info.whole_word_right && !view.SoftBoundaryBefore(hit.end);
    if (IsWholeWordMatch(view.text(), hit.start, hit.end, check_left, check_right) &&
        RepeatsSatisfied(hit, info)) {
      exceptions_.push_back(hit);
    }
  }
  for (const LiteralHit& hit : literals_) {
    const PatternInfo& info = patterns.views[static_cast<int>(hit.view)].infos[hit.pattern];
    if (info.kind != PatternKind::kLiteral || !ConfirmLiteral(hit, info)) continue;
    const ByteSpan original =
        fields_[hit.instance].views[static_cast<int>(hit.view)].ToOriginal(hit.start, hit.end);
    matches_.push_back({info.rule, hit.instance, original.start, original.end});
  }
  for (const Candidate& candidate : candidates_) {
    const CompiledRule& compiled = engine_.compiled_rule(candidate.rule);
    const Rule& rule = engine_.ruleset().rules[candidate.rule];
    const TextView& view = fields_[candidate.instance].views[static_cast<int>(rule.view)];
    const std::string_view text = view.text();
    for (const auto& finder : compiled.span_finders) {
      if (compiled.detector) {
        // Detectors validate each find (checksums, lengths, context words)
        // and say how sure they are; the rule sets the bar.
        findings_.clear();
        FindDetectorFindings(compiled.detector->kind, *finder, text, DefaultDetectorTables(),
                             &findings_);
        for (const DetectorFinding& f : findings_) {
          if (f.confidence < rule.min_confidence) continue;
          const ByteSpan original = view.ToOriginal(f.span.start, f.span.end);
          // Two decimals: a confidence, not a measurement; and the JSON,
          // the C struct and the bindings then report the same number.
          const double confidence = std::round(f.confidence * 100) / 100;
          matches_.push_back({candidate.rule, candidate.instance, original.start, original.end,
                              confidence, f.subtype ? f.subtype : ""});
        }
        continue;
      }
      spans_.clear();
      FindAllSpans(*finder, text, &spans_);
      for (Span span : spans_) {
        const ByteSpan original = view.ToOriginal(span.start, span.end);
        matches_.push_back({candidate.rule, candidate.instance, original.start, original.end});
      }
    }
  }
  std::sort(matches_.begin(), matches_.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.instance != b.instance) return a.instance < b.instance;
    if (a.start != b.start) return a.start < b.start;
    return a.end < b.end;
  });
  matches_.erase(std::unique(matches_.begin(), matches_.end(),
                             [](const RawMatch& a, const RawMatch& b) {
                               return a.rule == b.rule && a.instance == b.instance &&
                                      a.start == b.start && a.end == b.end;
                             }),
                 matches_.end());
}

void Classifier::Decide() {
  const Ruleset& ruleset = engine_.ruleset();
  Verdict& v = verdict_;
  // Matched text is copied first and pointed to last: the buffer may grow.
  match_text_offsets_.clear();
  for (size_t i = 0; i < matches_.size();) {
    const uint32_t r = matches_[i].rule;
    size_t j = i;
    while (j < matches_.size() && matches_[j].rule == r) ++j;
    const Rule& rule = ruleset.rules[r];
    if (j - i >= rule.min_count) {
      const CompiledRule& compiled = engine_.compiled_rule(r);
      const Guideline& guideline = ruleset.guidelines.at(rule.guideline);
      vigil_hit hit{};
      hit.rule_id = rule.id.c_str();
      hit.category = rule.category.c_str();
      hit.severity = SeverityName(rule.severity);
      hit.guideline_id = guideline.id.c_str();
      hit.guideline_title = guideline.title.c_str();
      hit.guideline_url = guideline.url.c_str();
      hit.action = rule.action;
      hit.dry_run = rule.mode == RuleMode::kDryRun;
      hit.escalations = compiled.escalation_ids.data();
      hit.escalation_count = compiled.escalation_ids.size();
      hit.tell_author = rule.tell_author.c_str();
      hit.note_for_moderators = rule.note_for_moderators.c_str();
      // Until the pointers are fixed below, `matches` holds an index.
      hit.matches = reinterpret_cast<const vigil_match*>(v.matches.size());
      hit.match_count = j - i;
      for (size_t k = i; k < j; ++k) {
        const RawMatch& m = matches_[k];
        const FieldViews& field = fields_[m.instance];
        match_text_offsets_.push_back(v.match_text.size());
        v.match_text.append(field.text.substr(m.start, m.end - m.start));
        v.match_text.push_back('\0');
        v.matches.push_back({field.field, field.link_index, m.start, m.end, nullptr,
                             m.end - m.start, m.confidence, m.subtype, field.body_offset});
      }
      if (hit.dry_run) {
        v.dry_runs.push_back(hit);
      } else {
        enforced_.push_back({hit, r});
      }
    }
    i = j;
  }
  // Most severe action first; rule order among equals. (std::sort with a
  // total order: stable_sort would allocate a buffer on every post.)
  std::sort(enforced_.begin(), enforced_.end(), [](const auto& a, const auto& b) {
    return a.first.action != b.first.action ? a.first.action > b.first.action
                                            : a.second < b.second;
  });
  hit_rules_.clear();
  for (const auto& [hit, rule] : enforced_) {
    v.hits.push_back(hit);
    hit_rules_.push_back(rule);
  }
  enforced_.clear();
  for (size_t k = 0; k < v.matches.size(); ++k) {
    v.matches[k].text = v.match_text.data() + match_text_offsets_[k];
  }
  for (auto* list : {&v.hits, &v.dry_runs}) {
    for (vigil_hit& hit : *list) {
      hit.matches = v.matches.data() + reinterpret_cast<size_t>(hit.matches);
    }
  }

  v.action = v.hits.empty() ? VIGIL_ACTION_ALLOW : v.hits.front().action;
  const std::vector<vigil_escalation>& table = engine_.escalations();
  escalation_seen_.assign(table.size(), 0);
  for (size_t h = 0; h < v.hits.size(); ++h) {
    const vigil_hit& hit = v.hits[h];
    for (uint32_t rank : engine_.compiled_rule(hit_rules_[h]).escalation_ranks) {
      escalation_seen_[rank] = 1;
    }
    if (*hit.tell_author) {
      bool seen = false;
      for (const vigil_author_message& m : v.messages) {
        seen = seen || m.guideline_id == hit.guideline_id;
      }
      if (!seen) {
        v.messages.push_back(
            {hit.guideline_id, hit.guideline_title, hit.guideline_url, hit.tell_author});
      }
    }
  }
  for (size_t rank = 0; rank < table.size(); ++rank) {
    if (escalation_seen_[rank]) v.escalations.push_back(table[rank]);
  }
}

void Classifier::Censor(const vigil_post& post) {
  Verdict& v = verdict_;
  for (const vigil_hit& hit : v.hits) {
    v.censored = v.censored || hit.action == VIGIL_ACTION_CENSOR ||
                 hit.action == VIGIL_ACTION_REDACT;
  }
  if (!v.censored) return;
  for (vigil_field field : {VIGIL_FIELD_TITLE, VIGIL_FIELD_BODY}) {
    masks_.clear();
    for (size_t h = 0; h < v.hits.size(); ++h) {
      const vigil_hit& hit = v.hits[h];
      if (hit.action != VIGIL_ACTION_CENSOR && hit.action != VIGIL_ACTION_REDACT) continue;
      const Rule& rule = engine_.ruleset().rules[hit_rules_[h]];
      for (size_t k = 0; k < hit.match_count; ++k) {
        const vigil_match& m = hit.matches[k];
        if (m.field != field) continue;
        masks_.push_back({m.start, m.end, hit.action == VIGIL_ACTION_REDACT,
                          RedactionText(rule), rule.redact_shape});
      }
    }
    ApplyMasks(View(field == VIGIL_FIELD_TITLE ? post.title : post.body), &masks_,
               field == VIGIL_FIELD_TITLE ? &v.censored_title : &v.censored_body);
  }
}

absl::Status Classifier::Classify(const vigil_post& post) {
  verdict_.Clear();
  vigil_post checked = post;  // CheckPost may cut it to max_post_bytes
  if (absl::Status s = CheckPost(checked); !s.ok()) {
    verdict_.Clear();
    return s;
  }
  verdict_.post_id.assign(View(checked.id));
  LayOutFields(checked);
  BuildViews();
  const Ruleset& ruleset = engine_.ruleset();
  applies_ = engine_.unconditional();
  for (size_t r = 0; r < ruleset.rules.size(); ++r) {
    if (!applies_[r]) applies_[r] = RuleApplies(ruleset.rules[r], checked);
  }
  if (absl::Status s = scanner_->Scan(absl::MakeConstSpan(fields_.data(), field_count_),
                                      applies_, &literals_, &candidates_);
      !s.ok()) {
    return s;
  }
  ConfirmMatches();
  Decide();
  Censor(checked);
  return absl::OkStatus();
}

}  // namespace vigil
