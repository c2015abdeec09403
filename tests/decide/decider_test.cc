// The classifier end to end, on engines compiled from inline rulesets: the
// final action, hits, dry runs, min_count, fields, links, escalations,
// messages, censoring, spans and the errors a post can cause.
#include "decide/decider.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compile/engine.h"
#include "decide/rule_tests.h"

namespace vigil {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A post with owned storage. Unset author numbers stay VIGIL_UNSET; links
// stay absent (NULL: extracted from the body) unless Links() is called.
struct Post {
  std::string id, title, body, name, author_id, channel, lang;
  std::optional<std::vector<std::string>> links;
  std::vector<std::string> roles;
  int64_t trust = VIGIL_UNSET, age = VIGIL_UNSET, count = VIGIL_UNSET;

  Post& Id(std::string v) {
    id = std::move(v);
    return *this;
  }
  Post& Title(std::string v) {
    title = std::move(v);
    return *this;
  }
  Post& Body(std::string v) {
    body = std::move(v);
    return *this;
  }
  Post& Name(std::string v) {
    name = std::move(v);
    return *this;
  }
  Post& AuthorId(std::string v) {
    author_id = std::move(v);
    return *this;
  }
  Post& Channel(std::string v) {
    channel = std::move(v);
    return *this;
  }
  Post& Lang(std::string v) {
    lang = std::move(v);
    return *this;
  }
  Post& Links(std::vector<std::string> v) {
    links = std::move(v);
    return *this;
  }
  Post& Roles(std::vector<std::string> v) {
    roles = std::move(v);
    return *this;
  }
  Post& Trust(int64_t v) {
    trust = v;
    return *this;
  }
};

vigil_str Str(const std::string& s) { return {s.data(), s.size()}; }

class Decider {
 public:
  // `rules` is the YAML after "rules:"; guidelines and escalations are given.
  explicit Decider(const std::string& rules, EngineOptions options = {}) {
    const std::string yaml =
        "ruleset: decider\n"
        "guidelines:\n"
        "  respect: {title: Respect, url: \"https://f.example/respect\"}\n"
        "  privacy: {title: Privacy, url: \"https://f.example/privacy\"}\n"
        "  spam: {title: No spam, url: \"https://f.example/spam\"}\n"
        "escalations:\n"
        "  support: {priority: low, description: Support}\n"
        "  mods: {priority: normal, description: Moderators}\n"
        "  legal: {priority: urgent, description: Legal}\n"
        "  tns: {priority: high, description: Trust and safety}\n"
        "rules:\n" +
        rules;
    SourceSet sources = SourceSet::FromDisk();
    sources.Preload("mem/decider.yaml", yaml);
    Diagnostics diags;
    auto engine = Engine::Compile("mem/decider.yaml", std::move(sources), options, &diags);
    if (!engine.ok()) {
      for (const Diagnostic& d : diags.all()) ADD_FAILURE() << d.Format();
      ADD_FAILURE() << engine.status();
      return;
    }
    engine_ = std::move(*engine);
    classifier_ = NewClassifier();
  }

  std::unique_ptr<Classifier> NewClassifier() const {
    if (!engine_) return nullptr;
    auto c = Classifier::Create(*engine_);
    EXPECT_TRUE(c.ok()) << c.status();
    return std::move(*c);
  }

  absl::Status Try(const Post& p, Classifier* classifier = nullptr) {
    if (!classifier && !classifier_) return absl::FailedPreconditionError("no engine");
    std::vector<vigil_str> links, roles;
    if (p.links) {
      for (const std::string& l : *p.links) links.push_back(Str(l));
    }
    for (const std::string& r : p.roles) roles.push_back(Str(r));
    static const vigil_str kNone = {nullptr, 0};
    vigil_post post = VIGIL_POST_INIT;
    post.id = Str(p.id);
    post.title = Str(p.title);
    post.body = Str(p.body);
    post.author_name = Str(p.name);
    post.author_id = Str(p.author_id);
    post.channel = Str(p.channel);
    post.lang = Str(p.lang);
    if (p.links) {
      post.links = links.empty() ? &kNone : links.data();
      post.link_count = links.size();
    }
    post.author_roles = roles.data();
    post.author_role_count = roles.size();
    post.author_trust_level = p.trust;
    post.author_account_age_days = p.age;
    post.author_post_count = p.count;
    return (classifier ? classifier : classifier_.get())->Classify(post);
  }

  const Verdict& Classify(const Post& p) {
    absl::Status s = Try(p);
    EXPECT_TRUE(s.ok()) << s;
    return verdict();
  }

  absl::Status TryRaw(const vigil_post& post) {
    if (!classifier_) return absl::FailedPreconditionError("no engine");
    return classifier_->Classify(post);
  }
  const Verdict& verdict() const {
    static const Verdict kEmpty;
    return classifier_ ? classifier_->verdict() : kEmpty;
  }
  bool ok() const { return engine_ != nullptr; }
  const Engine& engine() const { return *engine_; }

