// bench_baselines.cc — one table: Vigil against the limit and against the
// matchers a forum would otherwise pick (issue 7), on the mixed corpus.
//
// Rows, single thread, over the title and body of every post:
//   memchr                one memchr per field: the memory-bandwidth ceiling
//   Hyperscan (limit)     hs_scan of the engine's own compiled databases (every
//                         view's) over the raw title and body: no
//                         normalization, no decision, a callback that counts
//   Vigil                 vigil_scanner_classify per post through libvigil.so,
//                         one scanner, as an embedder calls it
//   RE2::Set              the same patterns, one RE2::Set per encoding
//   RE2, one per pattern  RE2::PartialMatch of every pattern in turn
//   RE2, one per rule     the same with each rule's patterns as one
//                         alternation (the "one RE2 per rule")
//   std::regex            std::regex_search of every pattern in turn, on the
//                         first posts only (--std-regex-posts)
// Each row gives MB/s (10^6 bytes of title + body per second), posts/s, its
// speed as a fraction of the limit and Vigil's speed as a multiple of its own.
// Times are thread CPU time (CLOCK_THREAD_CPUTIME_ID), the median of 3
// repetitions after a warm-up pass. A row too slow for the whole corpus is
// timed on its first posts and marked extrapolated.
//
// Before anything is timed, every matcher must find the same patterns in each
// post as Hyperscan (see Compare); the program prints the first disagreements
// and exits with 1 if there is one. The patterns are translated to keep
// Hyperscan's meaning (TranslateForRe2, EcmaTranslator); what cannot be
// translated is left out of that row and counted. --threads=1,2 adds the
// limit and Vigil on that many threads (wall clock; one scratch or scanner per
// thread; posts handed out in blocks of 64 from an atomic counter).
//
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_BENCH=ON
//   cmake --build build-bench --target bench_baselines
//   build-bench/bench/bench_baselines --posts=200000 [--seed=S] [--ruleset=PATH]
//       [--threads=1,2] [--std-regex-posts=N]
// The output is Markdown, for docs/PERFORMANCE.md; progress goes to stderr.
#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bitset>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/utf8.h"
#include "compile/engine.h"
#include "corpus.h"
#include "normalize/text_view.h"
#include "ruleset/diagnostics.h"
#include "ruleset/source.h"
#include "vigil/vigil.h"

namespace vigil::bench {
namespace {

constexpr int kRepetitions = 3;
// A row whose pass over the whole corpus would take longer than this is
// timed on the posts that fit (its figures are then extrapolated).
constexpr double kRepSeconds = 10;
// The agreement pass of a slow matcher stops after this long; the posts it
// covered are compared, and the output says how many.
constexpr double kAgreementSeconds = 120;
constexpr size_t kThreadBlock = 64;
// RE2::Set puts every pattern of an encoding into one program and one DFA:
// RE2's default budget (8 MiB) is exhausted by a few thousand terms. The
// one-RE2-per-pattern loop keeps the default, as the engine does.
constexpr int64_t kSetMaxMem = int64_t{1} << 30;
// Shown in disagreements.
constexpr size_t kExampleBytes = 240;
constexpr size_t kMaxExamples = 5;

std::atomic<size_t> g_sink{0};  // keeps every timed result alive

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double WallSeconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench_baselines: %s\n", message.c_str());
  std::exit(2);
}

// ------------------------------------------------------------------ flags

struct Flags {
  BenchFlags bench;
  std::vector<int> threads;  // empty: no multi-thread table
  size_t std_regex_posts = 500;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  flags.bench.ruleset = VIGIL_SOURCE_DIR "/rules/community-default.yaml";
  ParseBenchFlags(&argc, argv, &flags.bench);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--threads=", 0) == 0) {
      for (const char* p = argv[i] + 10; *p;) {
        char* end = nullptr;
        const long n = std::strtol(p, &end, 10);
        if (end == p || n < 1) Die("--threads takes a list such as 1,2");
        flags.threads.push_back(static_cast<int>(n));
        p = *end == ',' ? end + 1 : end;
      }
    } else if (arg.rfind("--std-regex-posts=", 0) == 0) {
      flags.std_regex_posts = std::strtoull(argv[i] + 18, nullptr, 10);
    } else {
      Die("unknown flag " + std::string(arg) +
          " (flags: --posts=N --seed=S --ruleset=PATH --threads=1,2 --std-regex-posts=N)");
    }
  }
  return flags;
}

// ----------------------------------------------------------------- corpus

// A post as every row reads it: the text fields the limit and the baselines
// scan, and the C API struct Vigil classifies.
struct BenchPost {
  std::array<std::string_view, 2> fields;  // title (when there is one), body
  size_t field_count = 0;
  vigil_post api = VIGIL_POST_INIT;
};

struct Corpus {
  std::vector<Post> posts;
  std::vector<std::vector<vigil_str>> roles;
  std::vector<BenchPost> bench;
  std::vector<size_t> prefix_bytes;  // [n]: title + body bytes of the first n posts
  size_t median_bytes = 0;
};

vigil_str Str(const std::string& s) { return vigil_str{s.data(), s.size()}; }
vigil_str OptionalStr(const std::string& s) { return s.empty() ? vigil_str{nullptr, 0} : Str(s); }

