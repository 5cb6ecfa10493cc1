//===- frontend/json_patch.cpp - RFC 6902 JSON Patch ----------------------===//
//
// pyhf applies model patches and PatchSet points with the python jsonpatch
// library; this is the same operation set with the same all-or-nothing rule,
// and error messages that say which operation failed and why.
//
//===----------------------------------------------------------------------===//
#include "frontend/json_patch.h"

#include "frontend/python_json.h"
#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace hf {

namespace {

/// What went wrong in one operation; applyJsonPatch adds the source, the
/// operation's index, its op and its path.
class OpFailure : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An RFC 6901 pointer: its text as written and its unescaped tokens.
struct Pointer {
  std::string text;
  std::vector<std::string> tokens;
};

/// "~1" is "/" and "~0" is "~"; any other "~" is malformed (RFC 6901 §3).
std::string unescapeToken(const std::string &raw, const std::string &pointer) {
  std::string token;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '~') {
      token += raw[i];
      continue;
    }
    char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    if (next != '0' && next != '1')
      throw OpFailure(fmt::format("pointer {} has a '~' not followed by 0 or 1 (write '~' "
                                  "as ~0 and '/' as ~1)",
                                  pointer));
    token += next == '0' ? '~' : '/';
    ++i;
  }
  return token;
}

Pointer parsePointer(const std::string &text) {
  if (!text.empty() && text[0] != '/')
    throw OpFailure(fmt::format("\"{}\" is not a JSON pointer (expected \"\" for the whole "
                                "document or a path starting with '/')",
                                text));
  Pointer p{text, {}};
  for (size_t start = 1; start <= text.size();) {
    size_t end = std::min(text.find('/', start), text.size());
    p.tokens.push_back(unescapeToken(text.substr(start, end - start), text));
    start = end + 1;
  }
  return p;
}

/// The pointer text of the first `count` tokens, escaped again, for
/// messages ("" for the document itself).
std::string prefixText(const Pointer &p, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out += '/';
    for (char c : p.tokens[i])
      out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  }
  return out;
}

/// "a number", "an object", "null": a JSON value's kind for messages.
std::string kindOf(const Json &j) {
  if (j.is_null())
    return "null";
  std::string name = j.type_name();
  return (j.is_object() || j.is_array() ? "an " : "a ") + name;
}

/// A pointer that tries to step into a scalar names nothing.
[[noreturn]] void throwNotContainer(const Json &node, const std::string &where,
                                    const std::string &subject) {
  throw OpFailure(fmt::format("{} does not exist ({} is {}, not an object or array)", subject,
                              where.empty() ? "the document" : where, kindOf(node)));
}

std::string describeContainer(const Json &node, const std::string &where) {
  std::string kind = node.is_object() ? "object" : "array";
  return where.empty() ? "the document (an " + kind + ")" : kind + " " + where;
}

/// The index a token names in `array`; `forAdd` also accepts the element
/// count and "-" (both mean: append). `subject` is "path" or "from /x".
size_t arrayIndex(const Json &array, const std::string &token, const std::string &where,
                  bool forAdd, const std::string &subject) {
  if (token == "-") {
    if (forAdd)
      return array.size();
    throw OpFailure(fmt::format("{} does not exist (\"-\" names the end of {}, not an "
                                "element; only add accepts it)",
                                subject, describeContainer(array, where)));
  }
  bool digits = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || (token.size() > 1 && token[0] == '0'))
    throw OpFailure(fmt::format("\"{}\" is not an index into {} (expected digits without "
                                "leading zeros{})",
                                token, describeContainer(array, where), forAdd ? " or \"-\"" : ""));
  // A token too long for stoull is out of range of any array anyway.
  size_t index = token.size() > 18 ? SIZE_MAX : std::stoull(token);
  if (forAdd && index > array.size())
    throw OpFailure(fmt::format("index {} is out of range ({} has {} elements; add accepts 0 "
                                "to {} or \"-\")",
                                token, describeContainer(array, where), array.size(),
                                array.size()));
  if (!forAdd && index >= array.size())
    throw OpFailure(fmt::format("{} does not exist ({} has {} elements)", subject,
                                describeContainer(array, where), array.size()));
  return index;
}

/// The existing child of `node` named by `token`.
Json &child(Json &node, const std::string &token, const std::string &where,
            const std::string &subject) {
  if (node.is_object()) {
    auto it = node.find(token);
    if (it == node.end())
      throw OpFailure(fmt::format("{} does not exist ({} has no key \"{}\")", subject,
                                  describeContainer(node, where), token));
    return *it;
  }
  if (node.is_array())
    return node[arrayIndex(node, token, where, /*forAdd=*/false, subject)];
  throwNotContainer(node, where, subject);
}

