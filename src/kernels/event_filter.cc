#include "kernels/event_filter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "kernels/group_column.h"
#include "scan/scan_spec.h"
#include "util/time.h"

namespace touchpoint::kernels {
namespace {

enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn };
enum class FieldKind { kDict, kText, kNumber, kTimestamp, kProperty, kDerived };

struct Field {
  std::string name;  // as written
  FieldKind kind = FieldKind::kProperty;
  scan::DictColumn dict = scan::kEvent;
  int text = 0;    // 0 session_id, 1 comment, 2 event_id
  int number = 0;  // 0 revenue, 1 score
  std::string property;  // or the derived column's name
  int property_index = -1;
};

bool ParseNumber(std::string_view s, double* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Field FieldFor(std::string_view name) {
  Field f;
  f.name = std::string(name);
  if (auto col = DictColumnNamed(name)) {
    f.kind = FieldKind::kDict;
    f.dict = *col;
    return f;
  }
  if (name == "session_id" || name == "comment" || name == "event_id") {
    f.kind = FieldKind::kText;
    f.text = name == "session_id" ? 0 : name == "comment" ? 1 : 2;
  } else if (name == "revenue" || name == "score") {
    f.kind = FieldKind::kNumber;
    f.number = name == "revenue" ? 0 : 1;
  } else if (name == "timestamp") {
    f.kind = FieldKind::kTimestamp;
  } else if (name.starts_with(kDerivedPrefix)) {
    f.kind = FieldKind::kDerived;
    f.property = std::string(name.substr(kDerivedPrefix.size()));
  } else {
    f.property = std::string(name);
  }
  return f;
}

}  // namespace

struct EventFilter::Node {
  enum class Kind { kAnd, kOr, kNot, kCompare } kind = Kind::kCompare;
  std::unique_ptr<Node> left, right;
  Field field;
  Op op = Op::kEq;
  std::vector<std::string> values;
  std::vector<double> numbers;       // parsed values (NaN when not numeric)
  std::vector<uint32_t> codes;       // dict fields: value codes (kNoCode when unknown)

  bool Compare(std::string_view v) const {
    if (v.empty()) return false;
    if (op == Op::kIn || op == Op::kNotIn) {
      bool in = std::find(values.begin(), values.end(), v) != values.end();
      return op == Op::kIn ? in : !in;
    }
    double x;
    if (op != Op::kEq && op != Op::kNe && !std::isnan(numbers[0]) && ParseNumber(v, &x)) return CompareNumber(x);
    int c = v.compare(values[0]);
    return Holds(c);
  }
  bool CompareNumber(double x) const {
    if (std::isnan(x)) return false;
    if (op == Op::kIn || op == Op::kNotIn) {
      bool in = std::find(numbers.begin(), numbers.end(), x) != numbers.end();
      return op == Op::kIn ? in : !in;
    }
    if (std::isnan(numbers[0])) return false;
    return Holds(x < numbers[0] ? -1 : x > numbers[0] ? 1 : 0);
  }
  bool Holds(int c) const {
    switch (op) {
      case Op::kEq: return c == 0;
      case Op::kNe: return c != 0;
      case Op::kLt: return c < 0;
      case Op::kLe: return c <= 0;
      case Op::kGt: return c > 0;
      case Op::kGe: return c >= 0;
      default: return false;
    }
  }
};

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<std::unique_ptr<EventFilter::Node>> Parse() {
    TP_ASSIGN_OR_RETURN(auto node, ParseOr());
    SkipSpace();
    if (pos_ < text_.size()) return Error("unexpected '" + std::string(text_.substr(pos_, 20)) + "'");
    return node;
  }

 private:
  using NodePtr = std::unique_ptr<EventFilter::Node>;

