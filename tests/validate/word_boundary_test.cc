// Whole-word matching: IsWholeWordMatch directly, and `words:` rules end to
// end (the pattern table decides which edges need a boundary; the classifier
// checks them), with the examples docs/RULESET.md promises.
#include "validate/word_boundary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "compile/engine.h"
#include "decide/decider.h"

namespace vigil {
namespace {

using ::testing::ElementsAre;

// The span of `word` at its first occurrence in `text`, checked on both sides.
bool Whole(const std::string& text, const std::string& word, bool left = true, bool right = true) {
  const size_t start = text.find(word);
  EXPECT_NE(start, std::string::npos) << word << " in " << text;
  return IsWholeWordMatch(text, start, start + word.size(), left, right);
}

TEST(IsWholeWordMatch, ClassicFalsePositivesAreRejected) {
  EXPECT_FALSE(Whole("assassin", "ass"));
  EXPECT_FALSE(Whole("Scunthorpe", "cunt"));
  EXPECT_FALSE(Whole("class", "ass"));
  EXPECT_FALSE(Whole("bass", "ass"));
  EXPECT_FALSE(Whole("Pakistan", "Paki"));
}

TEST(IsWholeWordMatch, WholeWordsAreAccepted) {
  EXPECT_TRUE(Whole("ass", "ass"));  // the whole text
  EXPECT_TRUE(Whole("an ass.", "ass"));
  EXPECT_TRUE(Whole("(ass)", "ass"));
  EXPECT_TRUE(Whole("ass's hat", "ass"));       // apostrophe is not a letter
  EXPECT_TRUE(Whole("ass\u2019s hat", "ass"));  // nor is the typographic one
  EXPECT_TRUE(Whole("f_ass_y", "ass"));         // nor '_'
  EXPECT_TRUE(Whole("ass-hat", "ass"));
  EXPECT_TRUE(Whole("\u00ABass\u00BB", "ass"));  // guillemets
  EXPECT_TRUE(Whole("\u00A0ass\u3000", "ass"));  // NBSP, ideographic space
  EXPECT_TRUE(Whole("😀ass😀", "ass"));            // emoji are not letters
  EXPECT_TRUE(Whole("€ass", "ass"));
}

TEST(IsWholeWordMatch, DigitsOfAnyScriptGlue) {
  EXPECT_FALSE(Whole("ass2", "ass"));
  EXPECT_FALSE(Whole("2ass", "ass"));
  EXPECT_FALSE(Whole("ass٣", "ass"));  // Arabic-Indic digit
  EXPECT_FALSE(Whole("۳ass", "ass"));  // Persian digit
  EXPECT_FALSE(Whole("𝟑ass", "ass"));  // 4-byte mathematical digit before
}

TEST(IsWholeWordMatch, LettersOfAnyScriptGlue) {
  EXPECT_FALSE(Whole("éass", "ass"));
  EXPECT_FALSE(Whole("assж", "ass"));
  EXPECT_FALSE(Whole("中ass", "ass"));
}

TEST(IsWholeWordMatch, OnlyTheRequestedSidesAreChecked) {
  EXPECT_TRUE(Whole("assassin", "ass", /*left=*/true, /*right=*/false));
  EXPECT_FALSE(Whole("Scunthorpe", "cunt", /*left=*/false, /*right=*/true));
  EXPECT_FALSE(Whole("Scunthorpe", "cunt", /*left=*/true, /*right=*/false));
  EXPECT_TRUE(Whole("Scunthorpe", "cunt", /*left=*/false, /*right=*/false));
}

TEST(IsWholeWordMatch, Cyrillic) {
  EXPECT_FALSE(Whole("хуйня", "хуй"));
  EXPECT_FALSE(Whole("нахуй", "хуй"));
  EXPECT_TRUE(Whole("иди на хуй!", "хуй"));
  EXPECT_TRUE(Whole("дурак", "дурак"));
}

TEST(IsWholeWordMatch, PersianAndArabic) {
  EXPECT_FALSE(Whole("کسی", "کس"));  // followed by a letter
  EXPECT_TRUE(Whole("کس", "کس"));
  EXPECT_TRUE(Whole("کس، نه", "کس"));      // Arabic comma
  EXPECT_TRUE(Whole("کس\u200Cها", "کس"));  // ZWNJ before a suffix is no letter
  EXPECT_FALSE(Whole("لطفاً", "لطفا"));     // fathatan is a combining mark
  EXPECT_FALSE(Whole("نمی\u200Cکشمت", "ی\u200Cکشمت"));
}

// One words: rule per term, compiled once per test.
class WordsRule {
 public:
  explicit WordsRule(const std::string& terms, const std::string& extra = "") {
    SourceSet sources = SourceSet::FromDisk();
    sources.Preload("mem/words.yaml",
                    "ruleset: words\n"
                    "guidelines: {g: {title: G, url: U}}\n"
                    "rules:\n"
                    "  - id: w\n"
                    "    guideline: g\n"
                    "    category: abuse\n"
                    "    action: flag\n"
                    "    words: " +
                        terms + "\n" + extra);
    Diagnostics diags;
    auto engine = Engine::Compile("mem/words.yaml", std::move(sources), {}, &diags);
    if (!engine.ok()) {
      for (const Diagnostic& d : diags.all()) ADD_FAILURE() << d.Format();
      ADD_FAILURE() << engine.status();
      return;
    }
    engine_ = std::move(*engine);
    classifier_ = std::move(*Classifier::Create(*engine_));
  }