/// The node reached by the first `count` tokens of `p`.
Json &walk(Json &root, const Pointer &p, size_t count, const std::string &subject) {
  Json *node = &root;
  for (size_t i = 0; i < count; ++i)
    node = &child(*node, p.tokens[i], prefixText(p, i), subject);
  return *node;
}

Json &target(Json &root, const Pointer &p, const std::string &subject) {
  return walk(root, p, p.tokens.size(), subject);
}

/// The container that holds (or, for add, will hold) the last token.
Json &parentOf(Json &root, const Pointer &p, const std::string &subject) {
  Json &parent = walk(root, p, p.tokens.size() - 1, subject);
  if (!parent.is_object() && !parent.is_array())
    throwNotContainer(parent, prefixText(p, p.tokens.size() - 1), subject);
  return parent;
}

/// add: insert into an array, set (or overwrite) an object member, or
/// replace the whole document for the empty pointer.
void addValue(Json &root, const Pointer &p, Json value) {
  if (p.tokens.empty()) {
    root = std::move(value);
    return;
  }
  Json &parent = parentOf(root, p, "path");
  const std::string &last = p.tokens.back();
  if (parent.is_object()) {
    parent[last] = std::move(value);
    return;
  }
  size_t index = arrayIndex(parent, last, prefixText(p, p.tokens.size() - 1), /*forAdd=*/true,
                            "path");
  parent.insert(parent.begin() + static_cast<std::ptrdiff_t>(index), std::move(value));
}

/// remove: takes the existing target out and returns it (move re-adds it).
Json removeValue(Json &root, const Pointer &p, const std::string &subject) {
  if (p.tokens.empty())
    throw OpFailure(fmt::format("{} is the whole document, which cannot be removed", subject));
  Json &parent = parentOf(root, p, subject);
  const std::string &last = p.tokens.back();
  std::string where = prefixText(p, p.tokens.size() - 1);
  Json &element = child(parent, last, where, subject);
  Json removed = std::move(element);
  if (parent.is_object())
    parent.erase(last);
  else
    parent.erase(arrayIndex(parent, last, where, /*forAdd=*/false, subject));
  return removed;
}

/// A JSON integer as sign and magnitude, so that int64 and uint64 values
/// compare exactly with each other and with doubles.
struct Integer {
  bool negative;
  std::uint64_t magnitude;
};

Integer integerOf(const Json &j) {
  if (j.is_number_unsigned())
    return {false, j.get<std::uint64_t>()};
  auto v = j.get<std::int64_t>();
  return {v < 0, v < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(v)
                       : static_cast<std::uint64_t>(v)};
}

bool floatEqualsInteger(double d, Integer i) {
  if (std::trunc(d) != d || std::fabs(d) >= 18446744073709551616.0)
    return false; // fractional, NaN, infinite, or beyond any 64-bit integer
  if (d == 0)
    return i.magnitude == 0;
  return (d < 0) == i.negative && static_cast<std::uint64_t>(std::fabs(d)) == i.magnitude;
}

/// Python's numeric equality: 1 == 1.0, exact for large integers.
bool numbersEqual(const Json &a, const Json &b) {
  if (a.is_number_float() && b.is_number_float())
    return a.get<double>() == b.get<double>();
  if (a.is_number_float())
    return floatEqualsInteger(a.get<double>(), integerOf(b));
  if (b.is_number_float())
    return floatEqualsInteger(b.get<double>(), integerOf(a));
  Integer x = integerOf(a), y = integerOf(b);
  return x.magnitude == y.magnitude && (x.negative == y.negative || x.magnitude == 0);
}

/// RFC 6902 §4.6 equality: numbers by value, objects regardless of key
/// order, arrays element by element; booleans are not numbers.
bool jsonEqual(const Json &a, const Json &b) {
  if (a.is_number() && b.is_number())
    return numbersEqual(a, b);
  if (a.type() != b.type())
    return false;
  if (a.is_object()) {
    if (a.size() != b.size())
      return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !jsonEqual(it.value(), *other))
        return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!jsonEqual(a[i], b[i]))
        return false;
    return true;
  }
  return a == b;
}

