// BuildLiteralPattern: a list term as a Hyperscan literal, with Unicode case
// variants spelled out and every ASCII non-alphanumeric escaped.
#include "normalize/case_pattern.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hs/hs.h>

#include <string>
#include <vector>

namespace vigil {
namespace {

// Compiles `pattern` with Hyperscan and returns the end offsets of its matches
// in `text`.
std::vector<unsigned long long> MatchEnds(const LiteralPattern& pattern, const std::string& text) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile(pattern.expression.c_str(), pattern.flags, HS_MODE_BLOCK, nullptr, &db, &error) !=
      HS_SUCCESS) {
    ADD_FAILURE() << "Hyperscan refused '" << pattern.expression << "': " << error->message;
    hs_free_compile_error(error);
    return {};
  }
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
  std::vector<unsigned long long> ends;
  hs_scan(
      db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
      [](unsigned, unsigned long long, unsigned long long to, unsigned, void* ctx) {
        static_cast<std::vector<unsigned long long>*>(ctx)->push_back(to);
        return 0;
      },
      &ends);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return ends;
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(BuildLiteralPattern, AsciiWordCaseInsensitive) {
  LiteralPattern p = BuildLiteralPattern("Idiot", /*case_sensitive=*/false);
  EXPECT_EQ(p.expression, "Idiot");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_CASELESS));  // no UTF-8 mode for ASCII
  EXPECT_EQ(p.code_points, 5u);
  EXPECT_THAT(MatchEnds(p, "you IDIOT, idiot"), ElementsAre(9u, 16u));
}

TEST(BuildLiteralPattern, AsciiWordCaseSensitive) {
  LiteralPattern p = BuildLiteralPattern("Idiot", /*case_sensitive=*/true);
  EXPECT_EQ(p.expression, "Idiot");
  EXPECT_EQ(p.flags, 0u);
  EXPECT_EQ(p.code_points, 5u);
  EXPECT_THAT(MatchEnds(p, "IDIOT idiot Idiot"), ElementsAre(17u));
}

TEST(BuildLiteralPattern, DigitsStayAsTheyAre) {
  LiteralPattern p = BuildLiteralPattern("sh1t 2024", false);
  EXPECT_EQ(p.expression, "sh1t\\x202024");
  EXPECT_EQ(p.code_points, 9u);
}

TEST(BuildLiteralPattern, EveryAsciiNonAlphanumericIsEscaped) {
  EXPECT_EQ(BuildLiteralPattern("buy now!", false).expression, "buy\\x20now\\x21");
  EXPECT_EQ(BuildLiteralPattern("a.b*c", false).expression, "a\\x2eb\\x2ac");
  EXPECT_EQ(BuildLiteralPattern("C++", false).expression, "C\\x2b\\x2b");
  EXPECT_EQ(BuildLiteralPattern("/ref=", false).expression, "\\x2fref\\x3d");
  EXPECT_EQ(BuildLiteralPattern("(?i)[x]{2}|^$\\", false).expression,
            "\\x28\\x3fi\\x29\\x5bx\\x5d\\x7b2\\x7d\\x7c\\x5e\\x24\\x5c");
  EXPECT_EQ(BuildLiteralPattern("i'll kill_you", false).expression, "i\\x27ll\\x20kill\\x5fyou");
  EXPECT_EQ(BuildLiteralPattern("\"#%&-,;:<>@`~", false).expression,
            "\\x22\\x23\\x25\\x26\\x2d\\x2c\\x3b\\x3a\\x3c\\x3e\\x40\\x60\\x7e");
}

TEST(BuildLiteralPattern, EscapedPunctuationMatchesOnlyItself) {
  LiteralPattern dot = BuildLiteralPattern("a.b", false);
  EXPECT_THAT(MatchEnds(dot, "axb a.b A.B"), ElementsAre(7u, 11u));
  LiteralPattern star = BuildLiteralPattern("a*", false);
  EXPECT_THAT(MatchEnds(star, "aaa b"), IsEmpty());
  EXPECT_THAT(MatchEnds(star, "a*"), ElementsAre(2u));
  LiteralPattern phrase = BuildLiteralPattern("buy now!", false);
  EXPECT_THAT(MatchEnds(phrase, "BUY NOW! buy  now!"), ElementsAre(8u));
}

TEST(BuildLiteralPattern, CyrillicBecomesClassesOfCaseVariants) {
  LiteralPattern p = BuildLiteralPattern("фук", false);
  EXPECT_EQ(p.expression, "[фФ][уУ][кК]");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_UTF8 | HS_FLAG_CASELESS));
  EXPECT_EQ(p.code_points, 3u);
  EXPECT_THAT(MatchEnds(p, "ФУК фук Фук"), ElementsAre(6u, 13u, 20u));
}

TEST(BuildLiteralPattern, UppercaseCyrillicListsItselfFirst) {
  LiteralPattern p = BuildLiteralPattern("ДУРАК", false);
  EXPECT_EQ(p.expression, "[Дд][Уу][Рр][Аа][Кк]");
  EXPECT_EQ(p.code_points, 5u);
  EXPECT_THAT(MatchEnds(p, "дурак"), ElementsAre(10u));
}

TEST(BuildLiteralPattern, CyrillicCaseSensitiveIsTheRawBytes) {
  LiteralPattern p = BuildLiteralPattern("фук", true);
  EXPECT_EQ(p.expression, "фук");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_UTF8));
  EXPECT_EQ(p.code_points, 3u);
  EXPECT_THAT(MatchEnds(p, "ФУК фук"), ElementsAre(13u));
}

