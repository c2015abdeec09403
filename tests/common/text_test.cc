// Character classes for word boundaries, and the small text helpers.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil {
namespace {

TEST(IsWordCodePoint, AsciiLettersAndDigitsOnly) {
  for (char32_t c = 'a'; c <= 'z'; ++c) EXPECT_TRUE(IsWordCodePoint(c)) << char(c);
  for (char32_t c = 'A'; c <= 'Z'; ++c) EXPECT_TRUE(IsWordCodePoint(c)) << char(c);
  for (char32_t c = '0'; c <= '9'; ++c) EXPECT_TRUE(IsWordCodePoint(c)) << char(c);
  for (char32_t c = 0; c < 0x80; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    EXPECT_EQ(IsWordCodePoint(c), alnum) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  // In particular: '_' separates ("f_ck" is two tokens), as do ' - . @.
  EXPECT_FALSE(IsWordCodePoint(U'_'));
  EXPECT_FALSE(IsWordCodePoint(U'\''));
  EXPECT_FALSE(IsWordCodePoint(U'-'));
}

TEST(IsWordCodePoint, LatinLettersBeyondAscii) {
  EXPECT_TRUE(IsWordCodePoint(U'é'));
  EXPECT_TRUE(IsWordCodePoint(U'É'));
  EXPECT_TRUE(IsWordCodePoint(U'ß'));
  EXPECT_TRUE(IsWordCodePoint(U'ł'));
  EXPECT_TRUE(IsWordCodePoint(U'ø'));
  EXPECT_TRUE(IsWordCodePoint(U'ǅ'));  // titlecase digraph
  EXPECT_TRUE(IsWordCodePoint(U'ª'));  // feminine ordinal, Lo
}

TEST(IsWordCodePoint, CyrillicGreekArabicPersianHebrewLetters) {
  EXPECT_TRUE(IsWordCodePoint(U'ж'));
  EXPECT_TRUE(IsWordCodePoint(U'Ж'));
  EXPECT_TRUE(IsWordCodePoint(U'ё'));
  EXPECT_TRUE(IsWordCodePoint(U'λ'));
  EXPECT_TRUE(IsWordCodePoint(U'ب'));  // Arabic beh
  EXPECT_TRUE(IsWordCodePoint(U'ن'));  // Arabic noon
  EXPECT_TRUE(IsWordCodePoint(U'پ'));  // Persian peh
  EXPECT_TRUE(IsWordCodePoint(U'چ'));  // Persian tcheh
  EXPECT_TRUE(IsWordCodePoint(U'ژ'));  // Persian jeh
  EXPECT_TRUE(IsWordCodePoint(U'گ'));  // Persian gaf
  EXPECT_TRUE(IsWordCodePoint(U'ی'));  // Farsi yeh
  EXPECT_TRUE(IsWordCodePoint(U'ک'));  // keheh
  EXPECT_TRUE(IsWordCodePoint(U'ـ'));  // tatweel stretches a word: part of it
  EXPECT_TRUE(IsWordCodePoint(U'ש'));  // Hebrew shin
}

TEST(IsWordCodePoint, CjkThaiAndIndicLetters) {
  EXPECT_TRUE(IsWordCodePoint(U'中'));
  EXPECT_TRUE(IsWordCodePoint(U'あ'));
  EXPECT_TRUE(IsWordCodePoint(U'カ'));
  EXPECT_TRUE(IsWordCodePoint(U'ー'));  // prolonged sound mark
  EXPECT_TRUE(IsWordCodePoint(U'한'));
  EXPECT_TRUE(IsWordCodePoint(U'ก'));
  EXPECT_TRUE(IsWordCodePoint(U'क'));
}

TEST(IsWordCodePoint, DigitsOfSeveralScripts) {
  EXPECT_TRUE(IsWordCodePoint(U'٣'));  // Arabic-Indic three
  EXPECT_TRUE(IsWordCodePoint(U'۳'));  // Extended Arabic-Indic (Persian) three
  EXPECT_TRUE(IsWordCodePoint(U'۰'));
  EXPECT_TRUE(IsWordCodePoint(U'३'));   // Devanagari three
  EXPECT_TRUE(IsWordCodePoint(U'๓'));   // Thai three
  EXPECT_TRUE(IsWordCodePoint(U'３'));  // fullwidth three
  EXPECT_TRUE(IsWordCodePoint(U'𝟑'));   // mathematical bold three (U+1D7D1)
}

TEST(IsWordCodePoint, OtherAndLetterNumbers) {
  EXPECT_TRUE(IsWordCodePoint(U'²'));   // No
  EXPECT_TRUE(IsWordCodePoint(U'½'));   // No
  EXPECT_TRUE(IsWordCodePoint(U'①'));   // No
  EXPECT_TRUE(IsWordCodePoint(U'Ⅻ'));   // Nl
  EXPECT_TRUE(IsWordCodePoint(U'〇'));  // Nl, ideographic zero
}

TEST(IsWordCodePoint, CombiningMarks) {
  EXPECT_TRUE(IsWordCodePoint(0x0301));  // combining acute accent (Mn)
  EXPECT_TRUE(IsWordCodePoint(0x064B));  // Arabic fathatan (Mn): لطفاً
  EXPECT_TRUE(IsWordCodePoint(0x064E));  // Arabic fatha (Mn)
  EXPECT_TRUE(IsWordCodePoint(0x0670));  // Arabic superscript alef
  EXPECT_TRUE(IsWordCodePoint(0x093E));  // Devanagari vowel sign aa (Mc)
  EXPECT_TRUE(IsWordCodePoint(0x0E31));  // Thai mai han-akat (Mn)
  EXPECT_TRUE(IsWordCodePoint(0x20DD));  // combining enclosing circle (Me)
  EXPECT_TRUE(IsWordCodePoint(0x3099));  // combining kana voiced sound mark
}

TEST(IsWordCodePoint, PunctuationSymbolsAndSpacesAreNot) {
  for (char32_t c : {U'،',  U'؛', U'؟', U'٫', U'«',  U'»',  U'¿',  U'¡',  U'—',  U'–',  U'…',
                     U'‘',  U'’', U'“', U'”', U'。', U'、', U'，', U'！', U'？', U'「', U'」',
                     U'・', U'·', U'§', U'€', U'$',  U'©',  U'™',  U'°',  U'×'}) {
    EXPECT_FALSE(IsWordCodePoint(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_FALSE(IsWordCodePoint(0x00A0));  // no-break space
  EXPECT_FALSE(IsWordCodePoint(0x3000));  // ideographic space
  EXPECT_FALSE(IsWordCodePoint(0x200B));  // zero-width space
  EXPECT_FALSE(IsWordCodePoint(0x200C));  // zero-width non-joiner (Persian)
  EXPECT_FALSE(IsWordCodePoint(0x200D));  // zero-width joiner
  EXPECT_FALSE(IsWordCodePoint(0xFEFF));  // byte order mark
  EXPECT_FALSE(IsWordCodePoint(0x203F));  // undertie, connector punctuation like '_'
}

TEST(IsWordCodePoint, EmojiAreNot) {
  EXPECT_FALSE(IsWordCodePoint(U'😀'));
  EXPECT_FALSE(IsWordCodePoint(U'❤'));
  EXPECT_FALSE(IsWordCodePoint(U'👍'));
  EXPECT_FALSE(IsWordCodePoint(0x1F3FD));  // skin tone modifier
  EXPECT_FALSE(IsWordCodePoint(U'🇮'));     // regional indicator
  EXPECT_FALSE(IsWordCodePoint(0x200D));   // the joiner inside ZWJ sequences
}

// U+FE0F (emoji presentation) is general category Mn, but it is no accent or
// vowel sign: it belongs to the emoji before it. Counting it as part of a
// word makes "❤️idiot" (U+2764 U+FE0F then the word) escape a words: rule.
TEST(IsWordCodePoint, EmojiVariationSelectorIsNotPartOfAWord) {
  EXPECT_FALSE(IsWordCodePoint(0xFE0F));
  EXPECT_FALSE(IsWordCodePoint(0xFE0E));  // text presentation
}

TEST(IsSpacelessScriptCodePoint, HanKanaThaiLaoKhmerMyanmar) {
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'中'));
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'傻'));
  EXPECT_TRUE(IsSpacelessScriptCodePoint(0x20000));  // CJK extension B
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'あ'));
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ゝ'));  // hiragana iteration mark
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'カ'));
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ｶ'));   // halfwidth katakana
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ー'));  // prolonged sound mark (Common)
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'々'));  // ideographic iteration mark (Common)
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ก'));   // Thai
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'๓'));   // Thai digit: script Thai
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ລ'));   // Lao
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'ក'));   // Khmer
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'က'));   // Myanmar
}

