// UTF-8 validation (Unicode 15, table 3-7), decoding and stepping.
#include "common/utf8.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {
namespace {

using ::testing::ElementsAre;

// The offset of the first bad sequence, or -1 when `text` is valid.
long BadOffset(std::string_view text) {
  size_t offset = 12345;
  if (IsValidUtf8(text, &offset)) {
    EXPECT_EQ(offset, 12345u) << "error_offset written for valid text";
    return -1;
  }
  return static_cast<long>(offset);
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST(IsValidUtf8, AcceptsEmptyAndAscii) {
  EXPECT_EQ(BadOffset(""), -1);
  EXPECT_EQ(BadOffset("hello, world"), -1);
  EXPECT_EQ(BadOffset(std::string_view("a\0b", 3)), -1);  // NUL is a valid character
  EXPECT_EQ(BadOffset("\x7F"), -1);
  EXPECT_TRUE(IsValidUtf8("plain", nullptr));
}

TEST(IsValidUtf8, AcceptsEveryEncodingLengthAtItsBoundaries) {
  EXPECT_EQ(BadOffset(Bytes({0xC2, 0x80})), -1);              // U+0080
  EXPECT_EQ(BadOffset(Bytes({0xDF, 0xBF})), -1);              // U+07FF
  EXPECT_EQ(BadOffset(Bytes({0xE0, 0xA0, 0x80})), -1);        // U+0800
  EXPECT_EQ(BadOffset(Bytes({0xED, 0x9F, 0xBF})), -1);        // U+D7FF, just below surrogates
  EXPECT_EQ(BadOffset(Bytes({0xEE, 0x80, 0x80})), -1);        // U+E000, just above them
  EXPECT_EQ(BadOffset(Bytes({0xEF, 0xBF, 0xBF})), -1);        // U+FFFF
  EXPECT_EQ(BadOffset(Bytes({0xF0, 0x90, 0x80, 0x80})), -1);  // U+10000
  EXPECT_EQ(BadOffset(Bytes({0xF4, 0x8F, 0xBF, 0xBF})), -1);  // U+10FFFF
  EXPECT_EQ(BadOffset("héllo €5 😀 日本語 فارسی"), -1);
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_EQ(BadOffset(Bytes({0xC0, 0x80})), 0);              // overlong NUL
  EXPECT_EQ(BadOffset(Bytes({0xC1, 0xBF})), 0);              // overlong U+007F
  EXPECT_EQ(BadOffset(Bytes({0xE0, 0x80, 0x80})), 0);        // overlong NUL, 3 bytes
  EXPECT_EQ(BadOffset(Bytes({0xE0, 0x9F, 0xBF})), 0);        // overlong U+07FF
  EXPECT_EQ(BadOffset(Bytes({0xF0, 0x80, 0x80, 0x80})), 0);  // overlong NUL, 4 bytes
  EXPECT_EQ(BadOffset(Bytes({0xF0, 0x8F, 0xBF, 0xBF})), 0);  // overlong U+FFFF
}

TEST(IsValidUtf8, RejectsSurrogates) {
  EXPECT_EQ(BadOffset(Bytes({0xED, 0xA0, 0x80})), 0);  // U+D800
  EXPECT_EQ(BadOffset(Bytes({0xED, 0xBF, 0xBF})), 0);  // U+DFFF
  // A CESU-8 style surrogate pair for U+1F600.
  EXPECT_EQ(BadOffset("ok" + Bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})), 2);
}

TEST(IsValidUtf8, RejectsCodePointsAboveU10FFFF) {
  EXPECT_EQ(BadOffset(Bytes({0xF4, 0x90, 0x80, 0x80})), 0);  // U+110000
  EXPECT_EQ(BadOffset(Bytes({0xF5, 0x80, 0x80, 0x80})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xF7, 0xBF, 0xBF, 0xBF})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xF8, 0x88, 0x80, 0x80, 0x80})), 0);  // old 5-byte form
  EXPECT_EQ(BadOffset(Bytes({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xFE})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xFF})), 0);
}

