//===- tests/unit/python_json_test.cpp - Python's json.dumps spelling -----===//
//
// Expected strings are what CPython 3 prints for the same values; the
// digest of a workspace depends on every byte of them.
//
//===----------------------------------------------------------------------===//
#include "frontend/python_json.h"

#include "frontend/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace hf {
namespace {

TEST(PythonFloatRepr, PositionalRange) {
  EXPECT_EQ(pythonFloatRepr(0.1), "0.1");
  EXPECT_EQ(pythonFloatRepr(1.0), "1.0");
  EXPECT_EQ(pythonFloatRepr(100.0), "100.0");
  EXPECT_EQ(pythonFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(pythonFloatRepr(0.3599840922126626), "0.3599840922126626");
  EXPECT_EQ(pythonFloatRepr(123.456), "123.456");
  EXPECT_EQ(pythonFloatRepr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(pythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(pythonFloatRepr(9999999999999998.0), "9999999999999998.0");
  EXPECT_EQ(pythonFloatRepr(-2.5), "-2.5");
  EXPECT_EQ(pythonFloatRepr(0.0), "0.0");
  EXPECT_EQ(pythonFloatRepr(-0.0), "-0.0");
}

TEST(PythonFloatRepr, ExponentRange) {
  EXPECT_EQ(pythonFloatRepr(1e-05), "1e-05");
  EXPECT_EQ(pythonFloatRepr(1.5e-07), "1.5e-07");
  EXPECT_EQ(pythonFloatRepr(0.00012345e-1), "1.2345e-05");
  EXPECT_EQ(pythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(pythonFloatRepr(1.2345678901234568e+17), "1.2345678901234568e+17");
  EXPECT_EQ(pythonFloatRepr(-1e100), "-1e+100");
  EXPECT_EQ(pythonFloatRepr(5e-324), "5e-324");
  EXPECT_EQ(pythonFloatRepr(1.7976931348623157e+308), "1.7976931348623157e+308");
  EXPECT_EQ(pythonFloatRepr(2.2250738585072014e-308), "2.2250738585072014e-308");
}

TEST(PythonFloatRepr, NonFinite) {
  EXPECT_EQ(pythonFloatRepr(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(pythonFloatRepr(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(pythonFloatRepr(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(PythonFloatRepr, RoundTrips) {
  for (double v : {0.1, 1.0 / 3, 2.0 / 3e-7, 6.02214076e23, 7.889002323150635, 1e-4 - 1e-20})
    EXPECT_EQ(std::stod(pythonFloatRepr(v)), v) << pythonFloatRepr(v);
}

TEST(PythonJsonCompact, SortsKeysByCodePointAndKeepsUtf8) {
  Json doc = Json::parse(R"({"b":1,"a":"é","A":2})");
  EXPECT_EQ(pythonJsonCompact(doc), "{\"A\": 2, \"a\": \"é\", \"b\": 1}");
}

TEST(PythonJsonCompact, SortsNestedKeysAndKeepsArrayOrder) {
  Json doc = Json::parse(R"({"z":[3,{"y":1,"x":[]}],"é":{},"e":null,"~":true})");
  EXPECT_EQ(pythonJsonCompact(doc),
            "{\"e\": null, \"z\": [3, {\"x\": [], \"y\": 1}], \"~\": true, \"é\": {}}");
}

TEST(PythonJsonCompact, NumbersKeepTheirParsedType) {
  Json doc = Json::parse(R"([10, -3, 1.50, 1e2, 18446744073709551615, 1E-7, 0.0])");
  EXPECT_EQ(pythonJsonCompact(doc), "[10, -3, 1.5, 100.0, 18446744073709551615, 1e-07, 0.0]");
}

TEST(PythonJsonCompact, EscapesLikePython) {
  Json doc =
      std::string("q\" b\\ n\n r\r t\t b\b f\f \x01 \x1f / \x7f \xe2\x80\xa8 \xf0\x9f\x98\x80");
  EXPECT_EQ(pythonJsonCompact(doc), "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f \\u0001 \\u001f / "
                                    "\x7f \xe2\x80\xa8 \xf0\x9f\x98\x80\"");
}

TEST(PythonJsonPretty, IndentsAndEscapesNonAscii) {
  Json doc = Json::parse(R"({"b":[1,2.0,{"c":[]}],"a":{},"é😀":"x\u007f"})");
  EXPECT_EQ(pythonJsonPretty(doc), "{\n"
                                   "    \"a\": {},\n"
                                   "    \"b\": [\n"
                                   "        1,\n"
                                   "        2.0,\n"
                                   "        {\n"
                                   "            \"c\": []\n"
                                   "        }\n"
                                   "    ],\n"
                                   "    \"\\u00e9\\ud83d\\ude00\": \"x\\u007f\"\n"
                                   "}");
}

TEST(PythonJsonPretty, KeepsFileOrderWithoutSortKeys) {
  Json doc = Json::parse(R"({"b":1,"a":[]})");
  EXPECT_EQ(pythonJsonPretty(doc, /*sortKeys=*/false), "{\n    \"b\": 1,\n    \"a\": []\n}");
}

TEST(PythonJsonPretty, Scalars) {
  EXPECT_EQ(pythonJsonPretty(Json(nullptr)), "null");
  EXPECT_EQ(pythonJsonPretty(Json(false)), "false");
  EXPECT_EQ(pythonJsonPretty(Json::array()), "[]");
  EXPECT_EQ(pythonJsonPretty(Json(1e-5)), "1e-05");
}

/// `pyhf digest -j` printed this file; the same object must print the same.
TEST(PythonJsonPretty, ReproducesPyhfDigestOutput) {
  std::string path = HF_REFERENCE_DIR "/workspace_verbs/digest.sbottom_regionA.json";
  std::string text = readTextFile(path);
  if (!text.empty() && text.back() == '\n')
    text.pop_back();
  EXPECT_EQ(pythonJsonPretty(readJsonFile(path)), text);
}

/// pyhf's extract output is the ops printed with indent=4 and sorted keys.
TEST(PythonJsonPretty, ReproducesPyhfExtractOutput) {
  std::string path = HF_REFERENCE_DIR "/workspace_verbs/patchset_extract.sbottom_1300_205_60.json";
  std::string text = readTextFile(path);
  if (!text.empty() && text.back() == '\n')
    text.pop_back();
  EXPECT_EQ(pythonJsonPretty(readJsonFile(path)), text);
}

} // namespace
} // namespace hf
