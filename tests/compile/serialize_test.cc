// The compiled-engine file: round trip, and every kind of damage mapped to
// its own status without crashing.
#include "compile/serialize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "decide/decider.h"

namespace vigil {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Header offsets (see serialize.h).
constexpr size_t kFormatOffset = 8;
constexpr size_t kLibraryOffset = 12;
constexpr size_t kPlatformOffset = 16;
constexpr size_t kPlatformSize = 24;
constexpr size_t kPayloadSizeOffset = 40;
constexpr size_t kPayloadCrcOffset = 48;
constexpr size_t kHeaderCrcOffset = 52;

// Every kind of matcher, condition and action, so that the round trip covers
// the whole pattern table: literals in three scripts, a regex Hyperscan runs,
// one only RE2 runs (Unicode case) and one Hyperscan refuses, and detectors.
constexpr const char* kRules = R"yaml(ruleset: roundtrip
guidelines:
  respect: {title: Respect, url: "https://f.example/respect"}
  privacy: {title: Privacy, url: "https://f.example/privacy"}
  spam: {title: No spam, url: "https://f.example/spam"}
escalations:
  mods: {priority: normal, description: Moderators}
  legal: {priority: urgent}
lists:
  insults: {terms: [idiot, moron, дурак, 傻逼, "you are dumb"]}
rules:
  - id: respect.insults
    guideline: respect
    category: abuse
    words: {list: insults}
    fields: [title, body, author.name]
    action: censor
    escalate: mods
    tell_author: "Be kind ({guideline.title}: {guideline.url})"
  - id: privacy.email
    guideline: privacy
    category: private_info
    detect: email
    action: redact
    replacement: "[email]"
    escalate: [legal, mods]
  - id: privacy.phone
    guideline: privacy
    category: private_info
    detect: phone
    action: flag
  - id: spam.links
    guideline: spam
    category: spam
    detect: url
    fields: [links]
    min_count: 2
    when: {author.trust_level: {below: 1}}
    action: hold
  - id: spam.phrases
    guideline: spam
    category: spam
    phrases: ["/ref=", casino]
    action: tag
    mode: dry_run
  - id: spam.shout
    guideline: spam
    category: spam
    regex: '[A-Z]{8,}'
    case_sensitive: true
    action: flag
  - id: spam.cyrillic-promo
    guideline: spam
    category: spam
    regex: 'купи\s+сейчас'
    action: reject
  - id: spam.ungreedy
    guideline: spam
    category: spam
    regex: '(?U)free\s+spins'
    action: reject
    unless: {author.roles: {in: [staff]}}
)yaml";

std::unique_ptr<Engine> CompileRules(EngineOptions options = {}) {
  SourceSet sources = SourceSet::FromDisk();
  sources.Preload("mem/roundtrip.yaml", kRules);
  Diagnostics diags;
  auto engine = Engine::Compile("mem/roundtrip.yaml", std::move(sources), options, &diags);
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? std::move(*engine) : nullptr;
}

const std::string& SerializedRules() {
  static const std::string* bytes = [] {
    std::unique_ptr<Engine> engine = CompileRules();
    auto s = SerializeEngine(*engine);
    EXPECT_TRUE(s.ok()) << s.status();
    return new std::string(s.ok() ? *s : "");
  }();
  return *bytes;
}

uint32_t Crc(std::string_view bytes) {
  return static_cast<uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                     reinterpret_cast<const Bytef*>(bytes.data()),
                                     static_cast<uInt>(bytes.size())));
}

uint32_t GetU32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<uint8_t>(b[at + i])) << (8 * i);
  return v;
}
uint64_t GetU64(const std::string& b, size_t at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<uint8_t>(b[at + i])) << (8 * i);
  return v;
}
void PutU32(std::string* b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*b)[at + i] = static_cast<char>(v >> (8 * i));
}
void PutU64(std::string* b, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) (*b)[at + i] = static_cast<char>(v >> (8 * i));
}

// Makes the header checksum match the (patched) header again.
void FixHeaderCrc(std::string* b) {
  PutU32(b, kHeaderCrcOffset, Crc(std::string_view(*b).substr(0, kHeaderCrcOffset)));
}
// Makes both checksums and the payload size match a (patched) payload.
void FixPayload(std::string* b) {
  PutU64(b, kPayloadSizeOffset, b->size() - kEngineHeaderSize);
  PutU32(b, kPayloadCrcOffset, Crc(std::string_view(*b).substr(kEngineHeaderSize)));
  FixHeaderCrc(b);
}

