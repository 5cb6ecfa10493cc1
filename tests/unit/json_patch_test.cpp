//===- tests/unit/json_patch_test.cpp - RFC 6902 operations and errors ----===//
#include "frontend/json_patch.h"

#include "hf/error.h"

#include <gtest/gtest.h>

#include <string>

namespace hf {
namespace {

Json patched(const char *doc, const char *ops) {
  return applyJsonPatch(Json::parse(doc), Json::parse(ops), "patch.json");
}

/// The InputError message of a patch that must fail.
std::string failure(const char *doc, const char *ops) {
  try {
    patched(doc, ops);
  } catch (const InputError &e) {
    return e.what();
  }
  ADD_FAILURE() << "patch did not fail: " << ops;
  return "";
}

const char *kChannels = R"({"channels": ["a", "b", "c"], "n": {"x": 1, "y": 2}})";

TEST(JsonPatch, AddSetsObjectMembersInPlaceOrAtTheEnd) {
  Json out = patched(kChannels, R"([{"op": "add", "path": "/n/x", "value": 5},
                                    {"op": "add", "path": "/n/z", "value": [true]}])");
  EXPECT_EQ(out["n"].dump(), R"({"x":5,"y":2,"z":[true]})");
}

TEST(JsonPatch, AddInsertsIntoArrays) {
  Json out = patched(kChannels, R"([{"op": "add", "path": "/channels/1", "value": "i"},
                                    {"op": "add", "path": "/channels/4", "value": "end"},
                                    {"op": "add", "path": "/channels/-", "value": "dash"},
                                    {"op": "add", "path": "/channels/0", "value": "first"}])");
  EXPECT_EQ(out["channels"], Json::parse(R"(["first", "a", "i", "b", "c", "end", "dash"])"));
}

TEST(JsonPatch, AddWithEmptyPathReplacesTheDocument) {
  EXPECT_EQ(patched(kChannels, R"([{"op": "add", "path": "", "value": [1]}])"), Json::array({1}));
}

TEST(JsonPatch, AddFailures) {
  EXPECT_EQ(failure(kChannels, R"([{"op": "add", "path": "/channels/5", "value": 0}])"),
            "patch.json: /0: error: add /channels/5: index 5 is out of range (array /channels "
            "has 3 elements; add accepts 0 to 3 or \"-\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "add", "path": "/missing/x", "value": 0}])"),
            "patch.json: /0: error: add /missing/x: path does not exist (the document (an "
            "object) has no key \"missing\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "add", "path": "/n/x/y", "value": 0}])"),
            "patch.json: /0: error: add /n/x/y: path does not exist (/n/x is a number, not an "
            "object or array)");
  EXPECT_EQ(failure(kChannels, R"([{"op": "add", "path": "channels", "value": 0}])"),
            "patch.json: /0: error: add channels: \"channels\" is not a JSON pointer (expected "
            "\"\" for the whole document or a path starting with '/')");
}

TEST(JsonPatch, RemoveFromObjectsAndArrays) {
  Json out = patched(kChannels, R"([{"op": "remove", "path": "/channels/1"},
                                    {"op": "remove", "path": "/n/x"}])");
  EXPECT_EQ(out, Json::parse(R"({"channels": ["a", "c"], "n": {"y": 2}})"));
}

TEST(JsonPatch, RemoveFailures) {
  EXPECT_EQ(failure(kChannels, R"([{"op": "test", "path": "/n/x", "value": 1},
                                   {"op": "remove", "path": "/n/x"},
                                   {"op": "remove", "path": "/channels/9"}])"),
            "patch.json: /2: error: remove /channels/9: path does not exist (array /channels has "
            "3 elements)");
  EXPECT_EQ(failure(kChannels, R"([{"op": "remove", "path": "/n/q"}])"),
            "patch.json: /0: error: remove /n/q: path does not exist (object /n has no key "
            "\"q\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "remove", "path": "/channels/-"}])"),
            "patch.json: /0: error: remove /channels/-: path does not exist (\"-\" names the end "
            "of array /channels, not an element; only add accepts it)");
  EXPECT_EQ(failure(kChannels, R"([{"op": "remove", "path": ""}])"),
            "patch.json: /0: error: remove \"\": path is the whole document, which cannot be "
            "removed");
}