Corpus BuildCorpus(const BenchFlags& flags) {
  Corpus c;
  CorpusOptions options;
  options.posts = flags.posts;
  options.seed = flags.seed;
  options.kind = CorpusKind::kMixed;
  c.posts = GenerateCorpus(options);
  c.median_bytes = ComputeStats(c.posts).median_bytes;
  c.roles.reserve(c.posts.size());
  c.prefix_bytes.push_back(0);
  for (const Post& p : c.posts) {
    BenchPost& b = c.bench.emplace_back();
    if (!p.title.empty()) b.fields[b.field_count++] = p.title;
    b.fields[b.field_count++] = p.body;
    vigil_post& v = b.api;
    v.id = Str(p.id);
    v.title = OptionalStr(p.title);
    v.body = Str(p.body);
    v.author_id = Str(p.author_id);
    v.author_name = Str(p.author_name);
    v.author_trust_level = p.author_trust_level;
    v.author_account_age_days = p.author_account_age_days;
    v.author_post_count = p.author_post_count;
    std::vector<vigil_str>& roles = c.roles.emplace_back();
    for (const std::string& r : p.author_roles) roles.push_back(Str(r));
    v.author_roles = roles.empty() ? nullptr : roles.data();
    v.author_role_count = roles.size();
    v.channel = OptionalStr(p.channel);
    v.lang = OptionalStr(p.lang);
    c.prefix_bytes.push_back(c.prefix_bytes.back() + TextBytes(p));
  }
  return c;
}

// --------------------------------------------------------------- patterns

// One pattern of the engine's Hyperscan databases. Its global id is its index
// in PatternTable::patterns.
struct Pattern {
  ViewKind view;
  std::string expression;
  unsigned flags;
  PatternKind kind;
  std::string rule;
};

struct PatternTable {
  const Engine* engine = nullptr;
  std::vector<Pattern> patterns;
  // The databases to scan, each with the global id of its pattern 0 (a
  // database's ids are the indexes into its view's pattern table).
  std::vector<std::pair<const hs_database_t*, uint32_t>> databases;
  size_t re2_only_rules = 0;  // regex rules Vigil runs with RE2 alone
};

PatternTable ExtractPatterns(const Engine& engine) {
  PatternTable table;
  table.engine = &engine;
  for (int v = 0; v < kViewCount; ++v) {
    const ViewKind view = static_cast<ViewKind>(v);
    const hs_database_t* db = engine.database(view);
    if (db == nullptr) continue;
    const ViewPatterns& vp = engine.patterns().views[v];
    table.databases.emplace_back(db, static_cast<uint32_t>(table.patterns.size()));
    for (size_t i = 0; i < vp.expressions.size(); ++i) {
      table.patterns.push_back({view, vp.expressions[i], vp.flags[i], vp.infos[i].kind,
                                engine.ruleset().rules[vp.infos[i].rule].id});
    }
  }
  table.re2_only_rules = engine.patterns().re2_only_rules.size();
  return table;
}

bool IsPrefilter(const Pattern& p) { return (p.flags & HS_FLAG_PREFILTER) != 0; }

// ------------------------------------------------------ RE2 translation

// Hyperscan flags whose meaning the RE2 and std::regex translations keep.
// HS_FLAG_PREFILTER is kept by comparing such patterns one way only (Compare).
constexpr unsigned kTranslatedFlags = HS_FLAG_CASELESS | HS_FLAG_DOTALL | HS_FLAG_MULTILINE |
                                      HS_FLAG_SINGLEMATCH | HS_FLAG_UTF8 | HS_FLAG_PREFILTER |
                                      HS_FLAG_SOM_LEFTMOST;

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

struct Re2Pattern {
  uint32_t id;
  std::string regex;  // RE2 syntax, flags inline
  bool latin1;        // a byte-mode Hyperscan pattern
};

struct Re2Translation {
  std::vector<Re2Pattern> patterns;
  size_t caseless = 0;      // (?i)
  size_t case_classes = 0;  // AsciiCaseClasses
  size_t dollars = 0;       // PcreDollar rewrites
  size_t latin1 = 0;
  size_t untranslated = 0;  // flags RE2 cannot express
};

