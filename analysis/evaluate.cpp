//===- analysis/evaluate.cpp - Typing and evaluating expressions ---------===//
//
// One recursive walk types a node (check) and one evaluates it over whole
// columns (evaluate); both go through resultType(), the single statement of
// numpy's promotion rules used here:
//  1. Python scalars (literals) are "weak": against an array of the same or a
//     higher kind (bool < integer < float) they take the array's type
//     (`f32 * 0.7` is float32, `i64 * 2` is int64); a float scalar against an
//     integer array gives float64.
//  2. Two arrays: float64 wins; float32 with float32 stays float32; float32
//     with an integer gives float64; integer with bool gives integer.
//  3. `/` of integers is float64; comparisons are bool; `&`, `|`, `^`, `~` need
//     bool or integer operands.
// A float32 result is rounded to float after every operation (double holds
// the exact product/sum of two floats, so the rounding is numpy's).
//
//===----------------------------------------------------------------------===//
#include "analysis/evaluate.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace hf::analysis {

const char *dtypeName(DType type) {
  switch (type) {
  case DType::Bool: return "bool";
  case DType::Int: return "int64";
  case DType::Float32: return "float32";
  case DType::Float64: return "float64";
  }
  return "?";
}

namespace {

struct Type {
  DType dtype = DType::Float64;
  bool weak = false;
};

int kindRank(DType t) { return t == DType::Bool ? 0 : t == DType::Int ? 1 : 2; }

std::string typeName(Type t) {
  if (!t.weak)
    return dtypeName(t.dtype);
  return t.dtype == DType::Bool ? "a Python bool" : t.dtype == DType::Int ? "a Python int" : "a Python float";
}

/// numpy's result type of a binary arithmetic operation on a and b.
DType promote(Type a, Type b) {
  if (a.weak && b.weak)
    return kindRank(a.dtype) >= kindRank(b.dtype) ? a.dtype : b.dtype;
  if (a.weak || b.weak) {
    Type s = a.weak ? a : b, x = a.weak ? b : a;
    if (kindRank(s.dtype) <= kindRank(x.dtype))
      return x.dtype;
    return s.dtype == DType::Float64 ? DType::Float64 : DType::Int;
  }
  if (a.dtype == b.dtype)
    return a.dtype;
  if (kindRank(a.dtype) == 2 && kindRank(b.dtype) == 2)
    return DType::Float64;
  if (kindRank(a.dtype) == 2 || kindRank(b.dtype) == 2)
    return (a.dtype == DType::Float32 || b.dtype == DType::Float32) &&
                   (a.dtype == DType::Bool || b.dtype == DType::Bool)
               ? DType::Float32
               : DType::Float64;
  return DType::Int;
}

/// `v` as a value of type t (float32 rounding; bool as 0/1).
inline double cast(double v, DType t) {
  switch (t) {
  case DType::Float32: return static_cast<double>(static_cast<float>(v));
  case DType::Bool: return v != 0 ? 1.0 : 0.0;
  default: return v;
  }
}

bool isFloatFunction(const std::string &f) {
  static const char *const names[] = {"sqrt",   "exp",    "log",    "log10", "log2", "log1p", "expm1",
                                      "sin",    "cos",    "tan",    "arcsin", "arccos", "arctan", "sinh",
                                      "cosh",   "tanh",   "floor",  "ceil",  "trunc", "rint"};
  for (const char *n : names)
    if (f == n)
      return true;
  return false;
}

double applyFloat(const std::string &f, double x, bool f32) {
  if (f32) {
    float v = static_cast<float>(x);
    if (f == "sqrt") return std::sqrt(v);
    if (f == "exp") return std::exp(v);
    if (f == "log") return std::log(v);
    if (f == "log10") return std::log10(v);
    if (f == "log2") return std::log2(v);
    if (f == "log1p") return std::log1p(v);
    if (f == "expm1") return std::expm1(v);
    if (f == "sin") return std::sin(v);
    if (f == "cos") return std::cos(v);
    if (f == "tan") return std::tan(v);
    if (f == "arcsin") return std::asin(v);
    if (f == "arccos") return std::acos(v);
    if (f == "arctan") return std::atan(v);
    if (f == "sinh") return std::sinh(v);
    if (f == "cosh") return std::cosh(v);
    if (f == "tanh") return std::tanh(v);
    if (f == "floor") return std::floor(v);
    if (f == "ceil") return std::ceil(v);
    if (f == "trunc") return std::trunc(v);
    return std::rint(v);
  }
  if (f == "sqrt") return std::sqrt(x);
  if (f == "exp") return std::exp(x);
  if (f == "log") return std::log(x);
  if (f == "log10") return std::log10(x);
  if (f == "log2") return std::log2(x);
  if (f == "log1p") return std::log1p(x);
  if (f == "expm1") return std::expm1(x);
  if (f == "sin") return std::sin(x);
  if (f == "cos") return std::cos(x);
  if (f == "tan") return std::tan(x);
  if (f == "arcsin") return std::asin(x);
  if (f == "arccos") return std::acos(x);
  if (f == "arctan") return std::atan(x);
  if (f == "sinh") return std::sinh(x);
  if (f == "cosh") return std::cosh(x);
  if (f == "tanh") return std::tanh(x);
  if (f == "floor") return std::floor(x);
  if (f == "ceil") return std::ceil(x);
  if (f == "trunc") return std::trunc(x);
  return std::rint(x);
}

/// Python's floor division and modulo (numpy's floor_divide, remainder).
double floorDiv(double a, double b, bool integer) {
  if (integer) {
    if (b == 0)
      return 0; // numpy gives 0 (with a warning) for integer division by zero
    auto x = static_cast<int64_t>(a), y = static_cast<int64_t>(b);
    int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0)))
      --q;
    return static_cast<double>(q);
  }
  return std::floor(a / b);
}