 private:
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Classifier> classifier_;
};

std::vector<std::string> Ids(const std::vector<vigil_hit>& hits) {
  std::vector<std::string> ids;
  for (const vigil_hit& h : hits) ids.push_back(h.rule_id);
  return ids;
}

std::string Text(const vigil_match& m) { return std::string(m.text, m.text_size); }

std::vector<std::string> Texts(const vigil_hit& hit) {
  std::vector<std::string> out;
  for (size_t i = 0; i < hit.match_count; ++i) out.push_back(Text(hit.matches[i]));
  return out;
}

std::vector<std::string> EscalationIds(const Verdict& v) {
  std::vector<std::string> ids;
  for (const vigil_escalation& e : v.escalations) ids.push_back(e.id);
  return ids;
}

// A rule in flow style: id, action and matcher; guideline respect, category abuse.
std::string R(const std::string& id, const std::string& action, const std::string& matcher,
              const std::string& extra = "") {
  return "  - {id: " + id + ", guideline: respect, category: abuse, action: " + action + ", " +
         matcher + (extra.empty() ? "" : ", " + extra) + "}\n";
}

TEST(Classifier, EmptyPostIsAllowed) {
  Decider d(R("r.flag", "flag", "words: [idiot]") +
            R("r.url", "hold", "detect: url", "fields: [links]"));
  vigil_post post = VIGIL_POST_INIT;
  ASSERT_TRUE(d.TryRaw(post).ok());
  const Verdict& v = d.verdict();
  EXPECT_EQ(v.action, VIGIL_ACTION_ALLOW);
  EXPECT_THAT(v.hits, IsEmpty());
  EXPECT_THAT(v.dry_runs, IsEmpty());
  EXPECT_THAT(v.matches, IsEmpty());
  EXPECT_THAT(v.escalations, IsEmpty());
  EXPECT_THAT(v.messages, IsEmpty());
  EXPECT_FALSE(v.censored);
  EXPECT_EQ(v.post_id, "");
  // Empty but present strings too.
  EXPECT_EQ(d.Classify(Post().Links({})).action, VIGIL_ACTION_ALLOW);
}

TEST(Classifier, PostIdIsEchoed) {
  Decider d(R("r.flag", "flag", "words: [idiot]"));
  EXPECT_EQ(d.Classify(Post().Id("post-42").Body("idiot")).post_id, "post-42");
  EXPECT_EQ(d.Classify(Post().Id("p-ж")).post_id, "p-ж");
}

TEST(Classifier, FinalActionIsTheMostSevereEnforcedAndHitsAreOrderedBySeverity) {
  Decider d(R("a.tag", "tag", "words: [alpha]") + R("a.hold", "hold", "words: [beta]") +
            R("a.flag1", "flag", "words: [gamma]") + R("a.censor", "censor", "words: [delta]") +
            R("a.flag2", "flag", "words: [alpha]") + R("a.allow", "allow", "words: [omega]"));
  const Verdict& v = d.Classify(Post().Body("alpha beta gamma delta omega"));
  EXPECT_EQ(v.action, VIGIL_ACTION_HOLD);
  // Most severe first; equal actions keep rule order.
  EXPECT_THAT(Ids(v.hits),
              ElementsAre("a.hold", "a.censor", "a.flag1", "a.flag2", "a.tag", "a.allow"));
  EXPECT_EQ(v.hits[0].action, VIGIL_ACTION_HOLD);
  EXPECT_EQ(v.hits[5].action, VIGIL_ACTION_ALLOW);

  EXPECT_EQ(d.Classify(Post().Body("alpha gamma")).action, VIGIL_ACTION_FLAG);
  EXPECT_EQ(d.Classify(Post().Body("alpha")).action, VIGIL_ACTION_FLAG);
  // An `allow` rule is reported but allows.
  const Verdict& allow = d.Classify(Post().Body("omega"));
  EXPECT_EQ(allow.action, VIGIL_ACTION_ALLOW);
  EXPECT_THAT(Ids(allow.hits), ElementsAre("a.allow"));
}

TEST(Classifier, RejectBeatsEverything) {
  Decider d(R("x.redact", "redact", "words: [one]") + R("x.reject", "reject", "words: [two]") +
            R("x.hold", "hold", "words: [three]"));
  const Verdict& v = d.Classify(Post().Body("three two one"));
  EXPECT_EQ(v.action, VIGIL_ACTION_REJECT);
  EXPECT_THAT(Ids(v.hits), ElementsAre("x.reject", "x.hold", "x.redact"));
}

TEST(Classifier, HitDescribesItsRule) {
  Decider d(
      "  - id: respect.insults\n"
      "    guideline: respect\n"
      "    category: abuse\n"
      "    severity: high\n"
      "    words: [idiot]\n"
      "    action: censor\n"
      "    escalate: [mods, legal]\n"
      "    tell_author: \"Be kind ({guideline.title}: {guideline.url})\"\n"
      "    note_for_moderators: \"{rule.id} hit\"\n");
  const Verdict& v = d.Classify(Post().Body("you idiot"));
  ASSERT_THAT(v.hits, SizeIs(1));
  const vigil_hit& h = v.hits[0];
  EXPECT_STREQ(h.rule_id, "respect.insults");
  EXPECT_STREQ(h.category, "abuse");
  EXPECT_STREQ(h.severity, "high");
  EXPECT_STREQ(h.guideline_id, "respect");
  EXPECT_STREQ(h.guideline_title, "Respect");
  EXPECT_STREQ(h.guideline_url, "https://f.example/respect");
  EXPECT_EQ(h.action, VIGIL_ACTION_CENSOR);
  EXPECT_EQ(h.dry_run, 0);
  ASSERT_EQ(h.escalation_count, 2u);
  EXPECT_STREQ(h.escalations[0], "mods");  // the rule's own order
  EXPECT_STREQ(h.escalations[1], "legal");
  EXPECT_STREQ(h.tell_author, "Be kind (Respect: https://f.example/respect)");
  EXPECT_STREQ(h.note_for_moderators, "respect.insults hit");
  ASSERT_EQ(h.match_count, 1u);
  EXPECT_EQ(h.matches[0].field, VIGIL_FIELD_BODY);
  EXPECT_EQ(h.matches[0].start, 4u);
  EXPECT_EQ(h.matches[0].end, 9u);
  EXPECT_STREQ(h.matches[0].text, "idiot");  // NUL-terminated copy
  EXPECT_EQ(h.matches[0].text_size, 5u);
  // A rule without messages has empty strings, not null pointers.
  Decider quiet(R("q", "flag", "words: [idiot]"));
  const vigil_hit& q = quiet.Classify(Post().Body("idiot")).hits.at(0);
  EXPECT_STREQ(q.tell_author, "");
  EXPECT_STREQ(q.note_for_moderators, "");
  EXPECT_EQ(q.escalation_count, 0u);
  EXPECT_STREQ(q.severity, "medium");
}

TEST(Classifier, DryRunHitsAreListedApartAndNeverChangeTheAction) {
  Decider d(R("d.reject", "reject", "words: [spam]",
              "mode: dry_run, escalate: [legal], tell_author: \"dry\"") +
            R("e.flag", "flag", "words: [spam]") +
            R("d.censor", "censor", "words: [spam]", "mode: dry_run"));
  const Verdict& v = d.Classify(Post().Body("spam spam"));
  EXPECT_EQ(v.action, VIGIL_ACTION_FLAG);
  EXPECT_THAT(Ids(v.hits), ElementsAre("e.flag"));
  EXPECT_THAT(Ids(v.dry_runs), ElementsAre("d.reject", "d.censor"));  // rule order
  EXPECT_EQ(v.dry_runs[0].dry_run, 1);
  EXPECT_EQ(v.dry_runs[0].action, VIGIL_ACTION_REJECT);
  EXPECT_THAT(Texts(v.dry_runs[0]), ElementsAre("spam", "spam"));
  EXPECT_THAT(v.escalations, IsEmpty());  // dry runs never escalate
  EXPECT_THAT(v.messages, IsEmpty());     // ... never message
  EXPECT_FALSE(v.censored);               // ... never censor

  Decider only(R("d.reject", "reject", "words: [spam]", "mode: dry_run"));
  const Verdict& w = only.Classify(Post().Body("spam"));
  EXPECT_EQ(w.action, VIGIL_ACTION_ALLOW);
  EXPECT_THAT(w.hits, IsEmpty());
  EXPECT_THAT(Ids(w.dry_runs), ElementsAre("d.reject"));
}

TEST(Classifier, MinCountCountsEveryMatchOverAllFields) {
  Decider d(R("m.links", "hold", "words: [link]", "min_count: 3") +
            R("m.dry", "flag", "words: [link]", "min_count: 2, mode: dry_run"));
  EXPECT_THAT(d.Classify(Post().Body("link")).dry_runs, IsEmpty());
  const Verdict& two = d.Classify(Post().Body("link and link"));
  EXPECT_THAT(two.hits, IsEmpty());
  EXPECT_THAT(Ids(two.dry_runs), ElementsAre("m.dry"));
  const Verdict& three = d.Classify(Post().Body("link link LINK"));
  ASSERT_THAT(Ids(three.hits), ElementsAre("m.links"));
  EXPECT_EQ(three.hits[0].match_count, 3u);
  EXPECT_EQ(three.action, VIGIL_ACTION_HOLD);
  // Title and body together.
  const Verdict& both = d.Classify(Post().Title("link").Body("link, link"));
  ASSERT_THAT(Ids(both.hits), ElementsAre("m.links"));
  EXPECT_EQ(both.hits[0].matches[0].field, VIGIL_FIELD_TITLE);
  EXPECT_EQ(both.hits[0].matches[1].field, VIGIL_FIELD_BODY);
  EXPECT_EQ(both.hits[0].matches[2].field, VIGIL_FIELD_BODY);
}

TEST(Classifier, RulesReadOnlyTheirFields) {
  Decider d(R("f.title", "flag", "words: [bad]", "fields: [title]") +
            R("f.body", "flag", "words: [bad]", "fields: [body]") +
            R("f.name", "reject", "words: [bad]", "fields: [author.name]") +
            R("f.default", "flag", "words: [worse]"));
  EXPECT_THAT(Ids(d.Classify(Post().Title("ok").Body("bad")).hits), ElementsAre("f.body"));
  EXPECT_THAT(Ids(d.Classify(Post().Title("bad").Body("ok")).hits), ElementsAre("f.title"));
  const Verdict& name = d.Classify(Post().Name("bad guy").Body("hello"));
  ASSERT_THAT(Ids(name.hits), ElementsAre("f.name"));
  EXPECT_EQ(name.hits[0].matches[0].field, VIGIL_FIELD_AUTHOR_NAME);
  EXPECT_EQ(name.action, VIGIL_ACTION_REJECT);
  // The default [title, body] reads neither the author's name nor links.
  EXPECT_THAT(d.Classify(Post().Name("worse").Links({"https://x.example/worse"})).hits, IsEmpty());
  EXPECT_THAT(Ids(d.Classify(Post().Title("worse").Body("worse")).hits), ElementsAre("f.default"));
  EXPECT_EQ(d.verdict().hits[0].match_count, 2u);
}

TEST(Classifier, GivenLinksAreSearchedOneByOne) {
  Decider d(R("l.short", "flag", "phrases: [bit.ly/]", "fields: [links]"));
  const Verdict& v =
      d.Classify(Post().Body("no links here").Links({"https://example.com", "https://bit.ly/abc"}));
  ASSERT_THAT(Ids(v.hits), ElementsAre("l.short"));
  const vigil_match& m = v.hits[0].matches[0];
  EXPECT_EQ(m.field, VIGIL_FIELD_LINKS);
  EXPECT_EQ(m.link_index, 1u);
  EXPECT_EQ(m.start, 8u);  // into links[1]
  EXPECT_EQ(m.end, 15u);
  EXPECT_EQ(Text(m), "bit.ly/");
}

TEST(Classifier, GivenLinksReplaceTheBody) {
  Decider d(R("l.short", "flag", "phrases: [bit.ly/]", "fields: [links]"));
  // Links listed (even an empty list): the body is not searched for more.
  EXPECT_THAT(d.Classify(Post().Body("https://bit.ly/x").Links({"https://a.example"})).hits,
              IsEmpty());
  EXPECT_THAT(d.Classify(Post().Body("https://bit.ly/x").Links({})).hits, IsEmpty());
}

TEST(Classifier, LinksAreExtractedFromTheBodyWhenNotGiven) {
  Decider d(R("l.short", "flag", "phrases: [bit.ly/]", "fields: [links]") +
            R("l.count", "hold", "detect: url", "fields: [links], min_count: 3"));
  const Verdict& v = d.Classify(Post().Body("see https://example.com and (https://bit.ly/zz)."));
  ASSERT_THAT(Ids(v.hits), ElementsAre("l.short"));
  const vigil_match& m = v.hits[0].matches[0];
  EXPECT_EQ(m.field, VIGIL_FIELD_LINKS);
  EXPECT_EQ(m.link_index, 1u);  // the second link found in the body
  EXPECT_EQ(m.start, 8u);       // offsets into the extracted link
  EXPECT_EQ(m.end, 15u);
  // A word glued to a link's start: not a link.
  EXPECT_THAT(d.Classify(Post().Body("xhttps://bit.ly/zz")).hits, IsEmpty());
  // Three links in the body.
  const Verdict& many =
      d.Classify(Post().Body("https://a.example https://b.example, www.c.example."));
  ASSERT_THAT(Ids(many.hits), ElementsAre("l.count"));
  EXPECT_THAT(Texts(many.hits[0]),
              ElementsAre("https://a.example", "https://b.example", "www.c.example"));
}

TEST(Classifier, AuthorNameField) {
  Decider d(R("n.slur", "reject", "words: [idiot]", "fields: [title, body, author.name]"));
  const Verdict& v = d.Classify(Post().Name("Big Idiot").Body("hello idiot"));
  ASSERT_THAT(v.hits, SizeIs(1));
  ASSERT_EQ(v.hits[0].match_count, 2u);
  // Fields in the order title, body, author name.
  EXPECT_EQ(v.hits[0].matches[0].field, VIGIL_FIELD_BODY);
  EXPECT_EQ(v.hits[0].matches[1].field, VIGIL_FIELD_AUTHOR_NAME);
  EXPECT_EQ(v.hits[0].matches[1].start, 4u);
  EXPECT_EQ(Text(v.hits[0].matches[1]), "Idiot");
}

TEST(Classifier, EscalationsAreDeduplicatedAndMostUrgentFirst) {
  Decider d(R("e.one", "flag", "words: [one]", "escalate: [mods, legal]") +
            R("e.two", "hold", "words: [two]", "escalate: [mods, support]") +
            R("e.three", "tag", "words: [three]", "escalate: tns") +
            R("e.four", "reject", "words: [four]", "escalate: [legal], mode: dry_run"));
  const Verdict& v = d.Classify(Post().Body("one two three"));
  EXPECT_THAT(EscalationIds(v), ElementsAre("legal", "tns", "mods", "support"));
  EXPECT_EQ(v.escalations[0].priority, VIGIL_PRIORITY_URGENT);
  EXPECT_STREQ(v.escalations[0].description, "Legal");
  EXPECT_EQ(v.escalations[3].priority, VIGIL_PRIORITY_LOW);
  EXPECT_THAT(EscalationIds(d.Classify(Post().Body("two two"))), ElementsAre("mods", "support"));
  EXPECT_THAT(d.Classify(Post().Body("four")).escalations, IsEmpty());
}

TEST(Classifier, OneMessagePerGuidelineFromItsMostSevereRuleThatHasOne) {
  Decider d(R("r1", "flag", "words: [idiot]", "tell_author: \"R1 {guideline.title}\"") +
            R("r2", "censor", "words: [moron]", "tell_author: \"R2\"") +
            R("r3", "hold", "words: [jerk]") +
            "  - {id: p1, guideline: privacy, category: private_info, action: redact, "
            "detect: email, tell_author: \"P1\"}\n"
            "  - {id: s1, guideline: spam, category: spam, action: tag, words: [casino]}\n");
  const Verdict& v = d.Classify(Post().Body("idiot moron jerk bob@example.com casino"));
  EXPECT_THAT(Ids(v.hits), ElementsAre("r3", "p1", "r2", "r1", "s1"));
  ASSERT_THAT(v.messages, SizeIs(2));
  // r3 (hold) has no tell_author: respect's message is r2's (censor beats flag).
  EXPECT_STREQ(v.messages[0].guideline_id, "privacy");
  EXPECT_STREQ(v.messages[0].text, "P1");
  EXPECT_STREQ(v.messages[0].guideline_title, "Privacy");
  EXPECT_STREQ(v.messages[0].guideline_url, "https://f.example/privacy");
  EXPECT_STREQ(v.messages[1].guideline_id, "respect");
  EXPECT_STREQ(v.messages[1].text, "R2");
  // The spam guideline's rule has no tell_author: no message.
  const Verdict& one = d.Classify(Post().Body("idiot casino"));
  ASSERT_THAT(one.messages, SizeIs(1));
  EXPECT_STREQ(one.messages[0].text, "R1 Respect");
}

TEST(Classifier, CensorMasksEachCharacterAndKeepsSpaces) {
  Decider d(R("c", "censor", "words: [you are dumb, дурак, idiot]"));
  const Verdict& v = d.Classify(Post().Title("IDIOT title").Body("hey you are dumb, дурак!"));
  EXPECT_EQ(v.action, VIGIL_ACTION_CENSOR);
  EXPECT_TRUE(v.censored);
  EXPECT_EQ(v.censored_title, "***** title");
  EXPECT_EQ(v.censored_body, "hey *** *** ****, *****!");  // one '*' per character
  // The spans still point into the original text.
  EXPECT_THAT(Texts(v.hits[0]), ElementsAre("IDIOT", "you are dumb", "дурак"));
}

TEST(Classifier, NothingCensoredWithoutACensorOrRedactHit) {
  Decider d(R("c", "censor", "words: [idiot]") + R("f", "flag", "words: [moron]"));
  const Verdict& v = d.Classify(Post().Body("moron"));
  EXPECT_FALSE(v.censored);
  EXPECT_EQ(v.censored_title, "");
  EXPECT_EQ(v.censored_body, "");
}

TEST(Classifier, CensoredTextIsProducedEvenWhenAMoreSevereActionDecides) {
  Decider d(R("c", "censor", "words: [idiot]") + R("h", "hold", "words: [casino]"));
  const Verdict& v = d.Classify(Post().Title("casino").Body("casino idiot"));
  EXPECT_EQ(v.action, VIGIL_ACTION_HOLD);
  EXPECT_TRUE(v.censored);
  EXPECT_EQ(v.censored_title, "casino");
  EXPECT_EQ(v.censored_body, "casino *****");
}

TEST(Classifier, RedactUsesTheRulesReplacement) {
  Decider d(
      "  - {id: e, guideline: privacy, category: private_info, action: redact, "
      "detect: email, replacement: \"[email]\"}\n" +
      R("s", "redact", "words: [secret]"));
  const Verdict& v = d.Classify(Post().Body("mail bob@example.com, secret!"));
  EXPECT_EQ(v.action, VIGIL_ACTION_REDACT);
  EXPECT_EQ(v.censored_body, "mail [email], [redacted]!");
  EXPECT_EQ(v.censored_title, "");
}

TEST(Classifier, AdjacentSpansAreMaskedSeparately) {
  Decider d(R("p", "redact", "phrases: [ab]", "replacement: \"[x]\""));
  EXPECT_EQ(d.Classify(Post().Body("abab-ab")).censored_body, "[x][x]-[x]");
}

TEST(Classifier, OverlappingCensorAndRedactMergeAndTheRedactionWins) {
  Decider d(R("c", "censor", "phrases: [secret code]") +
            R("r", "redact", "regex: 'code [0-9]+'", "replacement: \"[code]\""));
  const Verdict& v = d.Classify(Post().Body("the secret code 1234 ok"));
  EXPECT_EQ(v.action, VIGIL_ACTION_REDACT);
  EXPECT_EQ(v.censored_body, "the [code] ok");
  // A redaction inside a censored span also takes over the whole span.
  Decider nested(R("c", "censor", "phrases: [secret code 1234]") +
                 R("r", "redact", "phrases: [code]", "replacement: \"[code]\""));
  EXPECT_EQ(nested.Classify(Post().Body("the secret code 1234 ok")).censored_body, "the [code] ok");
  // Two overlapping censored spans are one masked run.
  Decider two(R("c1", "censor", "phrases: [abc]") + R("c2", "censor", "phrases: [cde]"));
  EXPECT_EQ(two.Classify(Post().Body("xabcdex")).censored_body, "x*****x");
}

TEST(Classifier, MatchesInAuthorNameAndLinksAreNotMasked) {
  Decider d(R("n", "censor", "words: [idiot]", "fields: [author.name]") +
            R("l", "redact", "phrases: [bit.ly]", "fields: [links]"));
  const Verdict& v =
      d.Classify(Post().Title("hi").Body("see bit.ly").Name("idiot").Links({"https://bit.ly/x"}));
  EXPECT_THAT(Ids(v.hits), ElementsAre("l", "n"));
  EXPECT_TRUE(v.censored);
  EXPECT_EQ(v.censored_title, "hi");
  EXPECT_EQ(v.censored_body, "see bit.ly");
}

TEST(Classifier, SpansAreByteOffsetsIntoTheOriginalField) {
  Decider d(R("w", "flag", "words: [idiot]", "fields: [title, body, author.name]") +
            R("n", "flag", "regex: '[0-9]{4}'"));
  const Verdict& v =
      d.Classify(Post().Title("日本語 idiot").Body("€€ idiot € 价格 1234").Name("Ж idiot"));
  ASSERT_THAT(Ids(v.hits), ElementsAre("w", "n"));
  const vigil_hit& w = v.hits[0];
  ASSERT_EQ(w.match_count, 3u);
  EXPECT_EQ(w.matches[0].field, VIGIL_FIELD_TITLE);
  EXPECT_EQ(w.matches[0].start, 10u);  // 3 Han characters (9 bytes) and a space
  EXPECT_EQ(w.matches[0].end, 15u);
  EXPECT_EQ(w.matches[1].field, VIGIL_FIELD_BODY);
  EXPECT_EQ(w.matches[1].start, 7u);  // two 3-byte euro signs and a space
  EXPECT_EQ(w.matches[1].end, 12u);
  EXPECT_EQ(w.matches[2].field, VIGIL_FIELD_AUTHOR_NAME);
  EXPECT_EQ(w.matches[2].start, 3u);
  EXPECT_EQ(w.matches[2].end, 8u);
  const vigil_match& n = v.hits[1].matches[0];
  EXPECT_EQ(n.start, 24u);  // "€€ idiot € " is 17 bytes, "价格 " 7
  EXPECT_EQ(n.end, 28u);
  EXPECT_EQ(Text(n), "1234");
}

TEST(Classifier, SpansOfCaseVariantsWithOtherByteLengths) {
  // KELVIN SIGN (3 bytes) and 'k' (1 byte) are case variants: the span starts
  // where the matched text starts, whichever variant it is.
  Decider d(R("k", "censor", "words: [\"\\u212Aing\"]"));
  const Verdict& ascii = d.Classify(Post().Body("the king"));
  ASSERT_THAT(ascii.hits, SizeIs(1));
  EXPECT_EQ(ascii.hits[0].matches[0].start, 4u);
  EXPECT_EQ(ascii.hits[0].matches[0].end, 8u);
  EXPECT_EQ(ascii.censored_body, "the ****");
  const Verdict& kelvin = d.Classify(Post().Body("the \u212Aing"));
  ASSERT_THAT(kelvin.hits, SizeIs(1));
  EXPECT_EQ(kelvin.hits[0].matches[0].start, 4u);
  EXPECT_EQ(kelvin.hits[0].matches[0].end, 10u);
  EXPECT_EQ(kelvin.censored_body, "the ****");
}

TEST(Classifier, ConditionsDecideWhetherARuleApplies) {
  Decider d(R("c.new", "hold", "words: [deal]", "when: {author.trust_level: {below: 1}}") +
            R("c.staff", "flag", "words: [deal]", "unless: {author.roles: {in: [staff]}}"));
  EXPECT_THAT(Ids(d.Classify(Post().Body("deal").Trust(0)).hits), ElementsAre("c.new", "c.staff"));
  EXPECT_THAT(Ids(d.Classify(Post().Body("deal").Trust(2)).hits), ElementsAre("c.staff"));
  EXPECT_THAT(Ids(d.Classify(Post().Body("deal")).hits), ElementsAre("c.staff"));  // unknown
  EXPECT_THAT(d.Classify(Post().Body("deal").Trust(5).Roles({"staff"})).hits, IsEmpty());
}

// Invalid UTF-8 is DataLoss (VIGIL_E_INVALID_UTF8 in the C ABI); a vigil_str
// with NULL data and a size is InvalidArgument (below).
TEST(Classifier, InvalidUtf8InAnyFieldNamesTheFieldAndByte) {
  Decider d(R("w", "flag", "words: [idiot]"));
  struct Case {
    Post post;
    std::string message;
  };
  const std::string bad = "ok\xC3\x28";  // byte 2 starts a broken sequence
  std::vector<Case> cases;
  cases.push_back({Post().Id(bad), "id: invalid UTF-8 at byte 2"});
  cases.push_back({Post().Title(bad), "title: invalid UTF-8 at byte 2"});
  cases.push_back({Post().Body("€" + bad), "body: invalid UTF-8 at byte 5"});
  cases.push_back({Post().Name(bad), "author.name: invalid UTF-8 at byte 2"});
  cases.push_back({Post().AuthorId(bad), "author.id: invalid UTF-8 at byte 2"});
  cases.push_back({Post().Channel(bad), "channel: invalid UTF-8 at byte 2"});
  cases.push_back({Post().Lang("\xFF"), "lang: invalid UTF-8 at byte 0"});
  cases.push_back({Post().Links({"https://a.example", "https://b.example/\xED\xA0\x80"}),
                   "links[1]: invalid UTF-8 at byte 18"});
  for (const Case& c : cases) {
    absl::Status s = d.Try(c.post);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << c.message;
    EXPECT_EQ(std::string(s.message()), c.message);
  }
}

TEST(Classifier, NullDataWithASizeIsInvalid) {
  Decider d(R("w", "flag", "words: [idiot]"));
  vigil_post post = VIGIL_POST_INIT;
  post.title = {nullptr, 3};
  absl::Status s = d.TryRaw(post);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(s.message()), "title: data is NULL but size is not 0");