TEST(BuildLiteralPattern, ChineseHasNoCaseAndStaysLiteral) {
  LiteralPattern p = BuildLiteralPattern("傻逼", false);
  EXPECT_EQ(p.expression, "傻逼");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_UTF8 | HS_FLAG_CASELESS));
  EXPECT_EQ(p.code_points, 2u);
  EXPECT_THAT(MatchEnds(p, "楼上是傻逼吧"), ElementsAre(15u));
}

TEST(BuildLiteralPattern, MixedScriptTerm) {
  LiteralPattern p = BuildLiteralPattern("加QQ群", false);
  EXPECT_EQ(p.expression, "加QQ群");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_UTF8 | HS_FLAG_CASELESS));
  EXPECT_EQ(p.code_points, 4u);
  EXPECT_THAT(MatchEnds(p, "快加qq群"), ElementsAre(11u));
}

TEST(BuildLiteralPattern, PersianWithZeroWidthNonJoiner) {
  // Arabic script has no case; the ZWNJ stays as its own bytes.
  LiteralPattern p = BuildLiteralPattern("می‌کشمت", false);
  EXPECT_EQ(p.expression, "می‌کشمت");
  EXPECT_EQ(p.flags, static_cast<unsigned>(HS_FLAG_UTF8 | HS_FLAG_CASELESS));
  EXPECT_EQ(p.code_points, 7u);  // 6 letters and the ZWNJ
}

TEST(BuildLiteralPattern, AccentedLatinLettersAndSpacesInOneTerm) {
  LiteralPattern p = BuildLiteralPattern("café crème", false);
  EXPECT_EQ(p.expression, "caf[éÉ]\\x20cr[èÈ]me");
  EXPECT_EQ(p.code_points, 10u);
  EXPECT_THAT(MatchEnds(p, "CAFÉ CRÈME"), ElementsAre(12u));
}

TEST(BuildLiteralPattern, CyrillicPhraseWithSpace) {
  LiteralPattern p = BuildLiteralPattern("иди нах", false);
  EXPECT_EQ(p.expression, "[иИ][дД][иИ]\\x20[нН][аА][хХ]");
  EXPECT_EQ(p.code_points, 7u);
}

TEST(BuildLiteralPattern, GreekSigmaHasThreeVariants) {
  // Final sigma: lowercase ς, uppercase Σ, case fold σ.
  EXPECT_EQ(BuildLiteralPattern("ς", false).expression, "[ςΣσ]");
  EXPECT_EQ(BuildLiteralPattern("σ", false).expression, "[σΣ]");
  EXPECT_EQ(BuildLiteralPattern("Σ", false).expression, "[Σσ]");
}

TEST(BuildLiteralPattern, TitlecaseDigraphListsAllThreeForms) {
  EXPECT_EQ(BuildLiteralPattern("ǅ", false).expression, "[ǅǆǄ]");
  EXPECT_EQ(BuildLiteralPattern("ǅ", false).code_points, 1u);
}

TEST(BuildLiteralPattern, AsciiVariantsInsideAClassAreEscaped) {
  // KELVIN SIGN lowercases to ASCII 'k', written as \x6b inside the class.
  LiteralPattern kelvin = BuildLiteralPattern("\u212A", false);
  EXPECT_EQ(kelvin.expression, "[\u212A\\x6b]");
  EXPECT_EQ(kelvin.code_points, 1u);
  EXPECT_THAT(MatchEnds(kelvin, "k"), ElementsAre(1u));
  EXPECT_THAT(MatchEnds(kelvin, "K"), ElementsAre(1u));  // via HS_FLAG_CASELESS
  // Dotless i uppercases to ASCII 'I'.
  EXPECT_EQ(BuildLiteralPattern("ı", false).expression, "[ı\\x49]");
}

TEST(BuildLiteralPattern, CharactersWithoutSimpleCaseVariantsStayRaw) {
  // ß has no one-code-point uppercase: no class.
  EXPECT_EQ(BuildLiteralPattern("ß", false).expression, "ß");
  EXPECT_EQ(BuildLiteralPattern("😀", false).expression, "😀");
  EXPECT_EQ(BuildLiteralPattern("😀", false).code_points, 1u);
  EXPECT_EQ(BuildLiteralPattern("😀", false).flags,
            static_cast<unsigned>(HS_FLAG_UTF8 | HS_FLAG_CASELESS));
}

TEST(BuildLiteralPattern, CodePointCountIsIndependentOfByteLength) {
  EXPECT_EQ(BuildLiteralPattern("a", false).code_points, 1u);
  EXPECT_EQ(BuildLiteralPattern("é", false).code_points, 1u);
  EXPECT_EQ(BuildLiteralPattern("€", false).code_points, 1u);
  EXPECT_EQ(BuildLiteralPattern("𠀀", false).code_points, 1u);
  EXPECT_EQ(BuildLiteralPattern("a é € 𠀀", false).code_points, 7u);
  EXPECT_EQ(BuildLiteralPattern("", false).code_points, 0u);
  EXPECT_EQ(BuildLiteralPattern("", false).expression, "");
}

TEST(BuildLiteralPattern, VariantsOfDifferentByteLengthMatch) {
  // "k" is one byte, KELVIN SIGN three: the pattern matches both, which is why
  // spans are computed from code points, not bytes.
  LiteralPattern p = BuildLiteralPattern("\u212Aing", false);
  EXPECT_THAT(MatchEnds(p, "king"), ElementsAre(4u));
  EXPECT_THAT(MatchEnds(p, "\u212Aing"), ElementsAre(6u));
}

}  // namespace
}  // namespace vigil