Re2Translation TranslateForRe2(const PatternTable& table) {
  Re2Translation t;
  for (uint32_t id = 0; id < table.patterns.size(); ++id) {
    const Pattern& p = table.patterns[id];
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

using IdSets = std::vector<std::vector<uint32_t>>;  // per post, sorted, unique

// What a naive implementation writes: one RE2 per rule, its patterns as one
// alternation (a rule's UTF-8 and byte-mode patterns apart: an RE2 has one
// encoding). Group ids index `items`, whose expression is the alternation.
struct RuleGroups {
  static constexpr uint32_t kNone = ~uint32_t{0};

  std::vector<Pattern> items;
  std::vector<Re2Pattern> regexes;  // regexes[g].id == g
  std::vector<uint32_t> group_of;   // pattern id → group, or kNone

  // The groups each post's patterns belong to.
  IdSets Map(const IdSets& pattern_sets) const {
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
};

RuleGroups GroupByRule(const Re2Translation& t, const PatternTable& table) {
  RuleGroups g;
  g.group_of.assign(table.patterns.size(), RuleGroups::kNone);
  std::map<std::pair<std::string, bool>, uint32_t> index;
  for (const Re2Pattern& p : t.patterns) {
    const Pattern& pattern = table.patterns[p.id];
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

RE2::Options Re2Options(bool latin1, int64_t max_mem) {
  RE2::Options options;
  options.set_encoding(latin1 ? RE2::Options::EncodingLatin1 : RE2::Options::EncodingUTF8);
  options.set_max_mem(max_mem);
  options.set_log_errors(false);
  return options;
}

// ------------------------------------------------ std::regex translation

// Any one non-ASCII character, over valid UTF-8.
constexpr char kAnyNonAscii[] = "[\\xC0-\\xFF][\\x80-\\xBF]+";
// Before a class: the next byte is ASCII (so the class takes one whole
// character, not the first byte of one).
constexpr char kNextIsAscii[] = "(?![\\x80-\\xFF])";

// Rewrites a Hyperscan expression in std::regex's ECMAScript grammar with
// Hyperscan's meaning, over the bytes std::regex<char> sees: in UTF-8 mode
// ".", "\W" and negated classes take one whole character and multi-byte
// characters are grouped before a quantifier; "$" also matches before a final
// newline. std::regex::icase folds ASCII only (the "C" locale), as
// HS_FLAG_CASELESS does.
class EcmaTranslator {
 public:
  EcmaTranslator(std::string_view expression, unsigned flags)
      : e_(expression),
        utf8_((flags & HS_FLAG_UTF8) != 0),
        dotall_((flags & HS_FLAG_DOTALL) != 0),
        multiline_((flags & HS_FLAG_MULTILINE) != 0) {}

  // False, with the reason in why(), for what ECMAScript cannot say or this
  // translation does not cover.
  bool Translate(std::string* out);
  const std::string& why() const { return why_; }

 private:
  enum class EscapeKind { kChar, kShorthand, kAssertion };

  bool Fail(std::string why) {
    why_ = std::move(why);
    return false;
  }
  char32_t ReadChar();
  bool ReadEscape(bool in_class, EscapeKind* kind, char32_t* c);
  bool Quantifier(std::string* out);
  bool ClassMember(char32_t* c, bool* shorthand);
  bool Class(std::string* atom);
  std::string CharAtom(char32_t c) const;
  std::string Shorthand(char32_t letter) const;
  std::string Dot() const;

  std::string_view e_;
  size_t pos_ = 0;
  bool utf8_, dotall_, multiline_;
  std::string why_;
};

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

// --------------------------------------------------------------- matchers

struct ScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};

// The limit: the engine's databases over the raw title and body.
class HyperscanMatcher {
 public:
  explicit HyperscanMatcher(const PatternTable* table) : table_(table) {
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(table->engine->prototype_scratch(), &s) != HS_SUCCESS) {
      Die("hs_clone_scratch failed");
    }
    scratch_.reset(s);
  }

  // Matches reported (every end offset of every pattern).
  size_t Run(const BenchPost& post) {
    size_t matches = 0;
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const auto& [db, base] : table_->databases) Scan(db, post.fields[f], Count, &matches);
    }
    return matches;
  }

  void Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const auto& [db, base] : table_->databases) {
        CollectContext context{ids, base};
        Scan(db, post.fields[f], Record, &context);
      }
    }
  }

 private:
  struct CollectContext {
    std::vector<uint32_t>* ids;
    uint32_t base;
  };
  static int Count(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
    ++*static_cast<size_t*>(context);
    return 0;
  }
  static int Record(unsigned id, unsigned long long, unsigned long long, unsigned, void* context) {
    auto* c = static_cast<CollectContext*>(context);
    c->ids->push_back(c->base + id);
    return 0;
  }
  void Scan(const hs_database_t* db, std::string_view text, match_event_handler handler,
            void* context) {
    if (hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch_.get(), handler,
                context) != HS_SUCCESS) {
      Die("hs_scan failed");
    }
  }

  const PatternTable* table_;
  std::unique_ptr<hs_scratch_t, ScratchDeleter> scratch_;
};

// Vigil as an embedder calls it: one scanner, one classify call per post; the
// verdict is borrowed from the scanner until its next call.
class VigilClassifier {
 public:
  explicit VigilClassifier(const vigil_engine* engine) {
    if (vigil_scanner_create(engine, &scanner_) != VIGIL_OK) Die("vigil_scanner_create failed");
  }
  ~VigilClassifier() { vigil_scanner_free(scanner_); }
  VigilClassifier(const VigilClassifier&) = delete;
  VigilClassifier& operator=(const VigilClassifier&) = delete;

  // 1 when some rule fired (enforced or dry run).
  size_t Run(const BenchPost& post) {
    const vigil_verdict* verdict = nullptr;
    if (vigil_scanner_classify(scanner_, &post.api, &verdict) != VIGIL_OK) {
      Die(std::string("vigil_scanner_classify: ") + vigil_scanner_last_error(scanner_));
    }
    return vigil_verdict_hit_count(verdict) + vigil_verdict_dry_run_count(verdict) > 0;
  }

 private:
  vigil_scanner* scanner_ = nullptr;
};

// What a matcher could not take: the patterns it leaves out of the row and of
// the comparison, with the first reason.
struct Exclusions {
  size_t count = 0;
  std::string first;

  void Add(const Pattern& p, const std::string& why) {
    if (count++ == 0) first = "/" + p.expression + "/: " + why;
  }
};