  // The texts the rule matched in a post with this body.
  std::vector<std::string> Find(const std::string& body) {
    if (!classifier_) return {};
    vigil_post post = VIGIL_POST_INIT;
    post.body = {body.data(), body.size()};
    absl::Status s = classifier_->Classify(post);
    EXPECT_TRUE(s.ok()) << s;
    std::vector<std::string> out;
    for (const vigil_hit& hit : classifier_->verdict().hits) {
      for (size_t i = 0; i < hit.match_count; ++i) {
        out.emplace_back(hit.matches[i].text, hit.matches[i].text_size);
      }
    }
    return out;
  }
  bool Fires(const std::string& body) { return !Find(body).empty(); }

 private:
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Classifier> classifier_;
};

TEST(WordsRule, ExamplesFromTheDocumentation) {
  EXPECT_FALSE(WordsRule("[ass]").Fires("assassin, class, bass"));
  EXPECT_FALSE(WordsRule("[cunt]").Fires("I grew up near Scunthorpe"));
  EXPECT_FALSE(WordsRule("[kys]").Fires("Kysely is a query builder"));
  EXPECT_FALSE(WordsRule("[you are stupid]").Fires("you are stupidly good"));
  EXPECT_FALSE(WordsRule("[ill kill you]").Fires("I still kill you every round"));
  EXPECT_FALSE(WordsRule("[dox her]").Fires("the paradox here is"));
  EXPECT_THAT(WordsRule("[refund]").Find("Can I get a refund?"), ElementsAre("refund"));
  EXPECT_THAT(WordsRule("[refund]").Find("the refund's status"), ElementsAre("refund"));
  EXPECT_FALSE(WordsRule("[می‌کشمت]").Fires("نمی‌کشمت"));
  EXPECT_TRUE(WordsRule("[می‌کشمت]").Fires("می‌کشمت"));
}

TEST(WordsRule, WholeWordsMatchInEveryCase) {
  WordsRule rule("[ass, idiot]");
  EXPECT_THAT(rule.Find("You ASS. What an Idiot!"), ElementsAre("ASS", "Idiot"));
  EXPECT_THAT(rule.Find("idiot,idiot;idiots idiot"), ElementsAre("idiot", "idiot", "idiot"));
}

TEST(WordsRule, CyrillicIsUnicodeCaseInsensitive) {
  WordsRule rule("[дурак]");
  EXPECT_THAT(rule.Find("ДУРАК и Дурак"), ElementsAre("ДУРАК", "Дурак"));
  EXPECT_FALSE(rule.Fires("дураки"));
  EXPECT_FALSE(rule.Fires("xдурак"));  // glued to Latin letters on the left
}

TEST(WordsRule, PersianWordsAndTheZeroWidthNonJoiner) {
  // The skeleton drops harakat, so the vowelled spelling matches too; the
  // raw view keeps the mark, which glues.
  EXPECT_TRUE(WordsRule("[لطفا]").Fires("لطفاً"));
  EXPECT_FALSE(WordsRule("[لطفا]", "    view: raw\n").Fires("لطفاً"));
  // A zero-width non-joiner ends the word for whole-word matching, on every
  // view, though the folded and skeleton views drop it.
  EXPECT_THAT(WordsRule("[سود تضمینی]", "    view: raw\n").Find("سود تضمینی‌اش"),
              ElementsAre("سود تضمینی"));
  EXPECT_THAT(WordsRule("[سود تضمینی]", "    evasion: off\n").Find("سود تضمینی‌اش"),
              ElementsAre("سود تضمینی"));
  // On the skeleton the non-joiner is dropped but still ends the word; the
  // match covers it as part of the last letter's grapheme cluster.
  EXPECT_THAT(WordsRule("[سود تضمینی]").Find("سود تضمینی‌اش"),
              ElementsAre("سود تضمینی\u200C"));
  EXPECT_FALSE(WordsRule("[کس]").Fires("کسی نیامد"));
  EXPECT_TRUE(WordsRule("[کس]").Fires("یک کس آمد"));
}

TEST(WordsRule, SpacesInsideATermMatchAnyWhitespaceOnTheSkeleton) {
  WordsRule rule("[add me on whatsapp]");
  EXPECT_TRUE(rule.Fires("pls add me on whatsapp"));
  EXPECT_TRUE(rule.Fires("pls add me  on\n whatsapp"));
  WordsRule exact("[add me on whatsapp]", "    evasion: off\n");
  EXPECT_TRUE(exact.Fires("pls add me on whatsapp"));
  EXPECT_FALSE(exact.Fires("pls add me  on whatsapp"));
}

TEST(WordsRule, OverlappingTermsBothMatch) {
  WordsRule rule("[\"let's dox\", dox him]");
  EXPECT_THAT(rule.Find("let's dox him"), ElementsAre("let's dox", "dox him"));
}

TEST(WordsRule, HanEdgesNeedNoBoundary) {
  EXPECT_THAT(WordsRule("[加微信]").Find("有需要的加微信详聊"), ElementsAre("加微信"));
  EXPECT_THAT(WordsRule("[傻逼]").Find("楼上是傻逼吧"), ElementsAre("傻逼"));
  EXPECT_FALSE(WordsRule("[他妈的]").Fires("我妈妈的生日"));  // not consecutive
}

TEST(WordsRule, ALatinEdgeOfAHanTermStillNeedsABoundary) {
  // docs/RULESET.md: "in 傻B the final B is Latin, so a boundary is still
  // required after it."
  WordsRule rule("[傻B]");
  EXPECT_FALSE(rule.Fires("你是傻B吧"));  // 吧 is a letter after the B
  EXPECT_FALSE(rule.Fires("你是傻Bx"));
  EXPECT_THAT(rule.Find("你是傻B!"), ElementsAre("傻B"));  // 是 before 傻 is fine
}

TEST(WordsRule, KanaAndThaiEdgesNeedNoBoundary) {
  EXPECT_THAT(WordsRule("[バカ]").Find("お前はバカだ"), ElementsAre("バカ"));
  EXPECT_THAT(WordsRule("[ควาย]").Find("แกมันควายจริงๆ"), ElementsAre("ควาย"));
}

TEST(WordsRule, LatinTermInsideHanTextIsGlued) {
  // Han characters are letters: a Latin-edged term next to them is not a
  // whole word.
  WordsRule rule("[idiot]");
  EXPECT_FALSE(rule.Fires("你是idiot吗"));
  EXPECT_TRUE(rule.Fires("你是 idiot 吗"));
  EXPECT_TRUE(rule.Fires("你是「idiot」吗"));
}

TEST(WordsRule, MixedTermChecksOnlyItsLatinEdge) {
  WordsRule rule("[QQ群]");
  EXPECT_TRUE(rule.Fires("加 QQ群123"));  // right edge 群: no boundary needed
  EXPECT_FALSE(rule.Fires("加QQ群"));     // left edge Q: 加 is a letter
  EXPECT_FALSE(rule.Fires("xQQ群"));
}

TEST(WordsRule, CaseSensitiveWords) {
  WordsRule rule("[Bob]", "    case_sensitive: true\n");
  EXPECT_THAT(rule.Find("bob Bob BOB"), ElementsAre("Bob"));
}

// docs/RULESET.md lists Hangul with Han, Kana and Thai: "If the first
// character of a term is in one of these scripts, no boundary is required
// before the match. If its last character is, no boundary is required after
// it." Korean attaches particles to words: 바보야 is 바보 + 야.
TEST(WordsRule, HangulEdgesNeedNoBoundaryAsDocumented) {
  WordsRule rule("[바보]");
  EXPECT_TRUE(rule.Fires("바보"));
  EXPECT_TRUE(rule.Fires("이 바보야"));
}

// An emoji in presentation form is U+2764 U+FE0F; the selector is the
// emoji's, not a letter or accent of the word after it.
TEST(WordsRule, EmojiWithVariationSelectorBeforeAWord) {
  WordsRule rule("[idiot]");
  EXPECT_TRUE(rule.Fires("\u2764idiot"));        // plain emoji: fine
  EXPECT_TRUE(rule.Fires("\u2764\uFE0Fidiot"));  // with its selector
}

}  // namespace
}  // namespace vigil