TEST(JsonPatch, ArrayIndicesAreDigitsWithoutLeadingZeros) {
  EXPECT_EQ(failure(kChannels, R"([{"op": "remove", "path": "/channels/01"}])"),
            "patch.json: /0: error: remove /channels/01: \"01\" is not an index into array "
            "/channels (expected digits without leading zeros)");
  EXPECT_EQ(failure(kChannels, R"([{"op": "add", "path": "/channels/+1", "value": 0}])"),
            "patch.json: /0: error: add /channels/+1: \"+1\" is not an index into array "
            "/channels (expected digits without leading zeros or \"-\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "replace", "path": "/channels/", "value": 0}])"),
            "patch.json: /0: error: replace /channels/: \"\" is not an index into array "
            "/channels (expected digits without leading zeros)");
  EXPECT_EQ(failure(kChannels,
                    R"([{"op": "remove", "path": "/channels/99999999999999999999999"}])"),
            "patch.json: /0: error: remove /channels/99999999999999999999999: path does not "
            "exist (array /channels has 3 elements)");
  // "0" itself is fine, and "01" is an ordinary key of an object.
  Json out = patched(R"({"a": [1, 2], "o": {"01": 1}})",
                     R"([{"op": "remove", "path": "/a/0"}, {"op": "remove", "path": "/o/01"}])");
  EXPECT_EQ(out, Json::parse(R"({"a": [2], "o": {}})"));
}

TEST(JsonPatch, Replace) {
  Json out = patched(kChannels, R"([{"op": "replace", "path": "/channels/2", "value": {"k": 1}},
                                    {"op": "replace", "path": "/n/y", "value": null}])");
  EXPECT_EQ(out, Json::parse(R"({"channels": ["a", "b", {"k": 1}], "n": {"x": 1, "y": null}})"));
  EXPECT_EQ(patched(kChannels, R"([{"op": "replace", "path": "", "value": 3}])"), Json(3));
  EXPECT_EQ(failure(kChannels, R"([{"op": "replace", "path": "/n/z", "value": 0}])"),
            "patch.json: /0: error: replace /n/z: path does not exist (object /n has no key "
            "\"z\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "replace", "path": "/channels/3", "value": 0}])"),
            "patch.json: /0: error: replace /channels/3: path does not exist (array /channels "
            "has 3 elements)");
}

TEST(JsonPatch, Move) {
  // RFC 6902 appendix A.7: remove first, then add at the (shifted) index.
  Json out = patched(R"({"foo": ["all", "grass", "cows", "eat"]})",
                     R"([{"op": "move", "from": "/foo/1", "path": "/foo/3"}])");
  EXPECT_EQ(out, Json::parse(R"({"foo": ["all", "cows", "eat", "grass"]})"));
  out = patched(kChannels, R"([{"op": "move", "from": "/n/x", "path": "/channels/0"},
                               {"op": "move", "from": "/n", "path": "/n"}])");
  EXPECT_EQ(out, Json::parse(R"({"channels": [1, "a", "b", "c"], "n": {"y": 2}})"));
}

TEST(JsonPatch, MoveFailures) {
  EXPECT_EQ(failure(kChannels, R"([{"op": "move", "from": "/n", "path": "/n/inner"}])"),
            "patch.json: /0: error: move /n/inner: cannot move /n into its own child");
  EXPECT_EQ(failure(kChannels, R"([{"op": "move", "from": "/n/q", "path": "/m"}])"),
            "patch.json: /0: error: move /m: from /n/q does not exist (object /n has no key "
            "\"q\")");
  EXPECT_EQ(failure(kChannels, R"([{"op": "move", "from": "/n/q", "path": "/n/q"}])"),
            "patch.json: /0: error: move /n/q: from /n/q does not exist (object /n has no key "
            "\"q\")");
}