// Where the parts of the payload are, found by reading it as the writer wrote it.
struct Layout {
  size_t path;  // the ruleset path's length field
  size_t file_count;
  size_t first_file;  // its name's length field
  struct View {
    size_t fallback_count;
    size_t fallbacks;  // the first Fallback (5 bytes each)
    size_t pattern_count;
    size_t first_pattern;  // its expression's length field
    size_t database;       // the database's length field
  };
  View views[kViewCount];
  size_t database;  // the length field of the first non-empty database
};

Layout Parse(const std::string& b) {
  Layout l;
  size_t at = kEngineHeaderSize + 5 * 8 + 1;  // the options: five u64 and a u8
  l.path = at;
  at += 8 + GetU64(b, at);
  l.file_count = at;
  const uint32_t files = GetU32(b, at);
  at += 4;
  l.first_file = at;
  for (uint32_t i = 0; i < 2 * files; ++i) at += 8 + GetU64(b, at);
  l.database = 0;
  for (Layout::View& v : l.views) {
    at += 1;  // whether a rule matches on the view
    v.fallback_count = at;
    const uint32_t fallbacks = GetU32(b, at);
    at += 4;
    v.fallbacks = at;
    at += 5 * fallbacks;
    v.pattern_count = at;
    const uint32_t patterns = GetU32(b, at);
    at += 4;
    v.first_pattern = at;
    // Each pattern: its expression, then flags, rule, kind, code points,
    // whole-word bits, runs offset and size (4+4+1+4+1+4+4 bytes).
    for (uint32_t i = 0; i < patterns; ++i) at += 8 + GetU64(b, at) + 22;
    at += 8 + GetU64(b, at);  // the minimum runs
    v.database = at;
    if (l.database == 0 && GetU64(b, at) > 0) l.database = at;
    at += 8 + GetU64(b, at);
  }
  at += 4 + 4 * GetU32(b, at);  // the rules left to RE2
  EXPECT_EQ(at, b.size());
  EXPECT_NE(l.database, 0u);
  return l;
}

// The view whose database is l.database.
const Layout::View& FirstView(const Layout& l) {
  for (const Layout::View& v : l.views) {
    if (v.database == l.database) return v;
  }
  return l.views[0];
}

absl::Status Load(std::string_view bytes, Diagnostics* diags = nullptr) {
  Diagnostics local;
  auto engine = DeserializeEngine(bytes, diags ? diags : &local);
  return engine.status();
}

struct SamplePost {
  std::string title, body, name;
  std::vector<std::string> links;
  bool has_links = false;
  int64_t trust = VIGIL_UNSET;
  std::vector<std::string> roles;
};

std::vector<SamplePost> Posts() {
  return {
      {"", "you are an IDIOT, дурак!", "", {}, false, VIGIL_UNSET, {}},
      {"MORON", "mail bob@example.com or call +1 415 555 0132", "", {}, false, 2, {}},
      {"", "see https://a.example/x and www.b.example.", "", {}, false, 0, {}},
      {"", "links", "", {"https://a.example", "https://b.example/ref=1"}, true, 0, {}},
      {"", "casino /ref=42 STOPSHOUTINGNOW", "傻逼", {}, false, VIGIL_UNSET, {}},
      {"", "КУПИ  СЕЙЧАС and free   spins", "", {}, false, VIGIL_UNSET, {}},
      {"", "free spins", "", {}, false, VIGIL_UNSET, {"staff"}},
      {"", "nothing to see", "", {}, false, VIGIL_UNSET, {}},
      {"", "", "", {}, false, VIGIL_UNSET, {}},
  };
}

std::vector<std::string> Verdicts(const Engine& engine) {
  auto classifier = Classifier::Create(engine);
  EXPECT_TRUE(classifier.ok());
  std::vector<std::string> out;
  for (const SamplePost& p : Posts()) {
    std::vector<vigil_str> links, roles;
    for (const std::string& l : p.links) links.push_back({l.data(), l.size()});
    for (const std::string& r : p.roles) roles.push_back({r.data(), r.size()});
    vigil_post post = VIGIL_POST_INIT;
    post.title = {p.title.data(), p.title.size()};
    post.body = {p.body.data(), p.body.size()};
    post.author_name = {p.name.data(), p.name.size()};
    if (p.has_links) {
      post.links = links.data();
      post.link_count = links.size();
    }
    post.author_trust_level = p.trust;
    post.author_roles = roles.data();
    post.author_role_count = roles.size();
    absl::Status s = (*classifier)->Classify(post);
    EXPECT_TRUE(s.ok()) << s;
    out.push_back((*classifier)->verdict().Json());
  }
  return out;
}