class Re2SetMatcher {
 public:
  // `items`: what the ids of `patterns` refer to.
  Re2SetMatcher(const std::vector<Re2Pattern>& patterns, const std::vector<Pattern>& items)
      : has_(items.size(), false) {
    for (bool latin1 : {false, true}) {
      Part part{std::make_unique<RE2::Set>(Re2Options(latin1, kSetMaxMem), RE2::UNANCHORED), {}};
      for (const Re2Pattern& p : patterns) {
        if (p.latin1 != latin1) continue;
        std::string why;
        if (part.set->Add(p.regex, &why) < 0) {
          excluded_.Add(items[p.id], why);
          continue;
        }
        part.ids.push_back(p.id);
      }
      if (part.ids.empty()) continue;
      if (!part.set->Compile()) {
        error_ = std::string("does not compile (") + (latin1 ? "Latin-1" : "UTF-8") + " set of " +
                 std::to_string(part.ids.size()) + " patterns, max_mem " +
                 std::to_string(kSetMaxMem >> 20) + " MiB)";
        return;
      }
      for (uint32_t id : part.ids) has_[id] = true;
      parts_.push_back(std::move(part));
    }
  }

  // Why the sets did not compile or a match failed; empty when all is well.
  const std::string& error() const { return error_; }
  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  // Patterns matching, summed over fields.
  size_t Run(const BenchPost& post) {
    size_t found = 0;
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const Part& part : parts_) {
        Match(part, post.fields[f]);
        found += matches_.size();
      }
    }
    return found;
  }

  void Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const Part& part : parts_) {
        Match(part, post.fields[f]);
        for (int i : matches_) ids->push_back(part.ids[i]);
      }
    }
  }

 private:
  struct Part {
    std::unique_ptr<RE2::Set> set;
    std::vector<uint32_t> ids;  // set index → pattern id
  };

  // A failed match (the DFA out of memory) would miss patterns silently: it
  // makes the row fail instead.
  void Match(const Part& part, std::string_view text) {
    RE2::Set::ErrorInfo info;
    if (!part.set->Match(re2::StringPiece(text.data(), text.size()), &matches_, &info) &&
        info.kind != RE2::Set::kNoError && error_.empty()) {
      error_ =
          info.kind == RE2::Set::kOutOfMemory
              ? "Match ran out of memory (max_mem " + std::to_string(kSetMaxMem >> 20) + " MiB)"
              : "Match failed (RE2::Set::ErrorKind " + std::to_string(info.kind) + ")";
    }
  }

  std::vector<Part> parts_;
  std::vector<bool> has_;
  std::vector<int> matches_;
  Exclusions excluded_;
  std::string error_;
};

class Re2LoopMatcher {
 public:
  // `items`: what the ids of `patterns` refer to (patterns, or rules).
  Re2LoopMatcher(const std::vector<Re2Pattern>& patterns, const std::vector<Pattern>& items)
      : has_(items.size(), false) {
    for (const Re2Pattern& p : patterns) {
      auto re = std::make_unique<RE2>(p.regex, Re2Options(p.latin1, RE2::Options().max_mem()));
      if (!re->ok()) {
        excluded_.Add(items[p.id], re->error());
        continue;
      }
      has_[p.id] = true;
      regexes_.push_back({p.id, std::move(re)});
    }
  }

  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  size_t Run(const BenchPost& post) {
    size_t found = 0;
    for (size_t f = 0; f < post.field_count; ++f) {
      const re2::StringPiece text(post.fields[f].data(), post.fields[f].size());
      for (const auto& [id, re] : regexes_) found += RE2::PartialMatch(text, *re);
    }
    return found;
  }

  void Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
    for (size_t f = 0; f < post.field_count; ++f) {
      const re2::StringPiece text(post.fields[f].data(), post.fields[f].size());
      for (const auto& [id, re] : regexes_) {
        if (RE2::PartialMatch(text, *re)) ids->push_back(id);
      }
    }
  }

 private:
  std::vector<std::pair<uint32_t, std::unique_ptr<RE2>>> regexes_;
  std::vector<bool> has_;
  Exclusions excluded_;
};

class StdRegexMatcher {
 public:
  explicit StdRegexMatcher(const std::vector<Pattern>& patterns) : has_(patterns.size(), false) {
    for (uint32_t id = 0; id < patterns.size(); ++id) {
      const Pattern& p = patterns[id];
      if (p.flags & ~kTranslatedFlags) {
        excluded_.Add(p, "Hyperscan flags without a translation");
        continue;
      }
      EcmaTranslator translator(p.expression, p.flags);
      std::string ecma;
      if (!translator.Translate(&ecma)) {
        excluded_.Add(p, translator.why());
        continue;
      }
      auto options = std::regex::ECMAScript | std::regex::nosubs;
      if (p.flags & HS_FLAG_CASELESS) options |= std::regex::icase;
      try {
        regexes_.emplace_back(id, std::regex(ecma, options));
      } catch (const std::regex_error& e) {
        excluded_.Add(p, std::string("std::regex refuses /") + ecma + "/: " + e.what());
        continue;
      }
      has_[id] = true;
    }
  }

  const Exclusions& excluded() const { return excluded_; }
  bool has(uint32_t id) const { return has_[id]; }

  // Why a search failed (std::regex may throw error_complexity or
  // error_stack); empty when all is well.
  const std::string& error() const { return error_; }