  Status Error(const std::string& what) const {
    return Status::InvalidArgument("--where: " + what + " at character " + std::to_string(pos_ + 1) + " of '" +
                                   std::string(text_) + "'");
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Keyword(std::string_view kw) {
    SkipSpace();
    if (text_.size() - pos_ < kw.size()) return false;
    if (Lower(text_.substr(pos_, kw.size())) != kw) return false;
    size_t end = pos_ + kw.size();
    if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) return false;
    pos_ = end;
    return true;
  }
  bool Symbol(std::string_view s) {
    SkipSpace();
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  Result<NodePtr> ParseOr() {
    TP_ASSIGN_OR_RETURN(NodePtr left, ParseAnd());
    while (Keyword("or")) {
      TP_ASSIGN_OR_RETURN(NodePtr right, ParseAnd());
      auto n = std::make_unique<EventFilter::Node>();
      n->kind = EventFilter::Node::Kind::kOr;
      n->left = std::move(left);
      n->right = std::move(right);
      left = std::move(n);
    }
    return left;
  }
  Result<NodePtr> ParseAnd() {
    TP_ASSIGN_OR_RETURN(NodePtr left, ParseUnary());
    while (Keyword("and")) {
      TP_ASSIGN_OR_RETURN(NodePtr right, ParseUnary());
      auto n = std::make_unique<EventFilter::Node>();
      n->kind = EventFilter::Node::Kind::kAnd;
      n->left = std::move(left);
      n->right = std::move(right);
      left = std::move(n);
    }
    return left;
  }
  Result<NodePtr> ParseUnary() {
    if (Keyword("not")) {
      TP_ASSIGN_OR_RETURN(NodePtr inner, ParseUnary());
      auto n = std::make_unique<EventFilter::Node>();
      n->kind = EventFilter::Node::Kind::kNot;
      n->left = std::move(inner);
      return n;
    }
    if (Symbol("(")) {
      TP_ASSIGN_OR_RETURN(NodePtr inner, ParseOr());
      if (!Symbol(")")) return Error("expected ')'");
      return inner;
    }
    return ParseComparison();
  }
  Result<std::string> ParseValue() {
    SkipSpace();
    if (pos_ >= text_.size()) return Error("expected a value");
    char q = text_[pos_];
    if (q == '\'' || q == '"') {
      std::string out;
      ++pos_;
      while (pos_ < text_.size()) {
        if (text_[pos_] == q) {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == q) {  // doubled quote
            out += q;
            pos_ += 2;
            continue;
          }
          ++pos_;
          return out;
        }
        out += text_[pos_++];
      }
      return Error("unterminated quote");
    }
    size_t start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != ',' &&
           text_[pos_] != ')' && text_[pos_] != '(') {
      ++pos_;
    }
    if (start == pos_) return Error("expected a value");
    return std::string(text_.substr(start, pos_ - start));
  }
  Result<NodePtr> ParseComparison() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                   text_[pos_] == '.' || text_[pos_] == '-' || text_[pos_] == '$' || text_[pos_] == ':')) {
      ++pos_;
    }
    if (start == pos_) return Error("expected a column or property name");
    const size_t name_end = pos_;
    auto n = std::make_unique<EventFilter::Node>();
    n->field = FieldFor(text_.substr(start, pos_ - start));
    bool negated_in = false;
    if (Keyword("not")) {
      if (!Keyword("in")) return Error("expected IN after NOT");
      negated_in = true;
      n->op = Op::kNotIn;
    } else if (Keyword("in")) {
      n->op = Op::kIn;
    } else if (Symbol("!=") || Symbol("<>")) {
      n->op = Op::kNe;
    } else if (Symbol("<=")) {
      n->op = Op::kLe;
    } else if (Symbol(">=")) {
      n->op = Op::kGe;
    } else if (Symbol("=")) {
      n->op = Op::kEq;
    } else if (Symbol("<")) {
      n->op = Op::kLt;
    } else if (Symbol(">")) {
      n->op = Op::kGt;
    } else {
      return Error("expected =, !=, <, <=, >, >=, IN or NOT IN");
    }
    const bool range = n->op == Op::kLt || n->op == Op::kLe || n->op == Op::kGt || n->op == Op::kGe;
    if (range && (n->field.kind == FieldKind::kDict || n->field.kind == FieldKind::kText)) {
      return Error("ranges apply to revenue, score, timestamp and properties, not to '" +
                   std::string(text_.substr(start, name_end - start)) + "'");
    }
    if (n->op == Op::kIn || negated_in) {
      if (!Symbol("(")) return Error("expected '(' after IN");
      do {
        TP_ASSIGN_OR_RETURN(std::string v, ParseValue());
        n->values.push_back(std::move(v));
      } while (Symbol(","));
      if (!Symbol(")")) return Error("expected ')' to close the IN list");
    } else {
      TP_ASSIGN_OR_RETURN(std::string v, ParseValue());
      n->values.push_back(std::move(v));
    }
    for (const std::string& v : n->values) {
      double x = std::nan("");
      if (n->field.kind == FieldKind::kTimestamp) {
        auto ts = ParseTimestamp(v, nullptr);
        if (!ts.ok()) return Error("timestamp value '" + v + "': " + ts.status().message());
        x = static_cast<double>(ts.value());
      } else if (!ParseNumber(v, &x)) {
        x = std::nan("");
      }
      if (n->field.kind == FieldKind::kNumber && std::isnan(x)) return Error("'" + v + "' is not a number");
      n->numbers.push_back(x);
    }
    return n;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

void Collect(const EventFilter::Node* n, uint32_t* columns, std::set<std::string>* props,
             std::set<std::string>* derived = nullptr) {
  if (n == nullptr) return;
  Collect(n->left.get(), columns, props, derived);
  Collect(n->right.get(), columns, props, derived);
  if (n->kind != EventFilter::Node::Kind::kCompare) return;
  switch (n->field.kind) {
    case FieldKind::kDict: *columns |= 1u << n->field.dict; break;
    case FieldKind::kText:
      *columns |= n->field.text == 0 ? scan::kColumnSessionId : n->field.text == 1 ? scan::kColumnComment
                                                                                  : scan::kColumnEventId;
      break;
    case FieldKind::kNumber: *columns |= n->field.number == 0 ? scan::kColumnRevenue : scan::kColumnScore; break;
    case FieldKind::kTimestamp: break;
    case FieldKind::kProperty: props->insert(n->field.property); break;
    case FieldKind::kDerived:
      if (derived != nullptr) derived->insert(n->field.property);
      break;
  }
}