TEST(SerializeEngine, HeaderLayout) {
  const std::string& b = SerializedRules();
  ASSERT_GT(b.size(), kEngineHeaderSize);
  EXPECT_EQ(b.substr(0, 8), "VIGILENG");
  EXPECT_EQ(GetU32(b, kFormatOffset), kEngineFormatVersion);
  EXPECT_EQ(GetU32(b, kLibraryOffset), static_cast<uint32_t>(VIGIL_VERSION_NUMBER));
  EXPECT_EQ(b.substr(kPlatformOffset, kPlatformSize), EnginePlatformTag());
  EXPECT_EQ(GetU64(b, kPayloadSizeOffset), b.size() - kEngineHeaderSize);
  EXPECT_EQ(GetU32(b, kPayloadCrcOffset), Crc(std::string_view(b).substr(kEngineHeaderSize)));
  EXPECT_EQ(GetU32(b, kHeaderCrcOffset), Crc(std::string_view(b).substr(0, kHeaderCrcOffset)));
}

TEST(SerializeEngine, PlatformTagNamesTheArchitectureAndHyperscanVersion) {
  const std::string tag = EnginePlatformTag();
  EXPECT_EQ(tag.size(), kPlatformSize);
  const std::string shown(tag.c_str());
  EXPECT_THAT(shown, StartsWith(absl::StrCat(
#if defined(__x86_64__)
                         "x86_64",
#elif defined(__aarch64__)
                         "aarch64",
#else
                         "other",
#endif
                         "-", sizeof(void*) * 8, "-hs", HS_MAJOR, ".", HS_MINOR, ".", HS_PATCH)));
  EXPECT_EQ(tag.find_first_not_of('\0', shown.size()), std::string::npos);  // NUL padded
}

TEST(SerializeEngine, RoundTripGivesIdenticalVerdicts) {
  std::unique_ptr<Engine> original = CompileRules();
  ASSERT_NE(original, nullptr);
  Diagnostics diags;
  auto loaded = DeserializeEngine(SerializedRules(), &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const Engine& copy = **loaded;
  EXPECT_EQ(copy.path(), "mem/roundtrip.yaml");
  EXPECT_EQ(copy.ruleset().name, "roundtrip");
  EXPECT_EQ(copy.ruleset().rules.size(), original->ruleset().rules.size());
  EXPECT_EQ(copy.sources(), original->sources());
  // The pattern table (its layout is internal to compile/).
  std::vector<PatternInfo> copy_infos, original_infos;
  for (int v = 0; v < kViewCount; ++v) {
    const auto& c = copy.patterns().views[v].infos;
    const auto& o = original->patterns().views[v].infos;
    copy_infos.insert(copy_infos.end(), c.begin(), c.end());
    original_infos.insert(original_infos.end(), o.begin(), o.end());
  }
  ASSERT_EQ(copy_infos.size(), original_infos.size());
  for (size_t i = 0; i < copy_infos.size(); ++i) {
    const PatternInfo& a = copy_infos[i];
    const PatternInfo& b = original_infos[i];
    EXPECT_EQ(a.rule, b.rule);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.code_points, b.code_points);
    EXPECT_EQ(a.whole_word_left, b.whole_word_left);
    EXPECT_EQ(a.whole_word_right, b.whole_word_right);
  }
  // Rule 6 (Unicode case) and rule 7 (Hyperscan refused it) run on RE2 only.
  EXPECT_THAT(original->patterns().re2_only_rules, ElementsAre(6u, 7u));
  EXPECT_EQ(copy.patterns().re2_only_rules, original->patterns().re2_only_rules);
  ASSERT_EQ(copy.escalations().size(), 2u);
  EXPECT_STREQ(copy.escalations()[0].id, "legal");

  const std::vector<std::string> expected = Verdicts(*original);
  EXPECT_EQ(Verdicts(copy), expected);
  // The posts above exercise the rules: not every verdict is "allow".
  EXPECT_THAT(expected[0], HasSubstr("\"action\":\"censor\""));
  EXPECT_THAT(expected[3], HasSubstr("\"action\":\"hold\""));
  EXPECT_THAT(expected[5], HasSubstr("\"action\":\"reject\""));
  EXPECT_THAT(expected[6], HasSubstr("\"action\":\"allow\""));
}