  post = VIGIL_POST_INIT;
  post.link_count = 2;
  EXPECT_EQ(std::string(d.TryRaw(post).message()), "links is NULL but link_count is not 0");

  post = VIGIL_POST_INIT;
  post.author_role_count = 1;
  EXPECT_EQ(std::string(d.TryRaw(post).message()),
            "author_roles is NULL but author_role_count is not 0");

  const vigil_str links[] = {{nullptr, 4}};
  post = VIGIL_POST_INIT;
  post.links = links;
  post.link_count = 1;
  EXPECT_EQ(std::string(d.TryRaw(post).message()), "links[0]: data is NULL");
}

TEST(Classifier, PostOverMaxPostBytesIsOutOfRange) {
  Decider d(R("w", "flag", "words: [idiot]"), EngineOptions{100});
  EXPECT_TRUE(d.Try(Post().Body(std::string(100, 'a'))).ok());
  absl::Status s = d.Try(Post().Body(std::string(101, 'a')));
  EXPECT_EQ(s.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(s.message()), "the post is 101 bytes, over the limit of 100");
  // Every text field counts, links included.
  s = d.Try(
      Post().Title(std::string(50, 't')).Body(std::string(30, 'b')).Links({std::string(21, 'l')}));
  EXPECT_EQ(std::string(s.message()), "the post is 101 bytes, over the limit of 100");
  s = d.Try(Post()
                .Id(std::string(40, 'i'))
                .Channel(std::string(30, 'c'))
                .Lang("en")
                .Name(std::string(29, 'n')));
  EXPECT_EQ(std::string(s.message()), "the post is 101 bytes, over the limit of 100");
  // Size is checked before content: an oversized invalid post is too large.
  EXPECT_EQ(d.Try(Post().Body(std::string(101, '\xFF'))).code(), absl::StatusCode::kOutOfRange);
}