TEST(JsonPatch, Copy) {
  Json out = patched(kChannels, R"([{"op": "copy", "from": "/n", "path": "/channels/-"},
                                    {"op": "copy", "from": "/channels/0", "path": "/n/x"}])");
  EXPECT_EQ(out, Json::parse(R"({"channels": ["a", "b", "c", {"x": 1, "y": 2}],
                                 "n": {"x": "a", "y": 2}})"));
  EXPECT_EQ(failure(kChannels, R"([{"op": "copy", "from": "/channels/3", "path": "/c"}])"),
            "patch.json: /0: error: copy /c: from /channels/3 does not exist (array /channels has "
            "3 elements)");
}

TEST(JsonPatch, TestComparesNumbersByValue) {
  const char *doc = R"({"i": 1, "f": 1.0, "big": 18446744073709551615, "neg": -3,
                        "o": {"a": [1, 2.5], "b": "s"}, "t": true})";
  EXPECT_NO_THROW(patched(doc, R"([{"op": "test", "path": "/i", "value": 1.0},
                                   {"op": "test", "path": "/f", "value": 1},
                                   {"op": "test", "path": "/big", "value": 18446744073709551615},
                                   {"op": "test", "path": "/neg", "value": -3.0},
                                   {"op": "test", "path": "/o",
                                    "value": {"b": "s", "a": [1.0, 2.5]}},
                                   {"op": "test", "path": "/t", "value": true},
                                   {"op": "test", "path": "", "value": {"t": true, "neg": -3,
                                    "big": 18446744073709551615, "f": 1, "i": 1,
                                    "o": {"a": [1, 2.5], "b": "s"}}}])"));
  // 2^64 - 1 is not the double 2^64, and -3 is not 3.
  EXPECT_NE(failure(doc, R"([{"op": "test", "path": "/big", "value": 18446744073709551616.0}])"),
            "");
  EXPECT_NE(failure(doc, R"([{"op": "test", "path": "/neg", "value": 3}])"), "");
}

/// hfc's choice: booleans are not numbers in test (RFC 6902 §4.6), unlike
/// Python where true == 1.
TEST(JsonPatch, TestKeepsBooleansApartFromNumbers) {
  EXPECT_EQ(failure(R"({"t": true})", R"([{"op": "test", "path": "/t", "value": 1}])"),
            "patch.json: /0: error: test /t: test failed: value at /t is true, expected 1");
}

TEST(JsonPatch, TestFailures) {
  EXPECT_EQ(failure(R"({"a": 2})", R"([{"op": "test", "path": "/a", "value": 3}])"),
            "patch.json: /0: error: test /a: test failed: value at /a is 2, expected 3");
  EXPECT_EQ(failure(R"({"a": {"x": 1}})",
                    R"([{"op": "test", "path": "/a", "value": {"x": 1, "y": 2}}])"),
            "patch.json: /0: error: test /a: test failed: value at /a is {\"x\": 1}, expected "
            "{\"x\": 1, \"y\": 2}");
  EXPECT_EQ(failure(R"([1])", R"([{"op": "test", "path": "", "value": [1.5]}])"),
            "patch.json: /0: error: test \"\": test failed: the document is [1], expected [1.5]");
  EXPECT_EQ(failure(R"({"a": 2})", R"([{"op": "test", "path": "/b", "value": 3}])"),
            "patch.json: /0: error: test /b: path does not exist (the document (an object) has "
            "no key \"b\")");
}

