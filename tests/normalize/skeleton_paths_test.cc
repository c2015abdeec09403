// The skeleton view has two builders (normalize/skeleton_paths.h): a byte
// path for plain ASCII and the general path. They must give the same view,
// byte for byte and offset for offset, wherever the byte path accepts the
// text; these tests compare them on random text made of the characters the
// contextual steps care about, and on the evasion corpus.
#include "normalize/skeleton_paths.h"

#include <cstdint>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "normalize/text_view.h"

namespace vigil {
namespace {

using skeleton_internal::BuildAscii;
using skeleton_internal::BuildGeneral;

// Describes the first difference between two views of the same text, or
// returns "" when they are the same.
std::string Difference(const TextView& a, const TextView& b) {
  if (a.text() != b.text()) {
    return "text \"" + std::string(a.text()) + "\" vs \"" + std::string(b.text()) + "\"";
  }
  for (size_t i = 0; i < a.text().size(); ++i) {
    const ByteSpan sa = a.ToOriginal(i, i + 1);
    const ByteSpan sb = b.ToOriginal(i, i + 1);
    if (sa.start != sb.start || sa.end != sb.end) {
      return "offsets at " + std::to_string(i) + ": [" + std::to_string(sa.start) + "," +
             std::to_string(sa.end) + ") vs [" + std::to_string(sb.start) + "," +
             std::to_string(sb.end) + ")";
    }
    if (a.RunAt(i) != b.RunAt(i)) return "run at " + std::to_string(i);
    if (a.SoftBoundaryBefore(i) != b.SoftBoundaryBefore(i)) {
      return "soft boundary at " + std::to_string(i);
    }
  }
  return "";
}

// A small deterministic generator (xorshift), so a failure reproduces.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

TEST(SkeletonPaths, AgreeOnRandomAsciiText) {
  // Letters that repeat, digits and leet symbols, every kind of separator,
  // whitespace including line breaks, quotes and sentence punctuation, and
  // control characters.
  const std::string alphabet =
      "aaabssstuFUCKiIoO01345789@$!|+  \t\n\r.,-_*/'\"()?;:#&~\x01\x7f";
  Random random(20261126);
  constexpr int kTexts = 200000;
  for (int t = 0; t < kTexts; ++t) {
    std::string text(random.Below(24), ' ');
    for (char& c : text) c = alphabet[random.Below(alphabet.size())];
    for (const bool strict : {false, true}) {
      TextView ascii, general;
      BuildGeneral(text, strict, &general);
      ASSERT_TRUE(BuildAscii(text, strict, &ascii));
      ASSERT_EQ(Difference(ascii, general), "")
          << "text: \"" << text << "\" strict: " << strict;
    }
  }
}

TEST(SkeletonPaths, AgreeOnAsciiWithEmojiAndTypographicSymbols) {
  // The byte path also takes symbols outside ASCII that the skeleton keeps
  // (one unit of several bytes) and invisible characters right after them
  // (the variation selector of "❤️", the zero-width joiner of emoji
  // sequences); these must count as one unit in a separator and never join
  // words. Anything else outside ASCII goes to the general path.
  const char* const pieces[] = {
      "a", "b", "s", "I", "f", "u", "c", "k", "1", "$", "!", " ", "  ", "\n", ".", "-", "'",
      "\"", "shit", "hello",
      "\xf0\x9f\x98\x82",                  // 😂
      "\xe2\x9d\xa4\xef\xb8\x8f",          // ❤️ (with VS16)
      "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",  // 👨‍👩 (ZWJ)
      "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d",    // ’ “ ”
      "\xe2\x80\x94", "\xe2\x80\xa6", "\xc2\xab",       // — … «
      "\xef\xb8\x8f",                      // a lone VS16: general path
      "\xc3\xa9",                           // é: general path
  };
  Random random(99);
  int accepted = 0;
  constexpr int kTexts = 100000;
  for (int t = 0; t < kTexts; ++t) {
    std::string text;
    const size_t count = random.Below(16);
    for (size_t p = 0; p < count; ++p) text += pieces[random.Below(std::size(pieces))];
    for (const bool strict : {false, true}) {
      TextView bytes, general;
      BuildGeneral(text, strict, &general);
      if (!BuildAscii(text, strict, &bytes)) continue;
      accepted += !strict;
      ASSERT_EQ(Difference(bytes, general), "")
          << "text: \"" << text << "\" strict: " << strict;
    }
  }
  EXPECT_GT(accepted, kTexts / 4);
}

TEST(SkeletonPaths, AgreeOnWordsWithLeetAndRepeats) {
  // Word-shaped text, where the byte path should almost always apply.
  const char* const words[] = {"hello", "sh1t", "$hit", "a$$", "A55", "2024", "$50",
                               "sh!t",  "shit!", "fuuuck", "ASS", "as", "b00bs", "+1",
                               "555-0100", "e-mail", "don't", "I", "a", "x2", "10am"};
  const char* const gaps[] = {" ", "  ", "\n", " - ", ", ", "... ", "\t", "!! "};
  Random random(7);
  constexpr int kTexts = 50000;
  for (int t = 0; t < kTexts; ++t) {
    std::string text;
    const size_t count = 1 + random.Below(12);
    for (size_t w = 0; w < count; ++w) {
      if (w > 0) text += gaps[random.Below(std::size(gaps))];
      text += words[random.Below(std::size(words))];
    }
    for (const bool strict : {false, true}) {
      TextView ascii, general;
      BuildGeneral(text, strict, &general);
      ASSERT_TRUE(BuildAscii(text, strict, &ascii));
      ASSERT_EQ(Difference(ascii, general), "")
          << "text: \"" << text << "\" strict: " << strict;
    }
  }
}

TEST(SkeletonPaths, AgreeOnTheEvasionCorpus) {
  std::ifstream in(std::string(VIGIL_TEST_DATA_DIR) + "/evasion/labelled.jsonl");
  ASSERT_TRUE(in) << "missing tests/data/evasion/labelled.jsonl";
  std::string line;
  int posts = 0, accepted = 0;
  while (std::getline(in, line)) {
    const std::string text = nlohmann::json::parse(line).at("text").get<std::string>();
    ++posts;
    for (const bool strict : {false, true}) {
      TextView ascii, general;
      BuildGeneral(text, strict, &general);
      if (!BuildAscii(text, strict, &ascii)) continue;
      accepted += !strict;
      ASSERT_EQ(Difference(ascii, general), "")
          << "text: \"" << text << "\" strict: " << strict;
    }
  }
  EXPECT_GT(posts, 1000);
  EXPECT_GT(accepted, 0);
}

TEST(SkeletonPaths, BytePathTakesAsciiAndQuietSymbols) {
  TextView view;
  EXPECT_FALSE(BuildAscii("caf\xc3\xa9", false, &view));
  EXPECT_FALSE(BuildAscii("f u c \xe2\x80\x8bk", false, &view));
  EXPECT_FALSE(BuildAscii("\xd0\xb4\xd1\x83", false, &view));  // Cyrillic
  // An emoji is one unit: "a 😂 b" has three units between the letters.
  ASSERT_TRUE(BuildAscii("so \xf0\x9f\x98\x82 funny", false, &view));
  EXPECT_EQ(view.text(), "so \xf0\x9f\x98\x82 funy");
  EXPECT_EQ(view.ToOriginal(3, 7).start, 3u);
  EXPECT_EQ(view.ToOriginal(3, 7).end, 7u);
  ASSERT_TRUE(BuildAscii("f u c k", false, &view));
  EXPECT_EQ(view.text(), "fuck");
  // Where two kinds of separator meet, the shared letter is a soft word
  // boundary on both sides ("a b.u.l.l": "a" may be a word).
  ASSERT_TRUE(BuildAscii("a b.u.l.l", false, &view));
  EXPECT_EQ(view.text(), "abul");
  EXPECT_TRUE(view.SoftBoundaryBefore(1));
  EXPECT_TRUE(view.SoftBoundaryBefore(2));
  EXPECT_FALSE(view.SoftBoundaryBefore(3));
}

TEST(SkeletonPaths, BytePathCollapsesAndMapsOffsets) {
  TextView view;
  ASSERT_TRUE(BuildAscii("Shiiit  \n happens, a$$", false, &view));
  EXPECT_EQ(view.text(), "shit hapens, as");
  // "iii" is one letter standing for three.
  EXPECT_EQ(view.RunAt(2), 3);
  EXPECT_EQ(view.ToOriginal(2, 3).start, 2u);
  EXPECT_EQ(view.ToOriginal(2, 3).end, 5u);
  // The whitespace run is one space covering all of it.
  EXPECT_EQ(view.ToOriginal(4, 5).start, 6u);
  EXPECT_EQ(view.ToOriginal(4, 5).end, 10u);
  // "a$$" is a word: its "$$" reads as one "s" standing for two.
  EXPECT_EQ(view.RunAt(14), 2);
  EXPECT_EQ(view.ToOriginal(13, 15).end, 22u);
}

}  // namespace
}  // namespace vigil