TEST(IsValidUtf8, RejectsLoneContinuationBytes) {
  EXPECT_EQ(BadOffset(Bytes({0x80})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xBF})), 0);
  EXPECT_EQ(BadOffset("ab" + Bytes({0x80}) + "cd"), 2);
  // One continuation byte too many after a complete character.
  EXPECT_EQ(BadOffset("\xC3\xA9" + Bytes({0xA9})), 2);
}

TEST(IsValidUtf8, RejectsTruncatedSequencesAtTheEnd) {
  EXPECT_EQ(BadOffset(Bytes({0xC3})), 0);
  EXPECT_EQ(BadOffset("abc" + Bytes({0xE2, 0x82})), 3);  // € cut after 2 of 3 bytes
  EXPECT_EQ(BadOffset("abc" + Bytes({0xE2})), 3);
  EXPECT_EQ(BadOffset("x" + Bytes({0xF0, 0x9F, 0x98})), 1);  // 😀 cut after 3 of 4
  EXPECT_EQ(BadOffset("x" + Bytes({0xF0, 0x9F})), 1);
  EXPECT_EQ(BadOffset("x" + Bytes({0xF0})), 1);
}

TEST(IsValidUtf8, RejectsSequencesInterruptedByOtherBytes) {
  EXPECT_EQ(BadOffset(Bytes({0xC3, 0x28})), 0);  // second byte not a continuation
  EXPECT_EQ(BadOffset(Bytes({0xE2, 0x28, 0xA1})), 0);
  EXPECT_EQ(BadOffset(Bytes({0xE2, 0x82, 0x28})), 0);        // third byte not a continuation
  EXPECT_EQ(BadOffset(Bytes({0xF0, 0x9F, 0x98, 0x41})), 0);  // fourth byte is 'A'
  EXPECT_EQ(BadOffset(Bytes({0xF0, 0x9F, 0xC3, 0xA9})), 0);  // a new lead byte inside
}

TEST(IsValidUtf8, ReportsTheOffsetOfTheFirstBadSequenceAfterMultiByteText) {
  // "é€😀" is 2 + 3 + 4 = 9 bytes.
  EXPECT_EQ(BadOffset("é€😀" + Bytes({0xFF}) + "tail"), 9);
  EXPECT_EQ(BadOffset("日本" + Bytes({0xED, 0xA0, 0x80}) + Bytes({0xFF})), 6);
  // Only the first problem is reported.
  EXPECT_EQ(BadOffset("a" + Bytes({0xC0, 0x80}) + "b" + Bytes({0xFF})), 1);
}

TEST(IsValidUtf8, FastCheckAndByteReadingAgreeOnRandomBytes) {
  // IsValidUtf8 answers "valid" from simdjson and reads the text itself
  // only when simdjson refuses it; the two must never disagree. Bytes are
  // drawn around the edges of table 3-7 (lead bytes, continuation ranges,
  // overlong and surrogate edges), in texts long enough for SIMD blocks.
  const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  uint64_t state = 20261126;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  // Valid characters of every length, so that texts are valid UTF-8 beyond
  // ASCII until an edge byte lands in them.
  const char* const valid_pieces[] = {"a", " ", "\xc3\xa9", "\xe4\xbd\xa0", "\xf0\x9f\x98\x82"};
  int valid = 0;
  for (int t = 0; t < 200000; ++t) {
    // Short and long texts: IsValidUtf8 hands only the long ones to simdjson.
    const size_t pieces = next() % 200;
    std::string text;
    for (size_t p = 0; p < pieces; ++p) text += valid_pieces[next() % std::size(valid_pieces)];
    for (uint64_t edits = next() % 4; edits > 0 && !text.empty(); --edits) {
      text[next() % text.size()] = static_cast<char>(edges[next() % sizeof(edges)]);
    }
    size_t fast_offset = 0, scalar_offset = 0;
    const bool fast = vigil::IsValidUtf8(text, &fast_offset);
    const bool scalar = vigil::IsValidUtf8Scalar(text, &scalar_offset);
    ASSERT_EQ(fast, scalar) << testing::PrintToString(text);
    if (!fast) {
      ASSERT_EQ(fast_offset, scalar_offset);
    }
    valid += fast;
  }
  EXPECT_GT(valid, 1000);
}