  size_t Run(const BenchPost& post) {
    size_t found = 0;
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const auto& [id, re] : regexes_) found += Search(post.fields[f], re);
    }
    return found;
  }

  void Collect(const BenchPost& post, std::vector<uint32_t>* ids) {
    for (size_t f = 0; f < post.field_count; ++f) {
      for (const auto& [id, re] : regexes_) {
        if (Search(post.fields[f], re)) ids->push_back(id);
      }
    }
  }

 private:
  bool Search(std::string_view text, const std::regex& re) {
    try {
      return std::regex_search(text.begin(), text.end(), re);
    } catch (const std::regex_error& e) {
      if (error_.empty()) error_ = std::string("regex_search threw: ") + e.what();
      return false;
    }
  }

  std::vector<std::pair<uint32_t, std::regex>> regexes_;
  std::vector<bool> has_;
  Exclusions excluded_;
  std::string error_;
};

// -------------------------------------------------------------- agreement

// Which patterns match each post, from the first, until `limit` posts or
// `budget` seconds (wall clock) have gone by.
template <typename Matcher>
IdSets CollectSets(Matcher& matcher, const Corpus& c, size_t limit, double budget) {
  IdSets sets;
  std::vector<uint32_t> ids;
  const double start = WallSeconds();
  for (size_t i = 0; i < std::min(limit, c.bench.size()); ++i) {
    if (i % 64 == 0 && WallSeconds() - start > budget) break;
    ids.clear();
    matcher.Collect(c.bench[i], &ids);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    sets.push_back(ids);
  }
  return sets;
}

struct Disagreement {
  size_t post;
  uint32_t pattern;
  bool hyperscan_matches;
};

struct Agreement {
  std::string matcher;
  const char* unit;  // what the ids are: "patterns" or "rule regexes"
  size_t posts = 0;
  size_t patterns = 0;         // compared
  size_t disagreements = 0;    // (post, pattern) pairs
  size_t prefilter_extra = 0;  // prefilter patterns Hyperscan alone reports
  std::vector<Disagreement> examples;
};

// The matcher must report exactly Hyperscan's patterns in each post it
// covered, among the patterns it has. A prefilter pattern may be reported by
// Hyperscan alone (prefilter mode over-approximates), never the other way.
template <typename Matcher>
Agreement Compare(const std::string& name, const char* unit, const Matcher& matcher,
                  const IdSets& sets, const IdSets& hyperscan, const std::vector<Pattern>& items) {
  Agreement a;
  a.matcher = name;
  a.unit = unit;
  a.posts = sets.size();
  for (uint32_t id = 0; id < items.size(); ++id) a.patterns += matcher.has(id);
  for (size_t post = 0; post < sets.size(); ++post) {
    std::vector<uint32_t> only_hs, only_other;
    const std::vector<uint32_t>& hs = hyperscan[post];
    std::set_difference(hs.begin(), hs.end(), sets[post].begin(), sets[post].end(),
                        std::back_inserter(only_hs));
    std::set_difference(sets[post].begin(), sets[post].end(), hs.begin(), hs.end(),
                        std::back_inserter(only_other));
    auto disagree = [&](uint32_t id, bool hyperscan_matches) {
      if (a.disagreements++ < kMaxExamples) a.examples.push_back({post, id, hyperscan_matches});
    };
    for (uint32_t id : only_hs) {
      if (!matcher.has(id)) continue;
      if (IsPrefilter(items[id])) {
        ++a.prefilter_extra;
      } else {
        disagree(id, true);
      }
    }
    for (uint32_t id : only_other) disagree(id, false);
  }
  return a;
}

// At most `max` bytes of `text`, cut at a character boundary, newlines shown.
std::string Excerpt(std::string_view text, size_t max) {
  size_t end = std::min(max, text.size());
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  std::string out;
  for (char ch : text.substr(0, end)) out += ch == '\n' ? std::string("\\n") : std::string(1, ch);
  return out + (end < text.size() ? "…" : "");
}

void PrintAgreement(const Agreement& a, const Corpus& c, const std::vector<Pattern>& items) {
  std::printf("- %s: %zu posts × %zu %s compared with Hyperscan: %zu disagreements",
              a.matcher.c_str(), a.posts, a.patterns, a.unit, a.disagreements);
  if (a.prefilter_extra) {
    std::printf(" (%zu prefilter over-reports by Hyperscan, expected)", a.prefilter_extra);
  }
  std::printf("\n");
  for (const Disagreement& d : a.examples) {
    const Pattern& p = items[d.pattern];
    const Post& post = c.posts[d.post];
    std::printf(
        "  - post %s, %s %u (rule %s, %s view, /%s/): %s\n    title: \"%s\"\n"
        "    body: \"%s\"\n",
        post.id.c_str(), a.unit, d.pattern, p.rule.c_str(), ViewName(p.view),
        Excerpt(p.expression, 120).c_str(),
        d.hyperscan_matches ? "Hyperscan matches, this one does not"
                            : "this one matches, Hyperscan does not",
        Excerpt(post.title, kExampleBytes).c_str(), Excerpt(post.body, kExampleBytes).c_str());
  }
}

// ----------------------------------------------------------------- timing

struct RowTiming {
  size_t posts = 0;    // timed: the first `posts` of the corpus
  double seconds = 0;  // median over the repetitions
};