TEST(Classifier, TruncatingEngineClassifiesTheFirstMaxPostBytes) {
  EngineOptions options;
  options.max_post_bytes = 20;
  options.truncate_long_posts = true;
  Decider d(R("w", "flag", "words: [idiot]"), options);
  // Within the limit: not truncated.
  const Verdict& small = d.Classify(Post().Body("you idiot"));
  EXPECT_FALSE(small.truncated);
  ASSERT_THAT(small.hits, SizeIs(1));
  // Over it: the title first, then the body, cut to 20 bytes in all.
  const Verdict& cut = d.Classify(Post().Title("hello").Body("you idiot, and more after it"));
  EXPECT_TRUE(cut.truncated);
  ASSERT_THAT(cut.hits, SizeIs(1));
  EXPECT_EQ(cut.hits[0].matches[0].start, 4u);
  EXPECT_THAT(cut.Json(), HasSubstr("\"truncated\":true"));
  // A word past the cut is not seen.
  const Verdict& late = d.Classify(Post().Body(std::string(18, 'a') + " idiot"));
  EXPECT_TRUE(late.truncated);
  EXPECT_THAT(late.hits, IsEmpty());
  // The cut never splits a character: 19 bytes of 'a' + 'é' (2 bytes) keeps 19.
  const Verdict& utf8 = d.Classify(Post().Body(std::string(19, 'a') + "\xC3\xA9 idiot"));
  EXPECT_TRUE(utf8.truncated);
  // Metadata alone over the limit cannot be cut.
  EXPECT_EQ(d.Try(Post().Id(std::string(21, 'i')).Body("x")).code(),
            absl::StatusCode::kOutOfRange);
}