double pyMod(double a, double b, bool integer) {
  if (integer) {
    if (b == 0)
      return 0;
    auto x = static_cast<int64_t>(a), y = static_cast<int64_t>(b);
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0)))
      r += y;
    return static_cast<double>(r);
  }
  double r = std::fmod(a, b);
  if (r != 0 && ((r < 0) != (b < 0)))
    r += b;
  return r;
}

double intPow(double a, double b) {
  auto base = static_cast<int64_t>(a);
  auto e = static_cast<int64_t>(b);
  int64_t r = 1;
  while (e > 0) {
    if (e & 1)
      r *= base;
    base *= base;
    e >>= 1;
  }
  return static_cast<double>(r);
}

class Walker {
public:
  Walker(const Expression &owner, const std::map<std::string, DType> *types,
         const std::map<std::string, const Values *> *columns, size_t entries)
      : owner_(owner), types_(types), columns_(columns), n_(entries) {}

  /// The type of `e` (check).
  Type type(const Expr &e) {
    Values v = walk(e, /*evaluate=*/false);
    return Type{v.type, v.weak};
  }

  Values value(const Expr &e) { return walk(e, true); }

private:
  Values scalar(DType t, double v) {
    Values out;
    out.type = t;
    out.weak = true;
    out.scalar = true;
    out.scalarValue = v;
    return out;
  }

  /// A result of type t from a per-entry function of the operands' entries.
  template <class F>
  Values map2(const Values &a, const Values &b, DType t, bool weak, bool evaluate, F f) {
    Values out;
    out.type = t;
    out.weak = weak;
    if (a.scalar && b.scalar) {
      out.scalar = true;
      out.scalarValue = evaluate ? cast(f(a.scalarValue, b.scalarValue), t) : 0;
      return out;
    }
    if (!evaluate)
      return out;
    out.data.resize(n_);
    for (size_t i = 0; i < n_; ++i)
      out.data[i] = cast(f(a.at(i), b.at(i)), t);
    return out;
  }

  template <class F> Values map1(const Values &a, DType t, bool evaluate, F f) {
    Values out;
    out.type = t;
    out.weak = a.weak;
    if (a.scalar) {
      out.scalar = true;
      out.scalarValue = evaluate ? cast(f(a.scalarValue), t) : 0;
      return out;
    }
    if (!evaluate)
      return out;
    out.data.resize(n_);
    for (size_t i = 0; i < n_; ++i)
      out.data[i] = cast(f(a.data[i]), t);
    return out;
  }

  /// Operands cast to t before the operation, as numpy casts its inputs.
  Values castTo(const Values &a, DType t, bool evaluate) {
    if (a.type == t || !evaluate) {
      Values out = a;
      out.type = t;
      return out;
    }
    return map1(a, t, true, [](double x) { return x; });
  }