void BindNode(EventFilter::Node* n, const scan::Catalog& catalog, const std::vector<std::string>& properties,
              const std::vector<std::string>& derived) {
  if (n == nullptr) return;
  BindNode(n->left.get(), catalog, properties, derived);
  BindNode(n->right.get(), catalog, properties, derived);
  if (n->kind != EventFilter::Node::Kind::kCompare) return;
  if (n->field.kind == FieldKind::kDict) {
    n->codes.clear();
    for (const std::string& v : n->values) n->codes.push_back(catalog.Find(n->field.dict, v));
  } else if (n->field.kind == FieldKind::kProperty) {
    auto it = std::find(properties.begin(), properties.end(), n->field.property);
    n->field.property_index = it == properties.end() ? -1 : static_cast<int>(it - properties.begin());
  } else if (n->field.kind == FieldKind::kDerived) {
    auto it = std::find(derived.begin(), derived.end(), n->field.property);
    n->field.property_index = it == derived.end() ? -1 : static_cast<int>(it - derived.begin());
  }
}

bool Eval(const EventFilter::Node* n, const scan::CustomerView& c, size_t r) {
  using Kind = EventFilter::Node::Kind;
  switch (n->kind) {
    case Kind::kAnd: return Eval(n->left.get(), c, r) && Eval(n->right.get(), c, r);
    case Kind::kOr: return Eval(n->left.get(), c, r) || Eval(n->right.get(), c, r);
    case Kind::kNot: return !Eval(n->left.get(), c, r);
    case Kind::kCompare: break;
  }
  const Field& f = n->field;
  switch (f.kind) {
    case FieldKind::kDict: {
      const uint32_t code = c.dict[f.dict][r];
      if (code == 0) return false;
      if (n->op == Op::kEq || n->op == Op::kNe || n->op == Op::kIn || n->op == Op::kNotIn) {
        bool in = std::find(n->codes.begin(), n->codes.end(), code) != n->codes.end();
        return (n->op == Op::kEq || n->op == Op::kIn) ? in : !in;
      }
      return false;  // ranges on dictionary columns are refused at parse time
    }
    case FieldKind::kText: {
      const std::string_view* col = f.text == 0 ? c.session_id : f.text == 1 ? c.comment : c.event_id;
      return n->Compare(col[r]);
    }
    case FieldKind::kNumber: return n->CompareNumber(f.number == 0 ? c.revenue[r] : c.score[r]);
    case FieldKind::kTimestamp: return n->CompareNumber(static_cast<double>(c.timestamp[r]));
    case FieldKind::kProperty:
      return f.property_index >= 0 && n->Compare(c.properties[f.property_index][r]);
    case FieldKind::kDerived:
      return f.property_index >= 0 && c.derived != nullptr && n->Compare(c.derived[f.property_index]);
  }
  return false;
}

}  // namespace

EventFilter::EventFilter() = default;
EventFilter::~EventFilter() = default;
EventFilter::EventFilter(EventFilter&&) noexcept = default;
EventFilter& EventFilter::operator=(EventFilter&&) noexcept = default;

Result<EventFilter> EventFilter::Parse(std::string_view text) {
  EventFilter f;
  bool blank = std::all_of(text.begin(), text.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
  if (blank) return f;
  Parser p(text);
  TP_ASSIGN_OR_RETURN(f.root_, p.Parse());
  return f;
}

uint32_t EventFilter::columns() const {
  uint32_t cols = 0;
  std::set<std::string> props;
  Collect(root_.get(), &cols, &props);
  return cols;
}

std::vector<std::string> EventFilter::properties() const {
  uint32_t cols = 0;
  std::set<std::string> props;
  Collect(root_.get(), &cols, &props);
  return {props.begin(), props.end()};
}

void EventFilter::Bind(const scan::Catalog& catalog, const std::vector<std::string>& properties,
                       const std::vector<std::string>& derived) {
  BindNode(root_.get(), catalog, properties, derived);
}

std::vector<std::string> EventFilter::derived() const {
  uint32_t cols = 0;
  std::set<std::string> props, derived_names;
  Collect(root_.get(), &cols, &props, &derived_names);
  return {derived_names.begin(), derived_names.end()};
}

namespace {

void CollectReferences(const EventFilter::Node* n, std::vector<EventFilter::Reference>* out) {
  if (n == nullptr) return;
  if (n->kind != EventFilter::Node::Kind::kCompare) {
    CollectReferences(n->left.get(), out);
    CollectReferences(n->right.get(), out);
    return;
  }
  out->push_back({n->field.name, n->values});
}

}  // namespace

std::vector<EventFilter::Reference> EventFilter::references() const {
  std::vector<Reference> out;
  CollectReferences(root_.get(), &out);
  return out;
}

bool EventFilter::Matches(const scan::CustomerView& c, size_t row) const {
  return root_ == nullptr || Eval(root_.get(), c, row);
}

}  // namespace touchpoint::kernels
