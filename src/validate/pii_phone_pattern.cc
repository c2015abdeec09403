#include "validate/pii_phone_pattern.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/strings.h"

namespace vigil {
namespace {

constexpr uint16_t kAnyDigit = 0x3ff;
// The visited set of one search: (instruction, offset) pairs, on the stack.
constexpr size_t kMaxStates = 1 << 16;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The parsed pattern. Quantifiers are kept on the node they apply to and
// unrolled when the program is emitted.
struct Node {
  enum class Kind { kDigits, kEnd, kGroup, kConcat, kAlternation };
  explicit Node(Kind kind, uint16_t digits = 0) : kind(kind), digits(digits) {}
  Kind kind;
  uint16_t digits;  // kDigits
  int group = -1;   // kGroup: the capture group, or -1 for (?:…)
  int min = 1, max = 1;
  std::vector<Node> children;
};

class Parser {
 public:
  explicit Parser(std::string_view pattern) : pattern_(pattern) {}

  absl::StatusOr<Node> Parse() {
    absl::StatusOr<Node> node = Alternation();
    if (node.ok() && pos_ != pattern_.size()) return Error("unbalanced ')'");
    return node;
  }
  int groups() const { return groups_; }

 private:
  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("phone pattern '", ToAbsl(pattern_), "' at ", pos_, ": ", ToAbsl(what)));
  }
  bool Next(char c) {
    if (pos_ < pattern_.size() && pattern_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::StatusOr<Node> Alternation() {
    Node alternation(Node::Kind::kAlternation);
    do {
      absl::StatusOr<Node> branch = Concat();
      if (!branch.ok()) return branch.status();
      alternation.children.push_back(*std::move(branch));
    } while (Next('|'));
    if (alternation.children.size() == 1) return std::move(alternation.children[0]);
    return alternation;
  }

  absl::StatusOr<Node> Concat() {
    Node concat(Node::Kind::kConcat);
    while (pos_ < pattern_.size() && pattern_[pos_] != '|' && pattern_[pos_] != ')') {
      absl::StatusOr<Node> atom = Atom();
      if (!atom.ok()) return atom.status();
      if (absl::Status s = Quantifier(&*atom); !s.ok()) return s;
      concat.children.push_back(*std::move(atom));
    }
    return concat;
  }

  absl::StatusOr<Node> Atom() {
    const char c = pattern_[pos_++];
    if (IsDigit(c)) return Node(Node::Kind::kDigits, uint16_t(1u << (c - '0')));
    if (c == '\\') {
      if (!Next('d')) return Error("escape other than \\d");
      return Node(Node::Kind::kDigits, kAnyDigit);
    }
    if (c == '$') return Node(Node::Kind::kEnd);
    if (c == '[') return Class();
    if (c == '(') {
      Node group(Node::Kind::kGroup);
      if (Next('?')) {
        if (!Next(':')) return Error("group flag other than ?:");
      } else {
        group.group = ++groups_;
      }
      absl::StatusOr<Node> inner = Alternation();
      if (!inner.ok()) return inner.status();
      if (!Next(')')) return Error("unclosed group");
      group.children.push_back(*std::move(inner));
      return group;
    }
    --pos_;
    return Error("unsupported syntax");
  }

  absl::StatusOr<Node> Class() {
    Node node(Node::Kind::kDigits);
    while (!Next(']')) {
      if (pos_ >= pattern_.size()) return Error("unclosed class");
      if (Next('\\')) {
        if (!Next('d')) return Error("escape other than \\d");
        node.digits = kAnyDigit;
        continue;
      }
      const char low = pattern_[pos_++];
      char high = low;
      if (Next('-')) high = pos_ < pattern_.size() ? pattern_[pos_++] : 0;
      if (!IsDigit(low) || !IsDigit(high) || high < low) return Error("class of non-digits");
      for (char d = low; d <= high; ++d) node.digits |= uint16_t(1u << (d - '0'));
    }
    return node;
  }

  absl::Status Quantifier(Node* atom) {
    if (Next('?')) {
      atom->min = 0;
      atom->max = 1;
    } else if (Next('{')) {
      auto number = [&](int* out) {
        const size_t begin = pos_;
        *out = 0;
        while (pos_ < pattern_.size() && IsDigit(pattern_[pos_]) && *out < 100) {
          *out = *out * 10 + (pattern_[pos_++] - '0');
        }
        return pos_ > begin;
      };
      if (!number(&atom->min)) return Error("bad repetition");
      atom->max = atom->min;
      if (Next(',') && !number(&atom->max)) return Error("unbounded repetition");
      if (!Next('}') || atom->max < atom->min) return Error("bad repetition");
    } else {
      return absl::OkStatus();
    }
    if (pos_ < pattern_.size() && (pattern_[pos_] == '?' || pattern_[pos_] == '+' ||
                                   pattern_[pos_] == '*' || pattern_[pos_] == '{')) {
      return Error("lazy, possessive or repeated quantifier");
    }
    return absl::OkStatus();
  }

  std::string_view pattern_;
  size_t pos_ = 0;
  int groups_ = 0;
};

}  // namespace

struct DigitPattern::Search {
  const DigitPattern& pattern;
  std::string_view text;
  size_t start;
  uint64_t* visited;
  Groups* groups;

