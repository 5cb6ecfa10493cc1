//===- analysis/evaluate.h - Typing and evaluating expressions column-wise ===//
//
// An expression of the config (a Variable, Filter or Weight) is parsed once,
// checked against a tree's branches (an unknown name is an error naming the
// expression, the column and the branches that exist) and then evaluated over
// a chunk of entries at a time, one operation over whole columns at a time.
//
// Values follow numpy's type rules as uproot evaluates the expression
// (spec/cabinetry.md §10): a float32 branch combined with a Python number
// stays float32 (each result rounded to float), an integer branch with a
// Python float becomes float64, comparisons give booleans and `&`, `|`, `~`
// are bitwise on booleans and integers. Arithmetic on float64 is done in
// plain double, one operation at a time, in numpy's order.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/config.h"
#include "analysis/expression.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hf::analysis {

/// numpy's dtypes as far as expressions need them.
enum class DType { Bool, Int, Float32, Float64 };

const char *dtypeName(DType type);

/// The value of an expression (or a branch) over the entries of a chunk.
/// `weak` marks a Python scalar (a literal or arithmetic on literals),
/// which numpy's value-based casting lets adopt an array's type.
struct Values {
  DType type = DType::Float64;
  bool weak = false;
  bool scalar = false;
  double scalarValue = 0;
  std::vector<double> data; ///< one per entry unless scalar
  double at(size_t i) const { return scalar ? scalarValue : data[i]; }
};

/// A parsed expression of the config, ready to check and evaluate.
class Expression {
public:
  /// Parses `source`; a syntax error is an InputError at the config value,
  /// with the expression, the column and a caret under it.
  explicit Expression(const Text &source);

  const std::string &text() const { return source_.value; }
  const Text &source() const { return source_; }
  /// The branch names it reads.
  const std::vector<std::string> &names() const { return parsed_.names; }

  /// Types the expression given the branches' types (a name missing from
  /// `branches` is an InputError naming `treeDescription` and listing
  /// `branches`), and returns the result's type.
  DType check(const std::map<std::string, DType> &branches, const std::string &treeDescription) const;

  /// Evaluates over `entries` entries; `columns` holds every name's values
  /// (typed as for check). The result is never weak-scalar-free: a constant
  /// expression comes back as a scalar.
  Values evaluate(const std::map<std::string, const Values *> &columns, size_t entries) const;

  /// InputError at this expression's config location.
  [[noreturn]] void fail(size_t column, const std::string &what) const;

private:
  Text source_;
  ParsedExpression parsed_;
};

} // namespace hf::analysis