TEST(Classifier, DefaultLimitIsOneMebibyte) {
  Decider d(R("w", "flag", "words: [idiot]"));
  std::string body(1048576 - 6, 'a');
  body += " idiot";
  const Verdict& v = d.Classify(Post().Body(body));
  ASSERT_THAT(v.hits, SizeIs(1));
  EXPECT_EQ(v.hits[0].matches[0].start, 1048571u);
  EXPECT_EQ(d.Try(Post().Body(body + "!")).code(), absl::StatusCode::kOutOfRange);
}

std::vector<Post> MixedPosts() {
  return {
      Post().Body("you idiot, mail bob@example.com"),
      Post().Title("CASINO").Body("spin spin spin https://bit.ly/x https://a.example"),
      Post(),
      Post().Body("дурак и ДУРАК").Name("idiot"),
      Post().Body("deal").Trust(0).Roles({"member"}),
      Post().Body("nothing wrong").Links({"https://bit.ly/q"}),
      Post().Body("the secret code 1234 ok"),
  };
}

constexpr const char* kMixedRules =
    "  - {id: m.insult, guideline: respect, category: abuse, action: censor, "
    "words: [idiot, дурак], fields: [title, body, author.name], escalate: mods, "
    "tell_author: \"Be nice\"}\n"
    "  - {id: m.email, guideline: privacy, category: private_info, action: redact, "
    "detect: email, escalate: [legal]}\n"
    "  - {id: m.links, guideline: spam, category: spam, action: hold, detect: url, "
    "fields: [links], min_count: 2}\n"
    "  - {id: m.short, guideline: spam, category: spam, action: flag, phrases: [bit.ly], "
    "fields: [links], mode: dry_run}\n"
    "  - {id: m.casino, guideline: spam, category: spam, action: tag, words: [casino], "
    "escalate: support}\n"
    "  - {id: m.new, guideline: spam, category: spam, action: hold, words: [deal], "
    "when: {author.trust_level: {below: 1}}}\n"
    "  - {id: m.code, guideline: privacy, category: private_info, action: redact, "
    "regex: 'code [0-9]+'}\n";

