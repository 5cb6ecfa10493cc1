//===- analysis/expression.cpp - A Pratt parser for uproot's expressions --===//
//
// Python's grammar for the expressions cabinetry configs use, lowest
// precedence first: `or`, `and`, `not`, comparisons (chainable), `|`, `^`,
// `&`, `<<` `>>`, `+` `-`, `*` `/` `//` `%`, unary `-` `+` `~`, `**` (right
// associative, binding tighter than a unary operator on its left and looser
// than one on its right: `-x**2` is `-(x**2)`, `2**-1` is `2**(-1)`), then
// calls, names, numbers and parentheses.
//
//===----------------------------------------------------------------------===//
#include "analysis/expression.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace hf::analysis {

namespace {

enum class Tok { End, Number, Name, Op, LParen, RParen, Comma };

struct Token {
  Tok kind = Tok::End;
  std::string text;
  size_t column = 1;
  double number = 0;
  bool integer = false;
};

class Lexer {
public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
    Token t;
    t.column = pos_ + 1;
    if (pos_ >= text_.size())
      return t;
    char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))))
      return number(t);
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = pos_;
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' || text_[pos_] == '.'))
        ++pos_;
      t.kind = Tok::Name;
      t.text = std::string(text_.substr(start, pos_ - start));
      if (t.text == "and" || t.text == "or" || t.text == "not")
        t.kind = Tok::Op;
      return t;
    }
    if (c == '(' || c == ')' || c == ',') {
      ++pos_;
      t.kind = c == '(' ? Tok::LParen : c == ')' ? Tok::RParen : Tok::Comma;
      t.text = std::string(1, c);
      return t;
    }
    static const char *const ops[] = {"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+", "-", "*",
                                      "/",  "%",  "&",  "|",  "^",  "~",  "<",  ">"};
    for (const char *op : ops) {
      std::string_view o(op);
      if (text_.substr(pos_, o.size()) == o) {
        pos_ += o.size();
        t.kind = Tok::Op;
        t.text = std::string(o);
        return t;
      }
    }
    throw ExpressionSyntaxError{t.column, std::string("unexpected character '") + c + "'"};
  }

private:
  Token number(Token t) {
    size_t start = pos_;
    bool isFloat = false;
    auto digits = [&] {
      while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
        ++pos_;
    };
    digits();
    if (pos_ < text_.size() && text_[pos_] == '.') {
      isFloat = true;
      ++pos_;
      digits();
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t save = pos_;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-'))
        ++pos_;
      if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        isFloat = true;
        digits();
      } else {
        pos_ = save;
      }
    }
    std::string s;
    for (char ch : text_.substr(start, pos_ - start))
      if (ch != '_')
        s += ch;
    if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      throw ExpressionSyntaxError{pos_ + 1, "invalid number literal"};
    if (!isFloat && s.size() > 1 && s[0] == '0' && s.find_first_not_of('0') != std::string::npos)
      throw ExpressionSyntaxError{t.column, "leading zeros in a decimal integer are not allowed (as in Python)"};
    t.kind = Tok::Number;
    t.text = s;
    t.integer = !isFloat;
    t.number = std::strtod(s.c_str(), nullptr);
    return t;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

/// Binding powers, Python's order (higher binds tighter).
enum Power : int {
  kOr = 1,
  kAnd = 2,
  kNot = 3,
  kCompare = 4,
  kBitOr = 5,
  kBitXor = 6,
  kBitAnd = 7,
  kShift = 8,
  kSum = 9,
  kProduct = 10,
  kUnary = 11,
  kPower = 12,
};

int infixPower(const Token &t) {
  if (t.kind != Tok::Op)
    return 0;
  const std::string &o = t.text;
  if (o == "or") return kOr;
  if (o == "and") return kAnd;
  if (o == "<" || o == ">" || o == "<=" || o == ">=" || o == "==" || o == "!=") return kCompare;
  if (o == "|") return kBitOr;
  if (o == "^") return kBitXor;
  if (o == "&") return kBitAnd;
  if (o == "<<" || o == ">>") return kShift;
  if (o == "+" || o == "-") return kSum;
  if (o == "*" || o == "/" || o == "//" || o == "%") return kProduct;
  if (o == "**") return kPower;
  return 0;
}

class Parser {
public:
  explicit Parser(std::string_view text) : lexer_(text) { advance(); }

  ParsedExpression parse(std::string_view text) {
    ParsedExpression out;
    out.text = std::string(text);
    if (tok_.kind == Tok::End)
      throw ExpressionSyntaxError{1, "the expression is empty"};
    out.root = expression(0);
    if (tok_.kind != Tok::End)
      throw ExpressionSyntaxError{tok_.column, "expected an operator or the end of the expression, got '" +
                                                   tok_.text + "'"};
    out.names = std::move(names_);
    return out;
  }

private:
  void advance() { tok_ = lexer_.next(); }

