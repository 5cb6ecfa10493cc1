//===- analysis/expression.h - uproot's expression language: parsing -----===//
//
// cabinetry hands a region's Variable and Filter and a sample's Weight to
// uproot, which evaluates them as Python expressions over numpy arrays:
// `jet_pt`, `(njet >= 4) & (lep_charge > 0)`, `0.7*weight`,
// `sqrt(px**2 + py**2)`, `abs(eta) < 2.5`. This is a Pratt parser for that
// subset of Python with Python's precedences (so `a > 1 & b > 2` means
// `a > (1 & b) > 2`, a chained comparison, exactly as in Python, and is
// reported as the error it is in numpy). The tree it builds is typed and
// evaluated by analysis/evaluate.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hf::analysis {

/// One node of an expression. `column` is 1-based in the expression text.
struct Expr {
  enum class Kind { Number, Bool, Name, Unary, Binary, Compare, Logical, Not, Call };
  Kind kind = Kind::Number;
  std::string op;   ///< operator ("+", "**", "<", "&", "and", "-" for unary...) or the name
  double number = 0;
  bool integer = false; ///< an int literal (Python int), not a float
  std::vector<std::unique_ptr<Expr>> args;
  size_t column = 1;
  bool parenthesized = false; ///< written in parentheses (tells (a<b)<c from a<b<c)
};

/// A parsed expression with its source text.
struct ParsedExpression {
  std::string text;
  std::unique_ptr<Expr> root;
  /// The branch names the expression reads, in order of first use.
  std::vector<std::string> names;
};

/// Thrown for a syntax error: the 1-based column and what was expected.
struct ExpressionSyntaxError {
  size_t column;
  std::string what;
};

/// Parses `text`; throws ExpressionSyntaxError (callers add the config
/// location; see analysis/evaluate.h).
ParsedExpression parseExpression(std::string_view text);

/// "\n  <text>\n  <spaces>^" under 1-based `column`, for error messages.
std::string expressionCaret(std::string_view text, size_t column);

/// Whether `text` is a number as Python's float() reads it ("2", "0.5",
/// " 1e-3 ", "inf"): cabinetry uses such a Weight as a constant.
bool parsePythonFloat(std::string_view text, double &value);

} // namespace hf::analysis