TEST(Classifier, ReusingOneClassifierGivesTheSameVerdicts) {
  Decider d(kMixedRules);
  std::vector<std::string> fresh;
  for (const Post& p : MixedPosts()) {
    std::unique_ptr<Classifier> c = d.NewClassifier();
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(d.Try(p, c.get()).ok());
    fresh.push_back(c->verdict().Json());
  }
  // One classifier, all posts, three times over, with failures in between.
  std::unique_ptr<Classifier> reused = d.NewClassifier();
  ASSERT_NE(reused, nullptr);
  for (int round = 0; round < 3; ++round) {
    const std::vector<Post> posts = MixedPosts();
    for (size_t i = 0; i < posts.size(); ++i) {
      ASSERT_TRUE(d.Try(posts[i], reused.get()).ok());
      EXPECT_EQ(reused->verdict().Json(), fresh[i]) << "round " << round << " post " << i;
      EXPECT_FALSE(d.Try(Post().Body("\xFF"), reused.get()).ok());
    }
  }
  // The posts do exercise the rules.
  EXPECT_NE(fresh[0].find("\"action\":\"redact\""), std::string::npos);
  EXPECT_NE(fresh[1].find("\"action\":\"hold\""), std::string::npos);
  EXPECT_NE(fresh[6].find("\"censored\""), std::string::npos);
}