TEST(SerializeEngine, ReserializingALoadedEngineGivesTheSameBytes) {
  Diagnostics diags;
  auto loaded = DeserializeEngine(SerializedRules(), &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  auto again = SerializeEngine(**loaded);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again == SerializedRules());
}

TEST(SerializeEngine, MaxPostBytesIsKept) {
  std::unique_ptr<Engine> engine = CompileRules(EngineOptions{4096});
  ASSERT_NE(engine, nullptr);
  auto bytes = SerializeEngine(*engine);
  ASSERT_TRUE(bytes.ok());
  Diagnostics diags;
  auto loaded = DeserializeEngine(*bytes, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->options().max_post_bytes, 4096u);
}

TEST(SerializeEngine, EngineWithoutAHyperscanDatabase) {
  SourceSet sources = SourceSet::FromDisk();
  sources.Preload("m.yaml",
                  "ruleset: re2-only\n"
                  "guidelines: {g: {title: G, url: U}}\n"
                  "rules:\n"
                  "  - {id: r, guideline: g, category: abuse, regex: 'дурак', action: flag}\n");
  Diagnostics diags;
  auto engine = Engine::Compile("m.yaml", std::move(sources), {}, &diags);
  ASSERT_TRUE(engine.ok()) << engine.status();
  ASSERT_EQ((*engine)->database(ViewKind::kFolded), nullptr);
  auto bytes = SerializeEngine(**engine);
  ASSERT_TRUE(bytes.ok());
  auto loaded = DeserializeEngine(*bytes, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->database(ViewKind::kFolded), nullptr);
  EXPECT_EQ(Verdicts(**loaded), Verdicts(**engine));
}

TEST(DeserializeEngine, EmptyInput) {
  absl::Status s = Load("");
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "not a Vigil compiled engine (too short, no magic)");
}

TEST(DeserializeEngine, ShortInputWithoutTheMagic) {
  EXPECT_EQ(Load("hello").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Load("VIGX").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Load(std::string(55, 'V')).code(), absl::StatusCode::kDataLoss);
}

TEST(DeserializeEngine, TruncatedAtAnyLengthIsOutOfRange) {
  const std::string& b = SerializedRules();
  std::vector<size_t> lengths = {
      1, 4, 7, 8, 9, 16, 40, 55, 56, 57, 64, 100, 1000, b.size() / 2, b.size() - 100, b.size() - 1};
  for (size_t n : lengths) {
    ASSERT_LT(n, b.size());
    absl::Status s = Load(std::string_view(b).substr(0, n));
    EXPECT_EQ(s.code(), absl::StatusCode::kOutOfRange) << n << ": " << s;
    if (n < kEngineHeaderSize) {
      EXPECT_EQ(std::string(s.message()), "the compiled file is truncated (incomplete header)")
          << n;
    } else {
      EXPECT_EQ(std::string(s.message()),
                absl::StrCat("the compiled file is truncated: ", n - kEngineHeaderSize, " of ",
                             b.size() - kEngineHeaderSize, " payload bytes present"))
          << n;
    }
  }
}

TEST(DeserializeEngine, EveryFlippedHeaderByteIsDataLoss) {
  const std::string& b = SerializedRules();
  for (size_t i = 0; i < kEngineHeaderSize; ++i) {
    std::string damaged = b;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    absl::Status s = Load(damaged);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << "byte " << i << ": " << s;
    EXPECT_EQ(std::string(s.message()),
              i < 8 ? "not a Vigil compiled engine (bad magic)"
                    : "the compiled file's header is damaged (checksum mismatch)")
        << "byte " << i;
  }
}

TEST(DeserializeEngine, FlippedPayloadBytesAreDataLoss) {
  const std::string& b = SerializedRules();
  std::vector<size_t> positions = {kEngineHeaderSize, kEngineHeaderSize + 1, b.size() / 2,
                                   b.size() - 1};
  for (size_t i = kEngineHeaderSize; i < b.size(); i += 97) positions.push_back(i);
  for (size_t i : positions) {
    std::string damaged = b;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    absl::Status s = Load(damaged);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << "byte " << i;
    EXPECT_EQ(std::string(s.message()), "the compiled file is damaged (payload checksum mismatch)")
        << "byte " << i;
  }
}