TEST(JsonPatch, PointerEscapes) {
  const char *doc = R"({"a/b": 1, "m~n": 2, "~1": 3})";
  Json out = patched(doc, R"([{"op": "test", "path": "/a~1b", "value": 1},
                              {"op": "replace", "path": "/m~0n", "value": 20},
                              {"op": "remove", "path": "/~01"},
                              {"op": "add", "path": "/x~1y~0", "value": 4}])");
  EXPECT_EQ(out, Json::parse(R"({"a/b": 1, "m~n": 20, "x/y~": 4})"));
  EXPECT_EQ(failure(doc, R"([{"op": "remove", "path": "/m~2n"}])"),
            "patch.json: /0: error: remove /m~2n: pointer /m~2n has a '~' not followed by 0 or 1 "
            "(write '~' as ~0 and '/' as ~1)");
  EXPECT_EQ(failure(doc, R"([{"op": "remove", "path": "/c~"}])"),
            "patch.json: /0: error: remove /c~: pointer /c~ has a '~' not followed by 0 or 1 "
            "(write '~' as ~0 and '/' as ~1)");
  // Messages spell keys escaped again.
  EXPECT_EQ(failure(R"({"a/b": {}})", R"([{"op": "remove", "path": "/a~1b/q"}])"),
            "patch.json: /0: error: remove /a~1b/q: path does not exist (object /a~1b has no key "
            "\"q\")");
}

TEST(JsonPatch, AllOrNothing) {
  Json doc = Json::parse(kChannels);
  Json before = doc;
  Json ops = Json::parse(R"([{"op": "remove", "path": "/channels/0"},
                             {"op": "add", "path": "/n/new", "value": 1},
                             {"op": "test", "path": "/n/x", "value": 99}])");
  EXPECT_THROW(applyJsonPatch(doc, ops, "patch.json"), InputError);
  EXPECT_EQ(doc, before);
  ops.erase(2);
  Json out = applyJsonPatch(doc, ops, "patch.json");
  EXPECT_EQ(doc, before);
  EXPECT_EQ(out["channels"].size(), 2u);
}

TEST(JsonPatch, OperationShape) {
  EXPECT_EQ(failure("{}", R"({"op": "add"})"),
            "patch.json: error: a JSON patch must be an array of operations, got an object");
  EXPECT_EQ(failure("{}", R"([1])"),
            "patch.json: /0: error: an operation must be an object with \"op\" and \"path\", got "
            "a number");
  EXPECT_EQ(failure("{}", R"([{"path": "/a"}])"),
            "patch.json: /0: error: \"op\" must be a string, one of add, remove, replace, move, "
            "copy, test");
  EXPECT_EQ(failure("{}", R"([{"op": "delete", "path": "/a"}])"),
            "patch.json: /0: error: unknown op \"delete\" (expected one of add, remove, replace, "
            "move, copy, test)");
  EXPECT_EQ(failure("{}", R"([{"op": "add", "value": 1}])"),
            "patch.json: /0: error: add: \"path\" must be a string (a JSON pointer)");
  EXPECT_EQ(failure("{}", R"([{"op": "remove", "path": 3}])"),
            "patch.json: /0: error: remove: \"path\" must be a string (a JSON pointer)");
  EXPECT_EQ(failure("{}", R"([{"op": "replace", "path": "/a"}])"),
            "patch.json: /0: error: replace /a: missing \"value\"");
  EXPECT_EQ(failure("{}", R"([{"op": "copy", "path": "/a"}])"),
            "patch.json: /0: error: copy /a: \"from\" must be a string (a JSON pointer)");
  EXPECT_EQ(failure("{}", R"([{"op": "move", "path": "/a", "from": 1}])"),
            "patch.json: /0: error: move /a: \"from\" must be a string (a JSON pointer)");
  // Members RFC 6902 does not define are ignored; a null value is a value.
  EXPECT_EQ(patched("{}", R"([{"op": "add", "path": "/a", "value": null, "comment": "x"}])"),
            Json::parse(R"({"a": null})"));
  EXPECT_EQ(patched(R"({"a": 1})", "[]"), Json::parse(R"({"a": 1})"));
}

} // namespace
} // namespace hf