TEST(Classifier, VerdictJson) {
  Decider d(kMixedRules);
  const Verdict& v = d.Classify(Post().Id("p1").Body("you idiot, mail bob@example.com"));
  EXPECT_EQ(
      v.Json(),
      R"({"id":"p1","action":"redact","hits":[)"
      R"({"rule":"m.email","category":"private_info","severity":"medium","action":"redact",)"
      R"("guideline":{"id":"privacy","title":"Privacy","url":"https://f.example/privacy"},)"
      R"("escalate":["legal"],"tell_author":"","note_for_moderators":"","matches":[)"
      R"({"field":"body","start":16,"end":31,"text":"bob@example.com",)"
      R"("confidence":0.90,"subtype":""}]},)"
      R"({"rule":"m.insult","category":"abuse","severity":"medium","action":"censor",)"
      R"("guideline":{"id":"respect","title":"Respect","url":"https://f.example/respect"},)"
      R"("escalate":["mods"],"tell_author":"Be nice","note_for_moderators":"","matches":[)"
      R"({"field":"body","start":4,"end":9,"text":"idiot"}]}],)"
      R"("dry_run":[],"escalations":[{"id":"legal","priority":"urgent"},)"
      R"({"id":"mods","priority":"normal"}],)"
      R"("messages":[{"guideline":"respect","title":"Respect","url":"https://f.example/respect",)"
      R"("text":"Be nice"}],)"
      R"("censored":{"title":"","body":"you *****, mail [email removed]"}})");
}

TEST(Classifier, VerdictJsonEscapesStrings) {
  Decider d(R("w", "flag", "words: [idiot]"));
  const Verdict& v = d.Classify(Post().Id("a\"b\\c\nd\te\rf\x01g\x7Fh/é€"));
  EXPECT_EQ(v.Json(), R"({"id":"a\"b\\c\nd\te\rf\u0001g\u007fh/é€","action":"allow","hits":[],)"
                      R"("dry_run":[],"escalations":[],"messages":[]})");
}

// A body with "www." followed only by punctuation: the link extraction (any
// rule reading links) and the url detector trim the candidate to "www" and
// then read past it (validate/detector_checks.cc, ConfirmUrl).
TEST(Classifier, WwwFollowedByPunctuationInTheBody) {
  Decider d(R("l", "flag", "phrases: [bit.ly]", "fields: [links]") + R("u", "hold", "detect: url"));
  for (const std::string body : {"see www.. ok", "(www.)", "www.!"}) {
    absl::Status s;
    EXPECT_NO_THROW(s = d.Try(Post().Body(body))) << body;
    EXPECT_TRUE(s.ok()) << body << ": " << s;
    EXPECT_THAT(d.verdict().hits, IsEmpty()) << body;
  }
}

