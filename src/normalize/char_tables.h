// Per-code-point tables for the text views, built once per process from ICU
// data (about 60 ms) and then shared read-only by every engine and thread.
//
// Folding a post code point by code point through these tables is what makes
// the views cheap: ICU's own NFKC_Casefold costs as much as a 10k-literal
// Hyperscan scan per byte, and its spoof skeleton 25 times that, on these
// machines (see shared/PERFORMANCE-NOTES.md). Context-dependent steps
// (leetspeak, separators, repeated letters) are in skeleton_view.cc.
//
//   const CharTables& t = CharTables::Get();
//   std::string_view out;
//   if (t.Fold(U'Ｆ', &out)) { /* out == "f" */ } else { /* maps to itself */ }
#ifndef VIGIL_NORMALIZE_CHAR_TABLES_H_
#define VIGIL_NORMALIZE_CHAR_TABLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// The class of a code point after skeleton mapping, for the contextual passes.
enum class CharClass : uint8_t {
  kOther = 0,       // punctuation, symbols
  kSpace,           // White_Space
  kLetter,          // a letter of an alphabetic script (Latin, Cyrillic, Arabic, …)
  kSpacelessLetter, // Han, Kana, Thai, …: no spaces between words, no repeats collapsed
  kDigit,           // ASCII 0-9 (every script's digits are folded to these)
  kMark,            // a combining mark left in the text
};

class CharTables {
 public:
  // The process-wide tables; the first call builds them (thread-safe).
  static const CharTables& Get();

  // `folded` view of one code point: NFKC_Casefold, default-ignorables
  // removed, decimal digits of every script as ASCII. May be empty.
  // Returns false when `c` maps to itself (then *out is untouched).
  bool Fold(char32_t c, std::string_view* out) const { return Lookup(fold_, c, out); }

  // `skeleton` mapping of one code point: the fold, then combining marks
  // removed, UTS #39 look-alikes of Latin letters mapped to them, Arabic
  // letter variants unified to their Persian forms, kashida removed,
  // Traditional Han mapped to Simplified. May be empty.
  // Returns false when `c` maps to itself.
  bool Skeleton(char32_t c, std::string_view* out) const { return Lookup(skeleton_, c, out); }

  // Whether a case-sensitive pattern written with `c` means the same on the
  // folded view as on the raw text: folding leaves `c` alone and `c` has no
  // case, so no other letter folds into it ("’" yes; "д", "Ä", "ﬁ" no).
  bool CaseSensitiveSafe(char32_t c) const;

  // The class of `c` (from a table for the table range).
  CharClass ClassOf(char32_t c) const {
    if (c < 0x80) return kAsciiClasses[c];
    return c < kTableSize ? static_cast<CharClass>(classes_[c]) : Classify(c);
  }
  // The same, computed from ICU properties.
  static CharClass Classify(char32_t c);

 private:
  CharTables();
  // Code points above this map to themselves (no table entry).
  static constexpr char32_t kTableSize = 0x30000;
  // A mapping: pool_[offset, offset + size). kIdentity: maps to itself.
  struct Entry {
    uint32_t offset;
    uint32_t size;
  };
  static constexpr uint32_t kIdentity = UINT32_MAX;
  bool Lookup(const std::vector<Entry>& table, char32_t c, std::string_view* out) const {
    if (c >= kTableSize) return false;
    const Entry& e = table[c];
    if (e.size == kIdentity) return false;
    *out = std::string_view(pool_).substr(e.offset, e.size);
    return true;
  }

  static const CharClass kAsciiClasses[128];
  std::vector<uint8_t> classes_;
  std::vector<Entry> fold_;
  std::vector<Entry> skeleton_;
  std::string pool_;
};

}  // namespace vigil

#endif  // VIGIL_NORMALIZE_CHAR_TABLES_H_