  Values walk(const Expr &e, bool evaluate) {
    switch (e.kind) {
    case Expr::Kind::Number:
      return scalar(e.integer ? DType::Int : DType::Float64, e.number);
    case Expr::Kind::Bool:
      return scalar(DType::Bool, e.number);
    case Expr::Kind::Name: {
      if (types_) {
        auto it = types_->find(e.op);
        if (it == types_->end())
          owner_.fail(e.column, "unknown branch '" + e.op + "'" + unknownSuffix_);
        Values out;
        out.type = it->second;
        return out;
      }
      auto it = columns_->find(e.op);
      if (it == columns_->end())
        owner_.fail(e.column, "unknown branch '" + e.op + "'");
      return *it->second;
    }
    case Expr::Kind::Unary: {
      Values a = walk(*e.args[0], evaluate);
      if (e.op == "+") {
        if (a.type == DType::Bool)
          owner_.fail(e.column, "unary '+' of a boolean is not supported (as in numpy)");
        return a;
      }
      if (e.op == "-") {
        if (a.type == DType::Bool)
          owner_.fail(e.column, "unary '-' of a boolean is not supported (as in numpy); use '~' to negate");
        return map1(a, a.type, evaluate, [](double x) { return -x; });
      }
      // ~
      if (a.type == DType::Bool)
        return map1(a, DType::Bool, evaluate, [](double x) { return x != 0 ? 0.0 : 1.0; });
      if (a.type == DType::Int)
        return map1(a, DType::Int, evaluate, [](double x) { return -x - 1; });
      owner_.fail(e.column, fmt::format("'~' needs a boolean or integer operand, got {}", typeName({a.type, a.weak})));
    }
    case Expr::Kind::Not: {
      Values a = walk(*e.args[0], evaluate);
      return map1(a, DType::Bool, evaluate, [](double x) { return x != 0 ? 0.0 : 1.0; });
    }
    case Expr::Kind::Logical: {
      Values a = walk(*e.args[0], evaluate), b = walk(*e.args[1], evaluate);
      bool weak = a.weak && b.weak;
      if (e.op == "and")
        return map2(a, b, DType::Bool, weak, evaluate, [](double x, double y) { return (x != 0 && y != 0) ? 1.0 : 0.0; });
      return map2(a, b, DType::Bool, weak, evaluate, [](double x, double y) { return (x != 0 || y != 0) ? 1.0 : 0.0; });
    }
    case Expr::Kind::Compare: {
      if (e.args[0]->kind == Expr::Kind::Compare && !e.args[0]->parenthesized)
        owner_.fail(e.column,
                    "a chained comparison such as 'a < b < c' (or 'x > 1 & y > 2', which Python reads as "
                    "'x > (1 & y) > 2') is ambiguous on arrays; write '(x > 1) & (y > 2)'");
      Values a = walk(*e.args[0], evaluate), b = walk(*e.args[1], evaluate);
      DType t = promote({a.type, a.weak}, {b.type, b.weak});
      Values ca = castTo(a, t, evaluate), cb = castTo(b, t, evaluate);
      bool weak = a.weak && b.weak;
      const std::string &op = e.op;
      if (op == "<") return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x < y ? 1.0 : 0.0; });
      if (op == ">") return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x > y ? 1.0 : 0.0; });
      if (op == "<=") return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x <= y ? 1.0 : 0.0; });
      if (op == ">=") return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x >= y ? 1.0 : 0.0; });
      if (op == "==") return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x == y ? 1.0 : 0.0; });
      return map2(ca, cb, DType::Bool, weak, evaluate, [](double x, double y) { return x != y ? 1.0 : 0.0; });
    }
    case Expr::Kind::Binary:
      return binary(e, evaluate);
    case Expr::Kind::Call:
      return call(e, evaluate);
    }
    owner_.fail(e.column, "unsupported expression");
  }

  Values binary(const Expr &e, bool evaluate) {
    Values a = walk(*e.args[0], evaluate), b = walk(*e.args[1], evaluate);
    Type ta{a.type, a.weak}, tb{b.type, b.weak};
    bool weak = a.weak && b.weak;
    const std::string &op = e.op;
    if (op == "&" || op == "|" || op == "^" || op == "<<" || op == ">>") {
      for (const Type &t : {ta, tb})
        if (kindRank(t.dtype) == 2)
          owner_.fail(e.column, fmt::format("'{}' needs boolean or integer operands, got {} and {}{}", op,
                                            typeName(ta), typeName(tb),
                                            op == "&" || op == "|" ? " (put comparisons in parentheses: (a > 1) & (b < 2))" : ""));
      DType t = promote(ta, tb);
      if ((op == "<<" || op == ">>") && t == DType::Bool)
        t = DType::Int;
      auto ia = [](double x) { return static_cast<int64_t>(x); };
      if (op == "&") return map2(a, b, t, weak, evaluate, [&](double x, double y) { return static_cast<double>(ia(x) & ia(y)); });
      if (op == "|") return map2(a, b, t, weak, evaluate, [&](double x, double y) { return static_cast<double>(ia(x) | ia(y)); });
      if (op == "^") return map2(a, b, t, weak, evaluate, [&](double x, double y) { return static_cast<double>(ia(x) ^ ia(y)); });
      if (op == "<<") return map2(a, b, t, weak, evaluate, [&](double x, double y) { return static_cast<double>(ia(x) << ia(y)); });
      return map2(a, b, t, weak, evaluate, [&](double x, double y) { return static_cast<double>(ia(x) >> ia(y)); });
    }
    DType t = promote(ta, tb);
    if (t == DType::Bool && !weak && (op == "-" || op == "/" || op == "//" || op == "%" || op == "**"))
      owner_.fail(e.column, fmt::format("'{}' of two boolean arrays is not supported (as in numpy)", op));
    if (t == DType::Bool)
      t = DType::Int; // True + True is 2 for Python scalars
    if (op == "/" && kindRank(t) < 2)
      t = DType::Float64;
    Values ca = castTo(a, t, evaluate), cb = castTo(b, t, evaluate);
    bool integer = t == DType::Int;
    bool f32 = t == DType::Float32;
    if (op == "+") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return x + y; });
    if (op == "-") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return x - y; });
    if (op == "*") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return x * y; });
    if (op == "/") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return x / y; });
    if (op == "//") return map2(ca, cb, t, weak, evaluate, [integer](double x, double y) { return floorDiv(x, y, integer); });
    if (op == "%") return map2(ca, cb, t, weak, evaluate, [integer](double x, double y) { return pyMod(x, y, integer); });
    // **
    if (integer) {
      if (weak && cb.scalar && cb.scalarValue < 0) // Python: 2 ** -1 is 0.5
        return map2(ca, cb, DType::Float64, weak, evaluate, [](double x, double y) { return std::pow(x, y); });
      if (cb.scalar && cb.scalarValue < 0)
        owner_.fail(e.column, "integers to negative integer powers are not allowed (as in numpy)");
      return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return intPow(x, y); });
    }
    if (f32)
      return map2(ca, cb, t, weak, evaluate, [](double x, double y) {
        return static_cast<double>(std::pow(static_cast<float>(x), static_cast<float>(y)));
      });
    return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return std::pow(x, y); });
  }

  Values call(const Expr &e, bool evaluate) {
    std::string f = e.op;
    for (const char *prefix : {"np.", "numpy."})
      if (f.rfind(prefix, 0) == 0)
        f = f.substr(std::string(prefix).size());
    auto arity = [&](size_t n) {
      if (e.args.size() != n)
        owner_.fail(e.column, fmt::format("{}() takes {} argument{}, got {}", e.op, n, n == 1 ? "" : "s", e.args.size()));
    };
    if (isFloatFunction(f) || f == "abs" || f == "absolute" || f == "fabs" || f == "isnan" || f == "isinf" ||
        f == "isfinite") {
      arity(1);
      Values a = walk(*e.args[0], evaluate);
      if (f == "isnan") return map1(a, DType::Bool, evaluate, [](double x) { return std::isnan(x) ? 1.0 : 0.0; });
      if (f == "isinf") return map1(a, DType::Bool, evaluate, [](double x) { return std::isinf(x) ? 1.0 : 0.0; });
      if (f == "isfinite") return map1(a, DType::Bool, evaluate, [](double x) { return std::isfinite(x) ? 1.0 : 0.0; });
      if (f == "abs" || f == "absolute" || (f == "fabs" && kindRank(a.type) == 2)) {
        DType t = f == "fabs" ? a.type : a.type;
        return map1(a, t, evaluate, [](double x) { return std::fabs(x); });
      }
      DType t = a.type == DType::Float32 ? DType::Float32 : DType::Float64;
      if (f == "fabs") return map1(a, t, evaluate, [](double x) { return std::fabs(x); });
      bool f32 = t == DType::Float32;
      return map1(a, t, evaluate, [&](double x) { return applyFloat(f, x, f32); });
    }
    if (f == "arctan2" || f == "hypot" || f == "minimum" || f == "maximum" || f == "fmod" || f == "power") {
      arity(2);
      Values a = walk(*e.args[0], evaluate), b = walk(*e.args[1], evaluate);
      DType t = promote({a.type, a.weak}, {b.type, b.weak});
      bool weak = a.weak && b.weak;
      if ((f == "arctan2" || f == "hypot") && kindRank(t) < 2)
        t = DType::Float64;
      Values ca = castTo(a, t, evaluate), cb = castTo(b, t, evaluate);
      bool f32 = t == DType::Float32;
      if (f == "arctan2") return map2(ca, cb, t, weak, evaluate, [f32](double x, double y) { return f32 ? std::atan2(float(x), float(y)) : std::atan2(x, y); });
      if (f == "hypot") return map2(ca, cb, t, weak, evaluate, [f32](double x, double y) { return f32 ? std::hypot(float(x), float(y)) : std::hypot(x, y); });
      if (f == "minimum") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return (std::isnan(x) || x < y) ? x : (std::isnan(y) ? y : std::min(x, y)); });
      if (f == "maximum") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return (std::isnan(x) || x > y) ? x : (std::isnan(y) ? y : std::max(x, y)); });
      if (f == "fmod") return map2(ca, cb, t, weak, evaluate, [](double x, double y) { return std::fmod(x, y); });
      return map2(ca, cb, t, weak, evaluate, [f32](double x, double y) { return f32 ? std::pow(float(x), float(y)) : std::pow(x, y); });
    }
    if (f == "where") {
      arity(3);
      Values c = walk(*e.args[0], evaluate), a = walk(*e.args[1], evaluate), b = walk(*e.args[2], evaluate);
      DType t = promote({a.type, a.weak}, {b.type, b.weak});
      Values ca = castTo(a, t, evaluate), cb = castTo(b, t, evaluate);
      Values out;
      out.type = t;
      out.weak = false;
      if (!evaluate)
        return out;
      out.data.resize(n_);
      for (size_t i = 0; i < n_; ++i)
        out.data[i] = c.at(i) != 0 ? ca.at(i) : cb.at(i);
      return out;
    }
    owner_.fail(e.column, fmt::format("unknown function '{}' (expected one of abs, sqrt, exp, log, log10, log2, "
                                      "sin, cos, tan, arcsin, arccos, arctan, arctan2, sinh, cosh, tanh, hypot, "
                                      "floor, ceil, trunc, rint, minimum, maximum, where, isnan, isinf, isfinite)",
                                      e.op));
  }