// A warm-up pass that also finds how many posts fit in kRepSeconds (at most
// `limit`), then kRepetitions timed passes over them, thread CPU time.
template <typename Fn>
RowTiming TimeRow(const Corpus& c, size_t limit, Fn&& run) {
  limit = std::min(limit, c.bench.size());
  size_t sink = 0;
  size_t n = 0;
  const double start = WallSeconds();
  while (n < limit && !(n % 64 == 0 && n > 0 && WallSeconds() - start > kRepSeconds)) {
    sink += run(c.bench[n++]);
  }
  std::array<double, kRepetitions> seconds;
  for (double& s : seconds) {
    const double t0 = ThreadCpuSeconds();
    for (size_t i = 0; i < n; ++i) sink += run(c.bench[i]);
    s = ThreadCpuSeconds() - t0;
  }
  g_sink += sink;
  std::sort(seconds.begin(), seconds.end());
  return {n, seconds[kRepetitions / 2]};
}

// One worker (holding its own scratch or scanner, built from `arg`) per
// thread; posts handed out in blocks from an atomic counter. Wall seconds.
template <typename Worker, typename Arg>
double ParallelSeconds(const Corpus& c, int threads, const Arg& arg) {
  std::atomic<size_t> next{0};
  std::latch ready(threads + 1);
  std::latch go(1);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      Worker worker(arg);
      ready.count_down();
      go.wait();
      size_t sink = 0;
      for (size_t begin; (begin = next.fetch_add(kThreadBlock)) < c.bench.size();) {
        const size_t end = std::min(begin + kThreadBlock, c.bench.size());
        for (size_t i = begin; i < end; ++i) sink += worker.Run(c.bench[i]);
      }
      g_sink += sink;
    });
  }
  ready.arrive_and_wait();
  const double start = WallSeconds();
  go.count_down();
  for (std::thread& t : pool) t.join();
  return WallSeconds() - start;
}

template <typename Worker, typename Arg>
double MedianParallelSeconds(const Corpus& c, int threads, const Arg& arg) {
  ParallelSeconds<Worker>(c, threads, arg);  // warm-up
  std::array<double, kRepetitions> seconds;
  for (double& s : seconds) s = ParallelSeconds<Worker>(c, threads, arg);
  std::sort(seconds.begin(), seconds.end());
  return seconds[kRepetitions / 2];
}

// ------------------------------------------------------------------ table