TEST(IsValidUtf8, AsciiFastPathFindsABadByteAtEveryPosition) {
  // The validator reads eight ASCII bytes at a time; a bad byte at any
  // position, inside or after a block, must be found at its exact offset.
  for (size_t length = 1; length <= 40; ++length) {
    for (size_t bad = 0; bad < length; ++bad) {
      std::string text(length, 'a');
      text[bad] = static_cast<char>(0xFF);
      EXPECT_EQ(BadOffset(text), static_cast<long>(bad)) << "length " << length;
    }
  }
}

TEST(IsValidUtf8, AsciiFastPathHandsOverMultiByteCharactersAtEveryAlignment) {
  for (size_t prefix = 0; prefix <= 17; ++prefix) {
    const std::string ascii(prefix, 'x');
    // Valid characters of each length straddling an 8-byte block edge.
    for (const char* ch : {"é", "€", "😀"}) {
      EXPECT_EQ(BadOffset(ascii + ch + "yyyyyyyyy"), -1) << prefix << " " << ch;
      EXPECT_EQ(BadOffset(ascii + ch), -1) << prefix << " " << ch;
    }
    // A truncated character right at the end after the ASCII blocks.
    EXPECT_EQ(BadOffset(ascii + Bytes({0xF0, 0x9F, 0x98})), static_cast<long>(prefix));
    // A surrogate after the blocks, followed by more ASCII.
    EXPECT_EQ(BadOffset(ascii + Bytes({0xED, 0xA0, 0x80}) + "zzzzzzzz"), static_cast<long>(prefix));
  }
}

TEST(IsValidUtf8, LongValidTextIsAccepted) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "abcdefg é € 😀 ";
  EXPECT_EQ(BadOffset(text), -1);
  text += Bytes({0xC0});
  EXPECT_EQ(BadOffset(text), static_cast<long>(text.size() - 1));
}

TEST(DecodeUtf8At, DecodesEachLengthAndReportsTheNextOffset) {
  const std::string text = "aé€😀";  // offsets 0, 1, 3, 6; size 10
  size_t next = 0;
  EXPECT_EQ(DecodeUtf8At(text, 0, &next), U'a');
  EXPECT_EQ(next, 1u);
  EXPECT_EQ(DecodeUtf8At(text, 1, &next), U'é');
  EXPECT_EQ(next, 3u);
  EXPECT_EQ(DecodeUtf8At(text, 3, &next), U'€');
  EXPECT_EQ(next, 6u);
  EXPECT_EQ(DecodeUtf8At(text, 6, &next), U'😀');
  EXPECT_EQ(next, 10u);
  EXPECT_EQ(DecodeUtf8At(text, 6), U'😀');  // next may be null
}

TEST(DecodeUtf8At, DecodesBoundaryCodePoints) {
  EXPECT_EQ(DecodeUtf8At(Bytes({0xC2, 0x80}), 0), 0x80u);
  EXPECT_EQ(DecodeUtf8At(Bytes({0xDF, 0xBF}), 0), 0x7FFu);
  EXPECT_EQ(DecodeUtf8At(Bytes({0xE0, 0xA0, 0x80}), 0), 0x800u);
  EXPECT_EQ(DecodeUtf8At(Bytes({0xEF, 0xBF, 0xBF}), 0), 0xFFFFu);
  EXPECT_EQ(DecodeUtf8At(Bytes({0xF0, 0x90, 0x80, 0x80}), 0), 0x10000u);
  EXPECT_EQ(DecodeUtf8At(Bytes({0xF4, 0x8F, 0xBF, 0xBF}), 0), 0x10FFFFu);
}