/// A value for a message: Python's spelling, cut short when long.
std::string shortText(const Json &value) {
  std::string text = pythonJsonCompact(value);
  constexpr size_t kMax = 80;
  if (text.size() <= kMax)
    return text;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut; // do not split a UTF-8 sequence
  return text.substr(0, cut) + "...";
}

/// True when `prefix` names a proper ancestor of `p`.
bool isProperPrefix(const Pointer &prefix, const Pointer &p) {
  return prefix.tokens.size() < p.tokens.size() &&
         std::equal(prefix.tokens.begin(), prefix.tokens.end(), p.tokens.begin());
}

void moveValue(Json &root, const Pointer &from, const Pointer &path) {
  std::string subject = "from " + from.text;
  if (isProperPrefix(from, path))
    throw OpFailure(fmt::format("cannot move {} into its own child", from.text));
  if (from.tokens == path.tokens) {
    target(root, from, subject); // must exist; moving it onto itself changes nothing
    return;
  }
  addValue(root, path, removeValue(root, from, subject));
}

void testValue(Json &root, const Pointer &path, const Json &expected) {
  const Json &actual = target(root, path, "path");
  if (!jsonEqual(actual, expected))
    throw OpFailure(fmt::format("test failed: {} is {}, expected {}",
                                path.text.empty() ? "the document" : "value at " + path.text,
                                shortText(actual), shortText(expected)));
}

/// The operation's members after checking its shape (the jsonpatch
/// operation schema): op, path, and value or from where the op needs them.
struct Operation {
  std::string op;
  std::string path;
  const Json *value = nullptr;
  std::string from;
};

constexpr const char *kOps = "add, remove, replace, move, copy, test";

/// Shape errors come before the op and path are known, so they carry as
/// much of "<op> <path>: " as exists.
Operation checkShape(const Json &j) {
  if (!j.is_object())
    throw OpFailure(fmt::format("an operation must be an object with \"op\" and \"path\", "
                                "got {}",
                                kindOf(j)));
  auto op = j.find("op");
  if (op == j.end() || !op->is_string())
    throw OpFailure(fmt::format("\"op\" must be a string, one of {}", kOps));
  Operation out;
  out.op = op->get<std::string>();
  if (out.op != "add" && out.op != "remove" && out.op != "replace" && out.op != "move" &&
      out.op != "copy" && out.op != "test")
    throw OpFailure(fmt::format("unknown op \"{}\" (expected one of {})", out.op, kOps));
  auto path = j.find("path");
  if (path == j.end() || !path->is_string())
    throw OpFailure(fmt::format("{}: \"path\" must be a string (a JSON pointer)", out.op));
  out.path = path->get<std::string>();
  if (out.op == "add" || out.op == "replace" || out.op == "test") {
    auto value = j.find("value");
    if (value == j.end())
      throw OpFailure(fmt::format("{} {}: missing \"value\"", out.op, out.path));
    out.value = &*value;
  }
  if (out.op == "move" || out.op == "copy") {
    auto from = j.find("from");
    if (from == j.end() || !from->is_string())
      throw OpFailure(
          fmt::format("{} {}: \"from\" must be a string (a JSON pointer)", out.op, out.path));
    out.from = from->get<std::string>();
  }
  return out;
}

void applyOperation(Json &root, const Operation &o) {
  Pointer path = parsePointer(o.path);
  if (o.op == "add") {
    addValue(root, path, *o.value);
  } else if (o.op == "remove") {
    removeValue(root, path, "path");
  } else if (o.op == "replace") {
    target(root, path, "path") = *o.value;
  } else if (o.op == "move") {
    moveValue(root, parsePointer(o.from), path);
  } else if (o.op == "copy") {
    Pointer from = parsePointer(o.from);
    addValue(root, path, target(root, from, "from " + from.text));
  } else {
    testValue(root, path, *o.value);
  }
}

} // namespace

Json applyJsonPatch(const Json &doc, const Json &ops, const std::string &source) {
  if (!ops.is_array())
    throw InputError(fmt::format("{}: error: a JSON patch must be an array of operations, got "
                                 "{}",
                                 source, kindOf(ops)));
  Json result = doc; // all or nothing: `doc` is untouched if any operation fails
  for (size_t i = 0; i < ops.size(); ++i) {
    std::string context;
    try {
      Operation o = checkShape(ops[i]);
      context = o.op + " " + (o.path.empty() ? "\"\"" : o.path) + ": ";
      applyOperation(result, o);
    } catch (const OpFailure &e) {
      throw InputError(fmt::format("{}: /{}: error: {}{}", source, i, context, e.what()));
    }
  }
  return result;
}

} // namespace hf