TEST(DeserializeEngine, TrailingBytesAreDataLoss) {
  std::string b = SerializedRules() + "extra";
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file has trailing bytes");
}

TEST(DeserializeEngine, OtherFormatVersionIsFailedPrecondition) {
  std::string b = SerializedRules();
  PutU32(&b, kFormatOffset, 1);
  // Without fixing the checksum, the patch is just damage.
  EXPECT_EQ(Load(b).code(), absl::StatusCode::kDataLoss);
  FixHeaderCrc(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(s.message()),
            "the compiled file is format 1 from library version 0.1.0; this is format 2, "
            "library 0.1.0: recompile the ruleset");
}

TEST(DeserializeEngine, OtherLibraryVersionIsFailedPrecondition) {
  std::string b = SerializedRules();
  PutU32(&b, kLibraryOffset, 10203);  // 1.2.3
  FixHeaderCrc(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(s.message()),
            "the compiled file is format 2 from library version 1.2.3; this is format 2, "
            "library 0.1.0: recompile the ruleset");
}

TEST(DeserializeEngine, OtherPlatformIsUnimplemented) {
  std::string b = SerializedRules();
  const std::string other =
      EnginePlatformTag().substr(0, 6) == "x86_64" ? "aarch64-64-hs5.4.0" : "x86_64-64-hs5.4.0";
  std::string tag = other;
  tag.resize(kPlatformSize, '\0');
  b.replace(kPlatformOffset, kPlatformSize, tag);
  FixHeaderCrc(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(std::string(s.message()),
            "the compiled file was built for platform '" + other + "', this is '" +
                std::string(EnginePlatformTag().c_str()) + "': recompile the ruleset");
}

TEST(DeserializeEngine, PlatformTagFillingAllItsBytesIsShownAsItIs) {
  // A tag of 24 characters has no NUL: the message must still show exactly
  // those 24, not run on into the payload size that follows.
  std::string b = SerializedRules();
  const std::string tag(kPlatformSize, 'Z');
  b.replace(kPlatformOffset, kPlatformSize, tag);
  FixHeaderCrc(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(std::string(s.message()),
            "the compiled file was built for platform '" + tag + "', this is '" +
                std::string(EnginePlatformTag().c_str()) + "': recompile the ruleset");
}

TEST(DeserializeEngine, PatternNamingNoRuleIsRefused) {
  // The pattern table is stored; the scanner indexes the ruleset's rules
  // with it, so a pattern must name one of them.
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  const Layout::View& view = FirstView(l);
  ASSERT_GT(GetU32(b, view.pattern_count), 0u);
  const size_t rule = view.first_pattern + 8 + GetU64(b, view.first_pattern) + 4;
  PutU32(&b, rule, 99999);
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file's pattern table is damaged");
}

TEST(DeserializeEngine, EmptyLiteralIsRefused) {
  // A literal's start is its code point count before the match's end; a
  // count of 0 would give empty spans with nothing to map back to.
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  size_t code_points = 0;
  for (const Layout::View& view : l.views) {
    if (GetU32(b, view.pattern_count) == 0) continue;
    const size_t kind = view.first_pattern + 8 + GetU64(b, view.first_pattern) + 8;
    if (b[kind] == static_cast<char>(PatternKind::kLiteral)) code_points = kind + 1;
  }
  ASSERT_NE(code_points, 0u) << "the sample ruleset has a view starting with a literal";
  PutU32(&b, code_points, 0);
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file's pattern table is damaged");
}

TEST(DeserializeEngine, PatternRunsPastTheTableAreRefused) {
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  const Layout::View& view = FirstView(l);
  const size_t runs_offset = view.first_pattern + 8 + GetU64(b, view.first_pattern) + 14;
  PutU32(&b, runs_offset, 0xFFFFFFF0u);
  PutU32(&b, runs_offset + 4, 0x20u);
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file's pattern table is damaged");
}

TEST(DeserializeEngine, PatternCountPastThePayloadIsRefused) {
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  PutU32(&b, FirstView(l).pattern_count, 0x7FFFFFFFu);
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file's pattern table is damaged");
}

TEST(DeserializeEngine, FallbackKindOutOfRange) {
  std::string b = SerializedRules();
  Layout l = Parse(b);
  const Layout::View* with_fallback = nullptr;
  for (const Layout::View& v : l.views) {
    if (GetU32(b, v.fallback_count) > 0) with_fallback = &v;
  }
  ASSERT_NE(with_fallback, nullptr) << "the sample ruleset has a Hyperscan fallback";
  b[with_fallback->fallbacks + 4] = 7;  // the first fallback's kind
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file's fallback table is damaged");
}

TEST(DeserializeEngine, CountsPastTheEndArePayloadMalformed) {
  const std::string& original = SerializedRules();
  const Layout l = Parse(original);
  for (size_t field : {l.file_count, l.views[0].fallback_count}) {
    std::string b = original;
    PutU32(&b, field, 0xFFFFFFFFu);
    FixPayload(&b);
    absl::Status s = Load(b);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << field;
    EXPECT_THAT(std::string(s.message()),
                ::testing::AnyOf("the compiled file's payload is malformed",
                                 "the compiled file's fallback table is damaged"))
        << field;
  }
  for (size_t field : {l.path, l.first_file, l.database}) {
    std::string b = original;
    PutU64(&b, field, 0xFFFFFFFFFFFFull);  // a length far past the end
    FixPayload(&b);
    absl::Status s = Load(b);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << field;
    EXPECT_EQ(std::string(s.message()), "the compiled file's payload is malformed") << field;
  }
}

TEST(DeserializeEngine, PatternsWithoutADatabase) {
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  const size_t size = GetU64(b, l.database);
  b.erase(l.database + 8, size);
  PutU64(&b, l.database, 0);  // an empty database
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(s.message()), "the compiled file has patterns but no database");
}

TEST(DeserializeEngine, DamagedHyperscanDatabase) {
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  // Hyperscan's database header starts with its magic number.
  b[l.database + 8] = static_cast<char>(b[l.database + 8] ^ 0xFF);
  FixPayload(&b);
  absl::Status s = Load(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(s.message()),
              StartsWith("the compiled file's Hyperscan database is damaged"));
}

TEST(DeserializeEngine, EmbeddedRulesetThatNoLongerCompiles) {
  std::string b = SerializedRules();
  const Layout l = Parse(b);
  // The only file is the ruleset; give its first rule an unknown action.
  const size_t content = l.first_file + 8 + GetU64(b, l.first_file);
  const size_t at = b.find("action: censor", content);
  ASSERT_NE(at, std::string::npos);
  b.replace(at, 14, "action: xensor");
  FixPayload(&b);
  Diagnostics diags;
  absl::Status s = Load(b, &diags);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_THAT(diags.all()[0].Format(),
              StartsWith("mem/roundtrip.yaml:17:13: error: unknown action 'xensor'"));
}

TEST(DeserializeEngine, RandomGarbageNeverCrashes) {
  std::mt19937 rng(20240611);
  for (int round = 0; round < 2000; ++round) {
    std::string junk(rng() % 300, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    if (round % 2)
      junk.replace(0, std::min<size_t>(8, junk.size()), "VIGILENG", 0,
                   std::min<size_t>(8, junk.size()));
    EXPECT_FALSE(Load(junk).ok());
  }
}

TEST(DeserializeEngine, ValidHeaderWithRandomPayloadNeverCrashes) {
  const std::string& original = SerializedRules();
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string b = original.substr(0, kEngineHeaderSize);
    std::string payload(rng() % 400, '\0');
    for (char& c : payload) c = static_cast<char>(rng());
    b += payload;
    FixPayload(&b);
    EXPECT_FALSE(Load(b).ok());
  }
}

TEST(DeserializeEngine, RandomDamageBehindValidChecksumsNeverCrashes) {
  // Damage the checksums cannot see (a forged or buggy writer) must still be
  // refused or loaded, never crash. The Hyperscan database is left alone: its
  // own integrity checks are Hyperscan's business.
  const std::string& original = SerializedRules();
  const Layout l = Parse(original);
  std::mt19937 rng(99);
  int refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string b = original;
    const int flips = 1 + rng() % 4;
    for (int k = 0; k < flips; ++k) {
      const size_t at = kEngineHeaderSize + rng() % (l.database + 8 - kEngineHeaderSize);
      b[at] = static_cast<char>(rng());
    }
    FixPayload(&b);
    Diagnostics diags;
    auto engine = DeserializeEngine(b, &diags);
    if (!engine.ok()) {
      ++refused;
      continue;
    }
    Verdicts(**engine);  // a loaded engine must also classify safely
  }
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace vigil
