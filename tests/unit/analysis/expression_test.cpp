//===- tests/unit/analysis/expression_test.cpp - uproot's expressions ----===//
//
// The grammar's precedences (Python's) and numpy's types, checked against
// columns computed by hand.
//
//===----------------------------------------------------------------------===//
#include "analysis/evaluate.h"
#include "hf/error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace hf;
using namespace hf::analysis;

namespace {

struct Columns {
  Values x, y, n, f, b;
  std::map<std::string, const Values *> map;
  std::map<std::string, DType> types;
  Columns() {
    x.type = DType::Float64;
    x.data = {1.5, -2.0, 3.0, 0.25};
    y.type = DType::Float64;
    y.data = {2.0, 4.0, -1.0, 0.5};
    n.type = DType::Int;
    n.data = {3, 4, 5, -7};
    f.type = DType::Float32;
    f.data = {static_cast<float>(0.1), static_cast<float>(1.3), static_cast<float>(2.7), static_cast<float>(-0.4)};
    b.type = DType::Bool;
    b.data = {1, 0, 1, 0};
    map = {{"x", &x}, {"y", &y}, {"n", &n}, {"f", &f}, {"b", &b}};
    types = {{"x", x.type}, {"y", y.type}, {"n", n.type}, {"f", f.type}, {"b", b.type}};
  }
};

Text text(const std::string &s) {
  Text t;
  t.value = s;
  t.loc.file = "test.yml";
  t.loc.pointer = "Regions[0].Variable";
  t.loc.line = 3;
  t.loc.col = 15;
  return t;
}

/// The expression's values on the test columns, with its type.
std::vector<double> eval(const std::string &s, DType *type = nullptr) {
  static Columns c;
  Expression e(text(s));
  DType t = e.check(c.types, "tree 't'");
  Values v = e.evaluate(c.map, 4);
  EXPECT_EQ(v.type, t) << s;
  if (type)
    *type = v.type;
  std::vector<double> out;
  for (size_t i = 0; i < 4; ++i)
    out.push_back(v.at(i));
  return out;
}

std::string errorOf(const std::string &s) {
  try {
    eval(s);
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

using V = std::vector<double>;

} // namespace

TEST(Expression, ArithmeticPrecedence) {
  EXPECT_EQ(eval("x + y * 2"), (V{5.5, 6.0, 1.0, 1.25}));
  EXPECT_EQ(eval("(x + y) * 2"), (V{7.0, 4.0, 4.0, 1.5}));
  EXPECT_EQ(eval("x - y - 1"), (V{-1.5, -7.0, 3.0, -1.25})); // left associative
  EXPECT_EQ(eval("2 ** 3 ** 2 + 0 * x"), (V{512, 512, 512, 512}));  // right associative
  EXPECT_EQ(eval("-x ** 2"), (V{-2.25, -4.0, -9.0, -0.0625}));      // -(x**2)
  EXPECT_EQ(eval("y ** -1"), (V{0.5, 0.25, -1.0, 2.0}));
  EXPECT_EQ(eval("n // 2"), (V{1, 2, 2, -4}));  // floor division
  EXPECT_EQ(eval("n % 3"), (V{0, 1, 2, 2}));    // Python's modulo
  EXPECT_EQ(eval("n / 2"), (V{1.5, 2.0, 2.5, -3.5}));
  EXPECT_EQ(eval("sqrt(x**2 + y**2)"),
            (V{2.5, std::sqrt(20.0), std::sqrt(10.0), std::sqrt(0.3125)}));
  EXPECT_EQ(eval("abs(x) * -1"), (V{-1.5, -2.0, -3.0, -0.25}));
}

TEST(Expression, ComparisonsAndBitwise) {
  DType t;
  EXPECT_EQ(eval("x > 1", &t), (V{1, 0, 1, 0}));
  EXPECT_EQ(t, DType::Bool);
  EXPECT_EQ(eval("(x > 1) & (y > 0)"), (V{1, 0, 0, 0}));
  EXPECT_EQ(eval("(x > 1) | (y > 0)"), (V{1, 1, 1, 1}));
  EXPECT_EQ(eval("~(x > 1)"), (V{0, 1, 0, 1}));
  EXPECT_EQ(eval("~b | (n == 5)"), (V{0, 1, 1, 1}));
  // & binds tighter than |: b | b & false is b | (b & false).
  EXPECT_EQ(eval("b | b & (x > 100)"), (V{1, 0, 1, 0}));
  // ~ binds tighter than &: (~b) & (n > 0).
  EXPECT_EQ(eval("~b & (n > 0)"), (V{0, 1, 0, 0}));
  EXPECT_EQ(eval("abs(x) < 2.5"), (V{1, 1, 0, 1}));
  EXPECT_EQ(eval("(x > 0) and not (n < 4)"), (V{0, 0, 1, 0}));
  EXPECT_EQ(eval("n & 6"), (V{2, 4, 4, 0}));
}

TEST(Expression, NumpyTypes) {
  DType t;
  // float32 with a Python float stays float32: 0.7 is rounded to float first.
  std::vector<double> v = eval("f * 0.7", &t);
  EXPECT_EQ(t, DType::Float32);
  EXPECT_EQ(v[1], static_cast<double>(static_cast<float>(1.3f * 0.7f)));
  eval("f * x", &t);
  EXPECT_EQ(t, DType::Float64);
  eval("n * 2", &t);
  EXPECT_EQ(t, DType::Int);
  eval("n * 0.5", &t);
  EXPECT_EQ(t, DType::Float64);
  eval("f * n", &t);
  EXPECT_EQ(t, DType::Float64);
  v = eval("f ** 2 + f", &t);
  EXPECT_EQ(t, DType::Float32);
  float f1 = static_cast<float>(1.3);
  EXPECT_EQ(v[1], static_cast<double>(static_cast<float>(f1 * f1) + f1));
  // A constant is a scalar broadcast over the entries.
  EXPECT_EQ(eval("2.5"), (V{2.5, 2.5, 2.5, 2.5}));
  EXPECT_EQ(eval("0.7 * x"), (V{0.7 * 1.5, 0.7 * -2.0, 0.7 * 3.0, 0.7 * 0.25}));
  EXPECT_EQ(eval("where(x > 1, x, 0)"), (V{1.5, 0, 3.0, 0}));
}

TEST(Expression, Errors) {
  std::string e = errorOf("x > 1 & y > 2");
  EXPECT_NE(e.find("chained comparison"), std::string::npos) << e;
  e = errorOf("x + * y");
  EXPECT_NE(e.find("test.yml:3:15: error: Regions[0].Variable: in expression \"x + * y\", column 5: syntax error: "
                   "expected an operand"),
            std::string::npos)
      << e;
  e = errorOf("(x + y");
  EXPECT_NE(e.find("expected ')'"), std::string::npos) << e;
  e = errorOf("jet_pt * 2");
  EXPECT_NE(e.find("column 1: unknown branch 'jet_pt' in tree 't' (its branches: b, f, n, x, y)"), std::string::npos)
      << e;
  e = errorOf("x & y");
  EXPECT_NE(e.find("'&' needs boolean or integer operands, got float64 and float64"), std::string::npos) << e;
  e = errorOf("foo(x)");
  EXPECT_NE(e.find("unknown function 'foo'"), std::string::npos) << e;
  e = errorOf("-b");
  EXPECT_NE(e.find("unary '-' of a boolean"), std::string::npos) << e;
  e = errorOf("x $ 2");
  EXPECT_NE(e.find("column 3: syntax error: unexpected character '$'"), std::string::npos) << e;
  e = errorOf("");
  EXPECT_NE(e.find("the expression is empty"), std::string::npos) << e;
}

TEST(Expression, PythonFloatWeights) {
  double v = 0;
  EXPECT_TRUE(parsePythonFloat("2.0", v));
  EXPECT_EQ(v, 2.0);
  EXPECT_TRUE(parsePythonFloat(" 1e-3 ", v));
  EXPECT_EQ(v, 1e-3);
  EXPECT_TRUE(parsePythonFloat("5", v));
  EXPECT_FALSE(parsePythonFloat("weight", v));
  EXPECT_FALSE(parsePythonFloat("0.7*weight", v));
  EXPECT_FALSE(parsePythonFloat("", v));
}