TEST(IsSpacelessScriptCodePoint, ScriptsWrittenWithSpacesAreNot) {
  for (char32_t c : {U'a', U'Z', U'0', U'é', U'ж', U'λ', U'ب', U'پ', U'ש', U'क', U'٣', U'۳'}) {
    EXPECT_FALSE(IsSpacelessScriptCodePoint(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(IsSpacelessScriptCodePoint, CjkPunctuationAndSymbolsAreNot) {
  // Common-script characters other than the two marks above.
  for (char32_t c : {U'。', U'、', U'，', U'「', U'３', U'😀', U' ', U'・'}) {
    EXPECT_FALSE(IsSpacelessScriptCodePoint(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

// docs/RULESET.md ("words") and common/text.h both list Hangul among the
// scripts at whose edge no word boundary is required.
TEST(IsSpacelessScriptCodePoint, HangulAsDocumented) {
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'바'));  // U+BC14, Hangul syllable
  EXPECT_TRUE(IsSpacelessScriptCodePoint(U'가'));  // U+AC00
}

TEST(TrimWhitespace, TrimsAsciiAndUnicodeWhitespaceOnBothSides) {
  EXPECT_EQ(TrimWhitespace("  a b  "), "a b");
  EXPECT_EQ(TrimWhitespace("\t\r\n x \r\n"), "x");
  EXPECT_EQ(TrimWhitespace("\u3000中文\u00A0"), "中文");          // ideographic space, NBSP
  EXPECT_EQ(TrimWhitespace("\u2003em space\u2028"), "em space");  // em space, line separator
  EXPECT_EQ(TrimWhitespace("\u0085next line"), "next line");      // NEL
  EXPECT_EQ(TrimWhitespace("inner  \u3000  space"), "inner  \u3000  space");
}

TEST(TrimWhitespace, EmptyAndAllWhitespace) {
  EXPECT_EQ(TrimWhitespace(""), "");
  EXPECT_EQ(TrimWhitespace("   "), "");
  EXPECT_EQ(TrimWhitespace(" \u3000\t\u00A0 "), "");
}

TEST(TrimWhitespace, InvisibleNonWhitespaceIsKept) {
  // Zero-width space, ZWNJ and the BOM are not White_Space.
  EXPECT_EQ(TrimWhitespace("\u200Bx\u200B"), "\u200Bx\u200B");
  EXPECT_EQ(TrimWhitespace(" \u200Cx "), "\u200Cx");
  EXPECT_EQ(TrimWhitespace("\uFEFFx"), "\uFEFFx");
}

TEST(TrimWhitespace, ReturnsAViewIntoTheInput) {
  const std::string text = "  word  ";
  std::string_view trimmed = TrimWhitespace(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 4u);
}

TEST(Abbreviate, ShortTextIsUnchanged) {
  EXPECT_EQ(Abbreviate("hello", 10), "hello");
  EXPECT_EQ(Abbreviate("hello", 5), "hello");  // exactly at the limit: no ellipsis
  EXPECT_EQ(Abbreviate("", 0), "");
  EXPECT_EQ(Abbreviate("", 3), "");
}

TEST(Abbreviate, CutsAtCodePointsAndAppendsAnEllipsis) {
  EXPECT_EQ(Abbreviate("hello world", 5), "hello…");
  EXPECT_EQ(Abbreviate("日本語テキスト", 3), "日本語…");
  EXPECT_EQ(Abbreviate("😀😀😀", 2), "😀😀…");
  EXPECT_EQ(Abbreviate("abc", 0), "…");
}

TEST(Abbreviate, ShowsControlCharactersAsSpaces) {
  EXPECT_EQ(Abbreviate("a\nb\tc\rd", 20), "a b c d");
  EXPECT_EQ(Abbreviate(std::string("x\0y", 3), 20), "x y");
  EXPECT_EQ(Abbreviate("del\x7F", 20), "del ");
  EXPECT_EQ(Abbreviate("line one\nline two", 8), "line one…");
}

}  // namespace
}  // namespace vigil