  // Backtracking in priority order: the first match found is Perl's. A
  // state (instruction, offset) that failed once fails again (there are no
  // back-references), so each is explored at most once.
  bool Run(int pc, size_t pos) {
    for (;;) {
      const size_t state = size_t(pc) * (pattern.max_length_ + 1) + (pos - start);
      if (visited[state / 64] >> (state % 64) & 1) return false;
      visited[state / 64] |= uint64_t{1} << (state % 64);
      const Inst& inst = pattern.program_[pc];
      switch (inst.op) {
        case Op::kDigits:
          if (pos >= text.size() || !IsDigit(text[pos]) ||
              !(inst.digits >> (text[pos] - '0') & 1)) {
            return false;
          }
          ++pc;
          ++pos;
          break;
        case Op::kSplit:
          if (Run(pc + 1, pos)) return true;
          pc = inst.arg;
          break;
        case Op::kJump:
          pc = inst.arg;
          break;
        case Op::kSave: {
          int16_t* slot = inst.arg % 2 ? &groups->end[inst.arg / 2] : &groups->begin[inst.arg / 2];
          const int16_t saved = *slot;
          *slot = int16_t(pos);
          if (Run(pc + 1, pos)) return true;
          *slot = saved;
          return false;
        }
        case Op::kEnd:
          if (pos != text.size()) return false;
          ++pc;
          break;
        case Op::kMatch:
          groups->end[0] = int16_t(pos);
          return true;
      }
    }
  }
};

absl::StatusOr<DigitPattern> DigitPattern::Compile(std::string_view pattern) {
  Parser parser(pattern);
  absl::StatusOr<Node> root = parser.Parse();
  if (!root.ok()) return root.status();
  if (parser.groups() >= kMaxGroups) {
    return absl::InvalidArgumentError(
        absl::StrCat("phone pattern '", ToAbsl(pattern), "': too many groups"));
  }
  DigitPattern compiled;
  compiled.group_count_ = parser.groups();
  std::vector<Inst>& program = compiled.program_;
  auto emit_once = [&](auto& self, const Node& node) -> void {
    auto emit = [&](const Node& child) {
      for (int i = 0; i < child.min; ++i) self(self, child);
      // e{m,n} as e^m (e (e …)?)?: every optional copy is tried first
      // (greedy) and leads to the next; refusing one skips all the rest.
      std::vector<size_t> splits;
      for (int i = child.min; i < child.max; ++i) {
        splits.push_back(program.size());
        program.push_back({Op::kSplit});
        self(self, child);
      }
      for (size_t split : splits) program[split].arg = int32_t(program.size());
    };
    switch (node.kind) {
      case Node::Kind::kDigits:
        program.push_back({Op::kDigits, node.digits});
        break;
      case Node::Kind::kEnd:
        program.push_back({Op::kEnd});
        break;
      case Node::Kind::kConcat:
        for (const Node& child : node.children) emit(child);
        break;
      case Node::Kind::kGroup:
        if (node.group >= 0) program.push_back({Op::kSave, 0, 2 * node.group});
        emit(node.children[0]);
        if (node.group >= 0) program.push_back({Op::kSave, 0, 2 * node.group + 1});
        break;
      case Node::Kind::kAlternation: {
        std::vector<size_t> jumps;
        for (size_t i = 0; i < node.children.size(); ++i) {
          const bool last = i + 1 == node.children.size();
          const size_t split = program.size();
          if (!last) program.push_back({Op::kSplit});
          emit(node.children[i]);
          if (!last) {
            jumps.push_back(program.size());
            program.push_back({Op::kJump});
            program[split].arg = int32_t(program.size());
          }
        }
        for (size_t jump : jumps) program[jump].arg = int32_t(program.size());
        break;
      }
    }
  };
  Node whole(Node::Kind::kConcat);
  whole.children.push_back(*std::move(root));
  emit_once(emit_once, whole);
  program.push_back({Op::kMatch});

  // Every branch and jump goes forward, so the longest match is the longest
  // path to kMatch, counted from the end.
  std::vector<int> longest(program.size(), 0);
  for (size_t pc = program.size() - 1; pc-- > 0;) {
    const Inst& inst = program[pc];
    switch (inst.op) {
      case Op::kDigits:
        longest[pc] = 1 + longest[pc + 1];
        break;
      case Op::kSplit:
        longest[pc] = std::max(longest[pc + 1], longest[inst.arg]);
        break;
      case Op::kJump:
        longest[pc] = longest[inst.arg];
        break;
      default:
        longest[pc] = longest[pc + 1];
        break;
    }
  }
  compiled.max_length_ = longest[0];
  if (program.size() * (compiled.max_length_ + 1) > kMaxStates) {
    return absl::InvalidArgumentError(
        absl::StrCat("phone pattern '", ToAbsl(pattern), "': too large"));
  }
  return compiled;
}

bool DigitPattern::MatchAt(std::string_view text, size_t start, Groups* groups) const {
  uint64_t visited[kMaxStates / 64];
  std::memset(visited, 0, (program_.size() * (max_length_ + 1) + 63) / 64 * sizeof visited[0]);
  std::fill(std::begin(groups->begin), std::end(groups->begin), -1);
  std::fill(std::begin(groups->end), std::end(groups->end), -1);
  groups->begin[0] = int16_t(start);
  Search search{*this, text, start, visited, groups};
  return search.Run(0, start);
}

}  // namespace vigil
