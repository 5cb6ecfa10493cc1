//===- tests/unit/json_text_test.cpp - JSON text with located errors ------===//
#include "frontend/json_text.h"

#include "hf/error.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace hf {
namespace {

/// The InputError message parsing `text` throws ("" when it parses).
std::string parseError(const std::string &text, const std::string &file = "in.json") {
  try {
    parseJsonText(text, file);
  } catch (const InputError &e) {
    return e.what();
  }
  return "";
}

::testing::AssertionResult malformedAt(const std::string &text, int line, int col) {
  std::string msg = parseError(text);
  std::string prefix = "in.json:" + std::to_string(line) + ":" + std::to_string(col) +
                       ": error: malformed JSON";
  if (msg.rfind(prefix, 0) == 0)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected a message starting with \"" << prefix
                                       << "\", got \"" << msg << "\"";
}

TEST(JsonText, ParsesValidText) {
  Json doc = parseJsonText(R"({"b": [1, 2.5, true], "a": null})", "x.json");
  ASSERT_TRUE(doc.is_object());
  // Key order is kept (ordered_json) and integers stay integers.
  EXPECT_EQ(doc.begin().key(), "b");
  EXPECT_TRUE(doc["b"][0].is_number_integer());
  EXPECT_TRUE(doc["b"][1].is_number_float());
  EXPECT_TRUE(doc["a"].is_null());
}

TEST(JsonText, UnexpectedCharacterOnLaterLine) {
  // The ']' is on line 3, column 8.
  EXPECT_TRUE(malformedAt("{\n  \"a\": 1,\n  \"b\": ]\n}", 3, 8));
}

TEST(JsonText, MissingComma) {
  // The '3' that should have been preceded by a comma: line 2, column 2.
  EXPECT_TRUE(malformedAt("[1, 2\n 3]", 2, 2));
}

TEST(JsonText, TrailingComma) {
  EXPECT_TRUE(malformedAt("[1, 2,]", 1, 7));
}

TEST(JsonText, MissingColon) {
  EXPECT_TRUE(malformedAt("{\"a\" 1}", 1, 6));
}

TEST(JsonText, GarbageAfterDocument) {
  EXPECT_TRUE(malformedAt("{\"a\": 1} x", 1, 10));
  EXPECT_TRUE(malformedAt("{}\n\n   }", 3, 4));
}

TEST(JsonText, InvalidLiteralAndNumber) {
  // "tru" then ']': the ']' is where the literal goes wrong.
  EXPECT_TRUE(malformedAt("[tru]", 1, 5));
  // "1." needs a digit after the point.
  EXPECT_TRUE(malformedAt("[1.]", 1, 4));
}

TEST(JsonText, UnexpectedEndOfInput) {
  // Just past the last character.
  EXPECT_TRUE(malformedAt("{\"a\": [1, 2", 1, 12));
  EXPECT_TRUE(malformedAt("", 1, 1));
  EXPECT_TRUE(malformedAt("[\n1,\n2", 3, 2));
}

TEST(JsonText, MultiCharacterTokenIsOnTheRightLine) {
  // A missing comma before a key: the unexpected string "b" is on line 3,
  // columns 3..5; the column must fall inside the token.
  std::string msg = parseError("{\n  \"a\": 1\n  \"b\": 2\n}");
  ASSERT_EQ(msg.rfind("in.json:3:", 0), 0u) << msg;
  int col = std::stoi(msg.substr(std::string("in.json:3:").size()));
  EXPECT_GE(col, 3) << msg;
  EXPECT_LE(col, 5) << msg;
}

TEST(JsonText, MessageSaysWhatWasExpected) {
  std::string msg = parseError("[1, 2,]");
  EXPECT_NE(msg.find("malformed JSON: "), std::string::npos) << msg;
  // nlohmann's own location prefix is not repeated.
  EXPECT_EQ(msg.find("[json.exception"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("at line"), std::string::npos) << msg;
}

TEST(JsonText, FileNameInMessage) {
  std::string msg = parseError("{", "dir/model.json");
  EXPECT_EQ(msg.rfind("dir/model.json:1:2: error: malformed JSON", 0), 0u) << msg;
}

TEST(JsonText, MissingFile) {
  const std::string path = "/nonexistent-hfc-dir/no-such-file.json";
  try {
    readJsonFile(path);
    ADD_FAILURE() << "no error for a missing file";
  } catch (const InputError &e) {
    std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path + ": error: ", 0), 0u) << msg;
  }
  EXPECT_THROW(readTextFile(path), InputError);
}

TEST(JsonText, ReadsFiles) {
  std::string path = ::testing::TempDir() + "hfc_json_text_test.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"channels\": [1, 2]}";
  }
  Json doc = readJsonFile(path);
  EXPECT_EQ(doc["channels"].size(), 2u);
  EXPECT_EQ(readTextFile(path), "{\"channels\": [1, 2]}");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\n\"channels\": [1, 2}\n";
  }
  try {
    readJsonFile(path);
    ADD_FAILURE() << "no error for malformed file contents";
  } catch (const InputError &e) {
    std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path + ":2:18: error: malformed JSON", 0), 0u) << msg;
  }
  std::remove(path.c_str());
}

} // namespace
} // namespace hf