  std::unique_ptr<Expr> node(Expr::Kind kind, std::string op, size_t column) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->op = std::move(op);
    e->column = column;
    return e;
  }

  std::unique_ptr<Expr> expression(int minPower) {
    std::unique_ptr<Expr> left = prefix();
    for (;;) {
      int power = infixPower(tok_);
      if (power == 0 || power <= minPower)
        break;
      Token op = tok_;
      advance();
      if (power == kCompare) {
        // Python chains comparisons: a < b < c is (a < b) and (b < c); the
        // evaluator sees an unparenthesized Compare as the left operand.
        auto cmp = node(Expr::Kind::Compare, op.text, op.column);
        cmp->args.push_back(std::move(left));
        cmp->args.push_back(expression(kCompare));
        left = std::move(cmp);
        continue;
      }
      Expr::Kind kind = (power == kOr || power == kAnd) ? Expr::Kind::Logical : Expr::Kind::Binary;
      auto bin = node(kind, op.text, op.column);
      bin->args.push_back(std::move(left));
      // `**` binds its right operand at unary power (2**-x), the others one above their own.
      bin->args.push_back(expression(power == kPower ? kUnary - 1 : power));
      left = std::move(bin);
    }
    return left;
  }

  std::unique_ptr<Expr> prefix() {
    Token t = tok_;
    switch (t.kind) {
    case Tok::Number: {
      advance();
      auto e = node(Expr::Kind::Number, t.text, t.column);
      e->number = t.number;
      e->integer = t.integer;
      return e;
    }
    case Tok::Name: {
      advance();
      if (t.text == "True" || t.text == "False") {
        auto e = node(Expr::Kind::Bool, t.text, t.column);
        e->number = t.text == "True";
        return e;
      }
      if (tok_.kind == Tok::LParen) {
        advance();
        auto call = node(Expr::Kind::Call, t.text, t.column);
        if (tok_.kind != Tok::RParen) {
          for (;;) {
            call->args.push_back(expression(0));
            if (tok_.kind == Tok::Comma) {
              advance();
              continue;
            }
            break;
          }
        }
        expect(Tok::RParen, "')' to close the call of " + t.text + "(");
        return call;
      }
      bool seen = false;
      for (const std::string &n : names_)
        seen = seen || n == t.text;
      if (!seen)
        names_.push_back(t.text);
      return node(Expr::Kind::Name, t.text, t.column);
    }
    case Tok::LParen: {
      advance();
      auto e = expression(0);
      expect(Tok::RParen, "')'");
      e->parenthesized = true;
      return e;
    }
    case Tok::Op:
      if (t.text == "-" || t.text == "+" || t.text == "~") {
        advance();
        auto e = node(Expr::Kind::Unary, t.text, t.column);
        // The operand binds everything tighter than unary, i.e. `**`.
        e->args.push_back(expression(kUnary));
        return e;
      }
      if (t.text == "not") {
        advance();
        auto e = node(Expr::Kind::Not, t.text, t.column);
        e->args.push_back(expression(kNot));
        return e;
      }
      break;
    default:
      break;
    }
    if (t.kind == Tok::End)
      throw ExpressionSyntaxError{t.column, "expected an operand at the end of the expression"};
    throw ExpressionSyntaxError{t.column, "expected an operand (a branch name, a number or '('), got '" + t.text +
                                              "'"};
  }

  void expect(Tok kind, const std::string &what) {
    if (tok_.kind != kind)
      throw ExpressionSyntaxError{tok_.column, "expected " + what + (tok_.kind == Tok::End
                                                                          ? std::string(" before the end")
                                                                          : ", got '" + tok_.text + "'")};
    advance();
  }

  Lexer lexer_;
  Token tok_;
  std::vector<std::string> names_;
};

} // namespace

ParsedExpression parseExpression(std::string_view text) { return Parser(text).parse(text); }

std::string expressionCaret(std::string_view text, size_t column) {
  std::string out = "\n    " + std::string(text) + "\n    ";
  out += std::string(column > 0 ? column - 1 : 0, ' ') + "^";
  return out;
}

bool parsePythonFloat(std::string_view text, double &value) {
  std::string s(text);
  size_t b = s.find_first_not_of(" \t\n\r\f\v"), e = s.find_last_not_of(" \t\n\r\f\v");
  if (b == std::string::npos)
    return false;
  s = s.substr(b, e - b + 1);
  std::string lower;
  for (char c : s)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string body = lower;
  if (!body.empty() && (body[0] == '+' || body[0] == '-'))
    body = body.substr(1);
  if (body == "inf" || body == "infinity" || body == "nan") {
    value = body == "nan" ? std::nan("") : (lower[0] == '-' ? -INFINITY : INFINITY);
    return true;
  }
  // Digits with single underscores between them, an optional fraction and exponent.
  bool digit = false;
  std::string clean;
  size_t i = 0;
  for (; i < body.size(); ++i) {
    char c = body[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' || c == '-') {
      digit = digit || std::isdigit(static_cast<unsigned char>(c));
      clean += c;
    } else if (c == '_' && i > 0 && i + 1 < body.size() && std::isdigit(static_cast<unsigned char>(body[i - 1])) &&
               std::isdigit(static_cast<unsigned char>(body[i + 1]))) {
      continue;
    } else {
      return false;
    }
  }
  if (!digit)
    return false;
  std::string full = (lower[0] == '-' ? "-" : "") + clean;
  char *end = nullptr;
  value = std::strtod(full.c_str(), &end);
  return end && *end == '\0' && clean.find("0x") == std::string::npos;
}

} // namespace hf::analysis