// Three significant digits or so: 11929, 274, 49.9, 2.15, 0.18, 0.0042.
std::string Fixed(double v) {
  const char* format = "%.2g";
  if (v >= 100) {
    format = "%.0f";
  } else if (v >= 10) {
    format = "%.1f";
  } else if (v >= 0.1) {
    format = "%.2f";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string Rate(double per_second) {
  char buf[32];
  if (per_second >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2fM", per_second / 1e6);
  } else if (per_second >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.1fk", per_second / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", per_second);
  }
  return buf;
}

struct Row {
  std::string name;
  RowTiming timing;
  std::string note;
  bool failed = false;
};

double MegabytesPerSecond(const Corpus& c, const RowTiming& t) {
  return static_cast<double>(c.prefix_bytes[t.posts]) / 1e6 / t.seconds;
}

void PrintTable(const std::vector<Row>& rows, const Corpus& c, double limit, double vigil) {
  std::printf("| engine | MB/s | posts/s | × limit | Vigil is N× this | notes |\n");
  std::printf("|---|---:|---:|---:|---:|---|\n");
  for (const Row& r : rows) {
    if (r.failed) {
      std::printf("| %s | — | — | — | — | %s |\n", r.name.c_str(), r.note.c_str());
      continue;
    }
    const double mbs = MegabytesPerSecond(c, r.timing);
    std::string note = r.note;
    if (r.timing.posts < c.bench.size()) {
      note += (note.empty() ? "" : "; ") + std::string("**extrapolated** from the first ") +
              std::to_string(r.timing.posts) + " posts";
    }
    std::printf("| %s | %s | %s | %s | %s | %s |\n", r.name.c_str(), Fixed(mbs).c_str(),
                Rate(static_cast<double>(r.timing.posts) / r.timing.seconds).c_str(),
                Fixed(mbs / limit).c_str(), Fixed(vigil / mbs).c_str(), note.c_str());
  }
}

// ------------------------------------------------------------------- main

std::unique_ptr<Engine> CompileEngine(const std::string& path) {
  Diagnostics diags;
  auto engine = Engine::Compile(path, SourceSet::FromDisk(), EngineOptions{}, &diags);
  if (!engine.ok()) {
    for (const Diagnostic& d : diags.all()) std::fprintf(stderr, "%s\n", d.Format().c_str());
    Die(path + ": " + std::string(engine.status().message()));
  }
  return std::move(*engine);
}

struct ApiEngineDeleter {
  void operator()(vigil_engine* e) const { vigil_engine_free(e); }
};

std::unique_ptr<vigil_engine, ApiEngineDeleter> CompileApiEngine(const std::string& path) {
  vigil_engine* engine = nullptr;
  vigil_diagnostics* diags = nullptr;
  const int status = vigil_engine_compile_file(path.c_str(), nullptr, &engine, &diags);
  if (status != VIGIL_OK) {
    for (size_t i = 0; i < vigil_diagnostics_count(diags); ++i)
      std::fprintf(stderr, "%s\n", vigil_diagnostics_format(diags, i));
  }
  vigil_diagnostics_free(diags);
  if (status != VIGIL_OK) Die(path + ": " + vigil_status_name(status));
  return std::unique_ptr<vigil_engine, ApiEngineDeleter>(engine);
}

void Progress(const char* what) {
  std::fprintf(stderr, "bench_baselines: %s\n", what);
  std::fflush(stderr);
}

std::string ExclusionNote(const Exclusions& e) {
  return e.count == 0 ? "" : std::to_string(e.count) + " left out (above)";
}

size_t MemchrPost(const BenchPost& post) {
  size_t found = 0;
  for (size_t f = 0; f < post.field_count; ++f) {
    found += std::memchr(post.fields[f].data(), '\x01', post.fields[f].size()) != nullptr;
  }
  return found;
}

void PrintSetup(const Corpus& corpus, const Flags& flags, const char* ruleset,
                const PatternTable& table, const Re2Translation& re2, const RuleGroups& rules) {
  const size_t posts = corpus.bench.size();
  std::printf("## Baselines: %s, mixed corpus (--posts=%zu --seed=%llu)\n\n", ruleset, posts,
              static_cast<unsigned long long>(flags.bench.seed));
  std::printf("- corpus: %zu posts, %.1f MB of title + body, median post %zu B\n", posts,
              static_cast<double>(corpus.prefix_bytes[posts]) / 1e6, corpus.median_bytes);
  size_t literals = 0, regexes = 0, detectors = 0, prefilters = 0;
  for (const Pattern& p : table.patterns) {
    literals += p.kind == PatternKind::kLiteral || p.kind == PatternKind::kException;
    regexes += p.kind == PatternKind::kRegex;
    detectors += p.kind == PatternKind::kDetector;
    prefilters += IsPrefilter(p);
  }
  std::printf(
      "- patterns: %zu in %zu Hyperscan databases (%zu literals, %zu regexes, %zu detector "
      "patterns); %zu compiled as prefilters (compared one way); %zu regex rules that Vigil "
      "runs with RE2 alone are in no row but Vigil's\n",
      table.patterns.size(), table.databases.size(), literals, regexes, detectors, prefilters,
      table.re2_only_rules);
  std::printf(
      "- RE2 syntax: %zu patterns with (?i), %zu UTF-8 caseless literals with ASCII letters as "
      "[aA] classes (Hyperscan folds ASCII only), %zu `$` as `(?:\\n?\\z)`, %zu byte-mode "
      "patterns in Latin-1 mode, %zu untranslated; one RE2 per rule: %zu alternations (per "
      "rule and encoding); RE2::Set max_mem %lld MiB per set, single RE2s RE2's default "
      "%lld MiB\n",
      re2.caseless, re2.case_classes, re2.dollars, re2.latin1, re2.untranslated, rules.items.size(),
      static_cast<long long>(kSetMaxMem >> 20),
      static_cast<long long>(RE2::Options().max_mem() >> 20));
}

// The limit and Vigil on 1 and more threads.
void PrintThreads(const Corpus& corpus, std::vector<int> counts, const PatternTable& table,
                  const vigil_engine* engine) {
  counts.push_back(1);  // the base of the scaling column
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  std::printf("\n### Threads\n\n| engine | threads | MB/s | posts/s | × 1 thread |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  const double megabytes = static_cast<double>(corpus.prefix_bytes.back()) / 1e6;
  const double posts = static_cast<double>(corpus.bench.size());
  for (const bool vigil : {false, true}) {
    double one_thread = 0;
    for (int threads : counts) {
      Progress(vigil ? "Vigil, threads" : "Hyperscan, threads");
      const double seconds = vigil
                                 ? MedianParallelSeconds<VigilClassifier>(corpus, threads, engine)
                                 : MedianParallelSeconds<HyperscanMatcher>(corpus, threads, &table);
      if (threads == 1) one_thread = seconds;
      std::printf("| %s | %d | %s | %s | %s |\n", vigil ? "Vigil" : "Hyperscan (limit)", threads,
                  Fixed(megabytes / seconds).c_str(), Rate(posts / seconds).c_str(),
                  Fixed(one_thread / seconds).c_str());
    }
  }
  std::printf(
      "\nWall clock, median of %d repetitions after a warm-up; one scratch or scanner per "
      "thread; posts handed out in blocks of %zu; %u hardware threads.\n",
      kRepetitions, kThreadBlock, std::thread::hardware_concurrency());
}

int Main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  Progress("generating the corpus");
  const Corpus corpus = BuildCorpus(flags.bench);
  const size_t posts = corpus.bench.size();

  Progress("compiling the ruleset");
  const std::unique_ptr<Engine> engine = CompileEngine(flags.bench.ruleset);
  const auto api_engine = CompileApiEngine(flags.bench.ruleset);
  const PatternTable table = ExtractPatterns(*engine);
  if (table.patterns.empty()) Die("the ruleset has no Hyperscan pattern: nothing to compare");
  const Re2Translation re2 = TranslateForRe2(table);
  const RuleGroups rules = GroupByRule(re2, table);

  Progress("compiling RE2::Set, RE2s, std::regex");
  HyperscanMatcher hyperscan(&table);
  Re2SetMatcher set(re2.patterns, table.patterns);
  Re2LoopMatcher loop(re2.patterns, table.patterns);
  Re2LoopMatcher rule_loop(rules.regexes, rules.items);
  StdRegexMatcher std_regex(table.patterns);

  PrintSetup(corpus, flags, vigil_engine_ruleset_name(api_engine.get()), table, re2, rules);
  for (const auto& [name, excluded] :
       {std::pair<const char*, const Exclusions*>{"RE2::Set", &set.excluded()},
        {"RE2, one per pattern", &loop.excluded()},
        {"RE2, one per rule", &rule_loop.excluded()},
        {"std::regex", &std_regex.excluded()}}) {
    if (excluded->count) {
      std::printf("- %s leaves out %zu (first: %s)\n", name, excluded->count,
                  Excerpt(excluded->first, 200).c_str());
    }
  }

  Progress("checking agreement");
  std::printf("\n### Agreement (before timing)\n\n");
  const IdSets hs_sets = CollectSets(hyperscan, corpus, posts, /*budget=*/1e9);
  const IdSets hs_rule_sets = rules.Map(hs_sets);
  size_t disagreements = 0;
  // A matcher with an error (RE2::Set out of memory, std::regex throwing) is
  // not compared, and its row reports the error instead of figures.
  auto compare = [&](const char* name, auto& matcher, size_t limit, const char* unit,
                     const IdSets& reference, const std::vector<Pattern>& items) {
    Progress(name);
    const IdSets sets = CollectSets(matcher, corpus, limit, kAgreementSeconds);
    if constexpr (requires { matcher.error(); }) {
      if (!matcher.error().empty()) {
        std::printf("- %s: not compared: %s\n", name, matcher.error().c_str());
        return;
      }
    }
    const Agreement a = Compare(name, unit, matcher, sets, reference, items);
    PrintAgreement(a, corpus, items);
    disagreements += a.disagreements;
  };
  compare("RE2::Set", set, posts, "patterns", hs_sets, table.patterns);
  compare("RE2, one per pattern", loop, posts, "patterns", hs_sets, table.patterns);
  compare("RE2, one per rule", rule_loop, posts, "rule regexes", hs_rule_sets, rules.items);
  compare("std::regex", std_regex, flags.std_regex_posts, "patterns", hs_sets, table.patterns);

  Progress("classifying with Vigil");
  size_t raw_posts = 0;
  for (const std::vector<uint32_t>& ids : hs_sets) raw_posts += !ids.empty();
  size_t vigil_posts = 0;
  {
    VigilClassifier vigil(api_engine.get());
    for (const BenchPost& p : corpus.bench) vigil_posts += vigil.Run(p);
  }
  std::printf(
      "- for information: Vigil gives %zu posts a hit (enforced or dry run); the raw patterns "
      "match %zu posts (Vigil normalizes, validates detectors, applies conditions, reads the "
      "author name and links)\n",
      vigil_posts, raw_posts);
  if (disagreements) {
    std::printf("\n**%zu disagreements: not timing.**\n", disagreements);
    return 1;
  }

  std::vector<Row> rows;
  auto time_row = [&](const char* name, auto& matcher, size_t limit, std::string note) {
    Progress(name);
    Row row{name, TimeRow(corpus, limit, [&](const BenchPost& p) { return matcher.Run(p); }),
            std::move(note)};
    if constexpr (requires { matcher.error(); }) {
      row.failed = !matcher.error().empty();
      if (row.failed) row.note = matcher.error();
    }
    rows.push_back(std::move(row));
  };
  Progress("memchr");
  rows.push_back({"memchr", TimeRow(corpus, posts, MemchrPost), "memory-bandwidth ceiling"});
  time_row("Hyperscan (limit)", hyperscan, posts,
           std::to_string(table.databases.size()) + " databases, raw text, no decisions");
  {
    VigilClassifier vigil(api_engine.get());
    time_row("**Vigil** end to end (C API)", vigil, posts, "normalization, validation, verdicts");
  }
  time_row("RE2::Set", set, posts, ExclusionNote(set.excluded()));
  time_row("RE2, one per pattern", loop, posts, ExclusionNote(loop.excluded()));
  time_row("RE2, one per rule", rule_loop, posts,
           std::to_string(rules.items.size()) + " alternations" +
               (rule_loop.excluded().count ? "; " + ExclusionNote(rule_loop.excluded()) : ""));
  time_row("std::regex, one per pattern", std_regex, flags.std_regex_posts,
           ExclusionNote(std_regex.excluded()));

  std::printf("\n### Single thread\n\n");
  PrintTable(rows, corpus, /*limit=*/MegabytesPerSecond(corpus, rows[1].timing),
             /*vigil=*/MegabytesPerSecond(corpus, rows[2].timing));
  std::printf(
      "\nThread CPU time (CLOCK_THREAD_CPUTIME_ID), median of %d repetitions after a warm-up "
      "pass; MB = 10^6 bytes of title + body. The limit and the baselines scan the title and "
      "body as posted; Vigil also reads the author name and links.\n",
      kRepetitions);
  if (!flags.threads.empty()) PrintThreads(corpus, flags.threads, table, api_engine.get());
  return 0;
}

}  // namespace
}  // namespace vigil::bench

int main(int argc, char** argv) { return vigil::bench::Main(argc, argv); }
