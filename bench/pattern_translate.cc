// pattern_translate.cc — Hyperscan expressions in RE2 and ECMAScript syntax,
// with Hyperscan's meaning (see pattern_translate.h for what differs).
#include "pattern_translate.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <utility>

#include "common/utf8.h"

namespace vigil::bench {
namespace {

bool IsAsciiLetter(unsigned c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiAlnum(unsigned c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9'); }

std::string HexByte(unsigned b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", b & 0xFF);
  return buf;
}

// The index just past the class that opens at e[open] ('['), or npos.
size_t ClassEnd(std::string_view e, size_t open) {
  size_t i = open + 1;
  if (i < e.size() && e[i] == '^') ++i;
  if (i < e.size() && e[i] == ']') ++i;  // a leading ']' is a member
  while (i < e.size()) {
    if (e[i] == '\\') {
      i += 2;
    } else if (e[i] == '[' && i + 1 < e.size() && e[i + 1] == ':') {
      const size_t close = e.find(":]", i + 2);
      if (close == std::string_view::npos) return close;
      i = close + 2;
    } else if (e[i] == ']') {
      return i + 1;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

// Hyperscan's caseless flag folds ASCII letters only, while RE2's (?i) folds
// every script (and k, s to the Kelvin sign and long s): a literal on the
// folded or skeleton view ("блять") would match "Блять" in RE2 only. A literal
// as BuildLiteralPattern writes it (letters as themselves, other ASCII as
// \xHH, case variants of other letters as [...]) gets each ASCII letter as the
// class of its two cases instead.
std::string AsciiCaseClasses(std::string_view literal) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < literal.size(); ++i) {
    std::string token(1, literal[i]);
    unsigned value = static_cast<unsigned char>(literal[i]);
    if (literal[i] == '\\' && i + 3 < literal.size() && literal[i + 1] == 'x') {
      token = std::string(literal.substr(i, 4));
      value = static_cast<unsigned>(std::strtoul(token.c_str() + 2, nullptr, 16));
      i += 3;
    } else if (literal[i] == '[' || literal[i] == ']') {
      in_class = literal[i] == '[';
      out += token;
      continue;
    }
    if (!IsAsciiLetter(value)) {
      out += token;
      continue;
    }
    const std::string both = token + HexByte(value ^ 0x20);
    out += in_class ? both : "[" + both + "]";
  }
  return out;
}

// Without HS_FLAG_MULTILINE, Hyperscan's $ also matches before a newline that
// ends the text (as PCRE's does); RE2's $ matches only at the end.
std::string PcreDollar(std::string_view regex, size_t* rewritten) {
  std::string out;
  for (size_t i = 0; i < regex.size();) {
    if (regex[i] == '\\') {
      out += regex.substr(i, 2);
      i += 2;
    } else if (regex[i] == '[') {
      const size_t end = std::min(ClassEnd(regex, i), regex.size());
      out += regex.substr(i, end - i);
      i = end;
    } else if (regex[i] == '$') {
      out += "(?:\\n?\\z)";
      ++*rewritten;
      ++i;
    } else {
      out += regex[i++];
    }
  }
  return out;
}

Re2Translation TranslateForRe2(const std::vector<Pattern>& patterns) {
  Re2Translation t;
  for (uint32_t id = 0; id < patterns.size(); ++id) {
    const Pattern& p = patterns[id];
    if (p.flags & ~kTranslatedFlags) {
      ++t.untranslated;
      continue;
    }
    const bool utf8 = (p.flags & HS_FLAG_UTF8) != 0;
    const bool literal = p.kind == PatternKind::kLiteral || p.kind == PatternKind::kException;
    std::string prefix;
    if (p.flags & HS_FLAG_DOTALL) prefix += "(?s)";
    if (p.flags & HS_FLAG_MULTILINE) prefix += "(?m)";
    std::string body = p.expression;
    if ((p.flags & HS_FLAG_CASELESS) && literal && utf8) {
      body = AsciiCaseClasses(body);
      ++t.case_classes;
    } else if (p.flags & HS_FLAG_CASELESS) {
      // Byte-mode patterns run in RE2's Latin-1 mode, where (?i) also pairs
      // the bytes 0xC0-0xDE with 0xE0-0xFE; in the detector patterns such a
      // byte (\xE2) is followed by bytes that cannot follow its pair in valid
      // UTF-8. The engine gives caseless regexes with cased non-ASCII letters
      // to RE2 alone. What (?i) still adds in UTF-8 mode (the Kelvin sign for
      // k, long s for s) would show in Compare.
      prefix += "(?i)";
      ++t.caseless;
    }
    if (!literal && !(p.flags & HS_FLAG_MULTILINE)) body = PcreDollar(body, &t.dollars);
    t.latin1 += !utf8;
    t.patterns.push_back({id, prefix + body, !utf8});
  }
  return t;
}

IdSets RuleGroups::Map(const IdSets& pattern_sets) const {
  IdSets out;
  for (const std::vector<uint32_t>& ids : pattern_sets) {
    std::vector<uint32_t>& groups = out.emplace_back();
    for (uint32_t id : ids) {
      if (group_of[id] != kNone) groups.push_back(group_of[id]);
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  }
  return out;
}

RuleGroups GroupByRule(const Re2Translation& t, const std::vector<Pattern>& patterns) {
  RuleGroups g;
  g.group_of.assign(patterns.size(), RuleGroups::kNone);
  std::map<std::pair<std::string, bool>, uint32_t> index;
  for (const Re2Pattern& p : t.patterns) {
    const Pattern& pattern = patterns[p.id];
    const auto [it, added] =
        index.try_emplace({pattern.rule, p.latin1}, static_cast<uint32_t>(g.items.size()));
    if (added) {
      g.items.push_back({pattern.view, "", 0, pattern.kind, pattern.rule});
      g.regexes.push_back({it->second, "", p.latin1});
    }
    // Inline flags such as (?i) last to the end of the group they are in.
    std::string& regex = g.regexes[it->second].regex;
    regex += (regex.empty() ? "(?:" : "|(?:") + p.regex + ")";
    // One prefilter member makes the whole rule compared one way.
    g.items[it->second].flags |= pattern.flags & HS_FLAG_PREFILTER;
    g.group_of[p.id] = it->second;
  }
  for (const Re2Pattern& r : g.regexes) g.items[r.id].expression = r.regex;
  return g;
}

// ------------------------------------------------------------ std::regex

namespace {

// Any one non-ASCII character, over valid UTF-8.
constexpr char kAnyNonAscii[] = "[\\xC0-\\xFF][\\x80-\\xBF]+";
// Before a class: the next byte is ASCII (so the class takes one whole
// character, not the first byte of one).
constexpr char kNextIsAscii[] = "(?![\\x80-\\xFF])";

}  // namespace

char32_t EcmaTranslator::ReadChar() {
  const unsigned char b = static_cast<unsigned char>(e_[pos_]);
  if (b < 0x80 || !utf8_) {
    ++pos_;
    return b;
  }
  return DecodeUtf8At(e_, pos_, &pos_);
}

std::string EcmaTranslator::CharAtom(char32_t c) const {
  if (c < 0x80) return IsAsciiAlnum(c) ? std::string(1, static_cast<char>(c)) : HexByte(c);
  if (!utf8_) return HexByte(c);  // one byte
  std::string bytes;
  AppendUtf8(c, &bytes);
  std::string atom = "(?:";
  for (unsigned char b : bytes) atom += HexByte(b);
  return atom + ")";
}

std::string EcmaTranslator::Shorthand(char32_t letter) const {
  const std::string escape = {'\\', static_cast<char>(letter)};
  // \D \W \S take every non-ASCII character; in byte mode, every high byte.
  if (!utf8_ || (letter | 0x20) == letter) return escape;
  return std::string("(?:") + kNextIsAscii + escape + "|" + kAnyNonAscii + ")";
}

std::string EcmaTranslator::Dot() const {
  // ECMAScript's "." also stops at \r; Hyperscan's only at \n.
  if (!utf8_) return dotall_ ? "[\\s\\S]" : "[^\\n]";
  return std::string(dotall_ ? "(?:[\\x00-\\x7F]|" : "(?:[^\\n\\x80-\\xFF]|") + kAnyNonAscii + ")";
}

// After a backslash.
bool EcmaTranslator::ReadEscape(bool in_class, EscapeKind* kind, char32_t* c) {
  if (pos_ >= e_.size()) return Fail("trailing backslash");
  *kind = EscapeKind::kChar;
  const char e = e_[pos_];
  if (static_cast<unsigned char>(e) >= 0x80) {
    *c = ReadChar();
    return true;
  }
  ++pos_;
  switch (e) {
    case 'x': {
      size_t end = pos_;
      if (pos_ < e_.size() && e_[pos_] == '{') {
        end = e_.find('}', pos_);
        if (end == std::string_view::npos) return Fail("unterminated \\x{");
        *c = static_cast<char32_t>(
            std::strtoul(std::string(e_.substr(pos_ + 1, end - pos_ - 1)).c_str(), nullptr, 16));
        pos_ = end + 1;
      } else {
        while (end < e_.size() && end < pos_ + 2 &&
               std::isxdigit(static_cast<unsigned char>(e_[end])))
          ++end;
        *c = static_cast<char32_t>(
            std::strtoul(std::string(e_.substr(pos_, end - pos_)).c_str(), nullptr, 16));
        pos_ = end;
      }
      if (!utf8_ && *c > 0xFF) return Fail("\\x above 0xFF in byte mode");
      return true;
    }
    case 'd':
    case 'w':
    case 's':
    case 'D':
    case 'W':
    case 'S':
      *kind = EscapeKind::kShorthand;
      *c = static_cast<char32_t>(e);
      return true;
    case 'b':
      *kind = in_class ? EscapeKind::kChar : EscapeKind::kAssertion;
      *c = in_class ? 0x08 : 'b';
      return true;
    case 'B':
      if (in_class) return Fail("\\B in a class");
      *kind = EscapeKind::kAssertion;
      *c = 'B';
      return true;
    case 'n':
      *c = '\n';
      return true;
    case 't':
      *c = '\t';
      return true;
    case 'r':
      *c = '\r';
      return true;
    case 'f':
      *c = '\f';
      return true;
    case 'e':
      *c = 0x1B;
      return true;
    case 'a':
      *c = 0x07;
      return true;
    default:
      // PCRE's \v is vertical space (a class), \h horizontal; \A \z \Q \p
      // and backreferences have no ECMAScript spelling either.
      if (IsAsciiAlnum(static_cast<unsigned char>(e))) {
        return Fail(std::string("\\") + e + " has no translation");
      }
      *c = static_cast<unsigned char>(e);
      return true;
  }
}

// A quantifier at pos_, if there is one, copied to *out with its lazy mark.
bool EcmaTranslator::Quantifier(std::string* out) {
  size_t end = pos_;
  if (e_[pos_] == '*' || e_[pos_] == '+' || e_[pos_] == '?') {
    end = pos_ + 1;
  } else if (e_[pos_] == '{') {
    // {n}, {n,}, {n,m}; anything else is a literal brace, as in PCRE.
    size_t i = pos_ + 1;
    const size_t digits = i;
    while (i < e_.size() && std::isdigit(static_cast<unsigned char>(e_[i]))) ++i;
    if (i == digits) return false;
    if (i < e_.size() && e_[i] == ',') {
      ++i;
      while (i < e_.size() && std::isdigit(static_cast<unsigned char>(e_[i]))) ++i;
    }
    if (i >= e_.size() || e_[i] != '}') return false;
    end = i + 1;
  } else {
    return false;
  }
  *out += e_.substr(pos_, end - pos_);
  pos_ = end;
  if (pos_ < e_.size() && e_[pos_] == '?') *out += e_[pos_++];
  if (pos_ < e_.size() && e_[pos_] == '+') return Fail("possessive quantifier");
  return true;
}

bool EcmaTranslator::ClassMember(char32_t* c, bool* shorthand) {
  *shorthand = false;
  if (e_[pos_] != '\\') {
    *c = ReadChar();
    return true;
  }
  ++pos_;
  EscapeKind kind;
  if (!ReadEscape(/*in_class=*/true, &kind, c)) return false;
  *shorthand = kind == EscapeKind::kShorthand;
  return true;
}

// At '['.
bool EcmaTranslator::Class(std::string* atom) {
  ++pos_;
  bool negated = false;
  if (pos_ < e_.size() && e_[pos_] == '^') {
    negated = true;
    ++pos_;
  }
  std::bitset<256> bytes;  // ASCII members; in byte mode, every byte member
  std::string shorthands;  // \d \w \s \D \W \S, as ECMAScript class members
  bool negated_shorthand = false;
  std::vector<char32_t> wide;  // non-ASCII members (UTF-8 mode)
  for (bool first = true;; first = false) {
    if (pos_ >= e_.size()) return Fail("unterminated class");
    if (e_[pos_] == ']' && !first) {
      ++pos_;
      break;
    }
    if (e_[pos_] == '[' && pos_ + 1 < e_.size() && std::strchr(":=.", e_[pos_ + 1])) {
      return Fail("POSIX class");
    }
    char32_t lo, hi;
    bool shorthand;
    if (!ClassMember(&lo, &shorthand)) return false;
    if (shorthand) {
      shorthands += {'\\', static_cast<char>(lo)};
      negated_shorthand = negated_shorthand || (lo | 0x20) != lo;
      continue;
    }
    hi = lo;
    if (pos_ + 1 < e_.size() && e_[pos_] == '-' && e_[pos_ + 1] != ']') {
      ++pos_;
      if (!ClassMember(&hi, &shorthand)) return false;
      if (shorthand) return Fail("range to a shorthand");
      if (hi < lo) return Fail("reversed range");
    }
    for (char32_t c = lo; c <= hi; ++c) {
      if (c < 0x80 || !utf8_) {
        bytes.set(c);
      } else if (hi - lo < 256) {
        wide.push_back(c);
      } else {
        return Fail("range over many non-ASCII characters");
      }
    }
  }
  // Members as ECMAScript class text: runs of bytes, split where a signed
  // char wraps (std::regex compares chars, and char is signed here).
  std::string members;
  for (unsigned b = 0; b < 256;) {
    if (!bytes[b]) {
      ++b;
      continue;
    }
    unsigned last = b;
    while (last + 1 < 256 && last + 1 != 0x80 && bytes[last + 1]) ++last;
    members += HexByte(b);
    if (last > b) members += "-" + HexByte(last);
    b = last + 1;
  }
  members += shorthands;
  if (!utf8_) {
    *atom = std::string("[") + (negated ? "^" : "") + members + "]";
    return true;
  }
  std::vector<std::string> alternatives;
  if (negated) {
    alternatives.push_back(kNextIsAscii +
                           (members.empty() ? std::string("[\\x00-\\x7F]") : "[^" + members + "]"));
    if (!negated_shorthand) {
      std::string excluded;
      for (char32_t c : wide) excluded += (excluded.empty() ? "" : "|") + CharAtom(c);
      alternatives.push_back((excluded.empty() ? "" : "(?!" + excluded + ")") + kAnyNonAscii);
    }
  } else {
    if (!members.empty()) alternatives.push_back(kNextIsAscii + ("[" + members + "]"));
    if (negated_shorthand) {
      alternatives.push_back(kAnyNonAscii);
    } else {
      for (char32_t c : wide) alternatives.push_back(CharAtom(c));
    }
  }
  *atom = "(?:";
  for (size_t i = 0; i < alternatives.size(); ++i) *atom += (i ? "|" : "") + alternatives[i];
  *atom += alternatives.empty() ? "(?!))" : ")";
  return true;
}

bool EcmaTranslator::Translate(std::string* out) {
  if (multiline_) return Fail("HS_FLAG_MULTILINE");
  out->clear();
  while (pos_ < e_.size()) {
    const char c = e_[pos_];
    switch (c) {
      case '\\': {
        ++pos_;
        EscapeKind kind;
        char32_t ch;
        if (!ReadEscape(/*in_class=*/false, &kind, &ch)) return false;
        if (kind == EscapeKind::kAssertion) {
          *out += ch == 'b' ? "\\b" : "\\B";
        } else {
          *out += kind == EscapeKind::kShorthand ? Shorthand(ch) : CharAtom(ch);
        }
        break;
      }
      case '[': {
        std::string atom;
        if (!Class(&atom)) return false;
        *out += atom;
        break;
      }
      case '.':
        ++pos_;
        *out += Dot();
        break;
      case '(':
        // Groups need not capture; other (? forms (inline flags, named
        // groups) have no ECMAScript spelling.
        if (pos_ + 1 < e_.size() && e_[pos_ + 1] == '?') {
          if (pos_ + 2 >= e_.size() || e_[pos_ + 2] != ':') return Fail("(? group");
          pos_ += 3;
        } else {
          ++pos_;
        }
        *out += "(?:";
        break;
      case ')':
      case '|':
      case '^':
        *out += c;
        ++pos_;
        break;
      case '$':
        *out += "(?=\\n?$)";
        ++pos_;
        break;
      case '*':
      case '+':
      case '?':
      case '{':
        if (!Quantifier(out)) {
          if (!why_.empty()) return false;
          if (c != '{') return Fail("quantifier without an atom");
          *out += HexByte('{');
          ++pos_;
        }
        break;
      default:
        *out += CharAtom(ReadChar());
        break;
    }
  }
  return true;
}

}  // namespace vigil::bench