TEST(DecodeUtf8At, NeverReadsPastTheEndOfATruncatedSequence) {
  // Documented for valid text only, but defensive: stays inside the view.
  const std::string storage = "x" + Bytes({0xE2, 0x82, 0xAC});
  const std::string_view cut(storage.data(), 3);  // "x" + first two bytes of €
  size_t next = 0;
  DecodeUtf8At(cut, 1, &next);
  EXPECT_EQ(next, 3u);
}

TEST(DecodeUtf8Before, DecodesTheCodePointEndingAtEachOffset) {
  const std::string text = "aé€😀";
  size_t start = 99;
  EXPECT_EQ(DecodeUtf8Before(text, 10, &start), U'😀');
  EXPECT_EQ(start, 6u);
  EXPECT_EQ(DecodeUtf8Before(text, 6, &start), U'€');
  EXPECT_EQ(start, 3u);
  EXPECT_EQ(DecodeUtf8Before(text, 3, &start), U'é');
  EXPECT_EQ(start, 1u);
  EXPECT_EQ(DecodeUtf8Before(text, 1, &start), U'a');
  EXPECT_EQ(start, 0u);
  EXPECT_EQ(DecodeUtf8Before(text, 3), U'é');  // start may be null
}

TEST(DecodeUtf8Before, MultiByteCharacterAtTheStartOfTheText) {
  size_t start = 99;
  EXPECT_EQ(DecodeUtf8Before("😀", 4, &start), U'😀');
  EXPECT_EQ(start, 0u);
  EXPECT_EQ(DecodeUtf8Before("ж", 2, &start), U'ж');
  EXPECT_EQ(start, 0u);
  EXPECT_EQ(DecodeUtf8Before("中文", 6, &start), U'文');
  EXPECT_EQ(start, 3u);
}

TEST(StepBackCodePoints, StepsOverWholeCodePoints) {
  const std::string text = "aé€😀b";  // starts: 0, 1, 3, 6, 10; size 11
  EXPECT_EQ(StepBackCodePoints(text, 11, 0), 11u);
  EXPECT_EQ(StepBackCodePoints(text, 11, 1), 10u);
  EXPECT_EQ(StepBackCodePoints(text, 11, 2), 6u);
  EXPECT_EQ(StepBackCodePoints(text, 11, 3), 3u);
  EXPECT_EQ(StepBackCodePoints(text, 11, 4), 1u);
  EXPECT_EQ(StepBackCodePoints(text, 11, 5), 0u);
  EXPECT_EQ(StepBackCodePoints(text, 10, 1), 6u);
  EXPECT_EQ(StepBackCodePoints(text, 6, 2), 1u);
}

TEST(StepBackCodePoints, ClampsAtTheStart) {
  EXPECT_EQ(StepBackCodePoints("aé€", 6, 10), 0u);
  EXPECT_EQ(StepBackCodePoints("abc", 0, 3), 0u);
  EXPECT_EQ(StepBackCodePoints("", 0, 1), 0u);
}

TEST(AppendUtf8, EncodesEveryLengthAndRoundTrips) {
  std::vector<char32_t> code_points = {0x0,    0x41,   0x7F,   0x80,    0x7FF,   0x800,   0xD7FF,
                                       0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
  std::string text;
  for (char32_t c : code_points) AppendUtf8(c, &text);
  EXPECT_EQ(BadOffset(text), -1);
  std::vector<char32_t> decoded;
  for (size_t pos = 0; pos < text.size();) decoded.push_back(DecodeUtf8At(text, pos, &pos));
  EXPECT_EQ(decoded, code_points);

  std::string euro;
  AppendUtf8(U'€', &euro);
  EXPECT_EQ(euro, "\xE2\x82\xAC");
  std::string emoji;
  AppendUtf8(U'😀', &emoji);
  EXPECT_EQ(emoji, "\xF0\x9F\x98\x80");
}

TEST(AppendUtf8, WorksWithAnyStringLikeContainer) {
  std::vector<char> out;
  AppendUtf8(U'ж', &out);
  EXPECT_THAT(out, ElementsAre('\xD0', '\xB6'));
}

}  // namespace
}  // namespace vigil