public:
  std::string unknownSuffix_;

private:
  const Expression &owner_;
  const std::map<std::string, DType> *types_;
  const std::map<std::string, const Values *> *columns_;
  size_t n_;
};

} // namespace

Expression::Expression(const Text &source) : source_(source) {
  try {
    parsed_ = parseExpression(source.value);
  } catch (const ExpressionSyntaxError &e) {
    fail(e.column, "syntax error: " + e.what);
  }
}

void Expression::fail(size_t column, const std::string &what) const {
  throw InputError(fmt::format("{}: error: {}: in expression \"{}\", column {}: {}{}", source_.loc.str(),
                               source_.loc.pointer, source_.value, column, what,
                               expressionCaret(source_.value, column)));
}

DType Expression::check(const std::map<std::string, DType> &branches, const std::string &treeDescription) const {
  Walker w(*this, &branches, nullptr, 0);
  std::string list;
  for (const auto &[name, type] : branches)
    list += (list.empty() ? "" : ", ") + name;
  w.unknownSuffix_ = fmt::format(" in {} (its branches: {})", treeDescription, list.empty() ? "none" : list);
  return w.type(*parsed_.root).dtype;
}

Values Expression::evaluate(const std::map<std::string, const Values *> &columns, size_t entries) const {
  Walker w(*this, nullptr, &columns, entries);
  return w.value(*parsed_.root);
}

} // namespace hf::analysis