TEST(Classifier, LinkMatchesCarryTheirLinkIndexInJson) {
  Decider d(R("l", "flag", "phrases: [bit.ly]", "fields: [links]"));
  const Verdict& v = d.Classify(Post().Links({"https://a.example", "https://bit.ly/x"}));
  EXPECT_NE(v.Json().find(R"({"field":"links","link_index":1,"start":8,"end":14,"text":"bit.ly"})"),
            std::string::npos)
      << v.Json();
}

// RunRuleTests runs each rule's `tests:` examples against that rule only.
std::vector<RuleTestResult> RunTests(const std::string& rules) {
  Decider d(rules);
  if (!d.ok()) return {};
  absl::StatusOr<std::vector<RuleTestResult>> results = RunRuleTests(d.engine());
  EXPECT_TRUE(results.ok()) << results.status();
  return results.ok() ? *results : std::vector<RuleTestResult>{};
}

TEST(RunRuleTests, ReportsEachExampleWithWhyItFailed) {
  std::vector<RuleTestResult> r = RunTests(
      "  - id: w\n"  // 12
      "    guideline: respect\n"
      "    category: abuse\n"
      "    words: [idiot]\n"
      "    action: flag\n"
      "    tests:\n"
      "      match: [\"you idiot\", \"kind words\"]\n"                  // 18
      "      no_match: [idiotic, \"idiot!\", {title: T, body: B}]\n");  // 19
  ASSERT_THAT(r, SizeIs(5));
  EXPECT_EQ(r[0].rule_id, "w");
  EXPECT_TRUE(r[0].expect_match);
  EXPECT_TRUE(r[0].passed);
  EXPECT_EQ(r[0].example, "you idiot");
  EXPECT_EQ(r[0].detail, "");
  EXPECT_EQ(r[0].location.file, "mem/decider.yaml");
  EXPECT_EQ(r[0].location.line, 18u);
  EXPECT_FALSE(r[1].passed);
  EXPECT_EQ(r[1].detail, "did not fire");
  EXPECT_FALSE(r[2].expect_match);
  EXPECT_TRUE(r[2].passed);
  EXPECT_FALSE(r[3].passed);
  EXPECT_EQ(r[3].detail, "fired on \"idiot\" (body bytes 0-5)");
  EXPECT_EQ(r[3].location.line, 19u);
  EXPECT_TRUE(r[4].passed);
  EXPECT_EQ(r[4].example, "[T] B");
}

TEST(RunRuleTests, ConditionsAndDryRunAndOtherRules) {
  std::vector<RuleTestResult> r =
      RunTests(R("c", "hold", "words: [deal]",
                 "when: {author.trust_level: {below: 1}}, tests: {match: [deal, "
                 "{body: deal, author: {trust_level: 0}}]}") +
               R("d", "reject", "words: [spam]", "mode: dry_run, tests: {match: [spam]}") +
               // Another rule firing on an example does not matter.
               R("o", "reject", "words: [spam]", "tests: {no_match: [deal]}"));
  ASSERT_THAT(r, SizeIs(4));
  EXPECT_FALSE(r[0].passed);  // no trust level: `below` does not hold
  EXPECT_EQ(r[0].detail, "did not fire: its when/unless conditions exclude this post");
  EXPECT_TRUE(r[1].passed);
  EXPECT_TRUE(r[2].passed);  // a dry-run rule counts as firing
  EXPECT_TRUE(r[3].passed);
}

TEST(RunRuleTests, ExampleLinksGivenOrExtracted) {
  std::vector<RuleTestResult> r = RunTests(
      R("l", "flag", "phrases: [bit.ly]",
        "fields: [links], tests: {match: [\"see https://bit.ly/x\", {links: [https://bit.ly/y]}], "
        "no_match: [{body: \"see https://bit.ly/x\", links: []}]}"));
  ASSERT_THAT(r, SizeIs(3));
  EXPECT_TRUE(r[0].passed) << r[0].detail;  // extracted from the body
  EXPECT_TRUE(r[1].passed) << r[1].detail;  // given
  EXPECT_TRUE(r[2].passed) << r[2].detail;  // given as none: the body is not searched
}

TEST(RunRuleTests, ExampleThatCannotBeClassified) {
  std::vector<RuleTestResult> r = RunTests(
      R("w", "flag", "words: [idiot]", "tests: {match: [\"" + std::string(20, 'x') + "\"]}"));
  ASSERT_THAT(r, SizeIs(1));
  EXPECT_TRUE(!r[0].passed && r[0].detail == "did not fire");
  Decider small(R("w", "flag", "words: [idiot]", "tests: {match: [\"idiot idiot idiot\"]}"),
                EngineOptions{10});
  ASSERT_TRUE(small.ok());
  auto results = RunRuleTests(small.engine());
  ASSERT_TRUE(results.ok());
  ASSERT_THAT(*results, SizeIs(1));
  EXPECT_FALSE((*results)[0].passed);
  EXPECT_EQ((*results)[0].detail,
            "the example could not be classified: the post is 17 bytes, over the limit of 10");
}

// decider.h: verdict() is "the verdict of the last successful Classify".
TEST(Classifier, AFailedClassifyLeavesAnEmptyVerdict) {
  // A verdict never describes another post than the last one classified.
  Decider d(R("w", "flag", "words: [idiot]"));
  d.Classify(Post().Body("idiot"));
  ASSERT_FALSE(d.Try(Post().Body("\xFF")).ok());
  EXPECT_THAT(d.verdict().hits, IsEmpty());
  EXPECT_EQ(d.verdict().action, VIGIL_ACTION_ALLOW);
}

}  // namespace
}  // namespace vigil
