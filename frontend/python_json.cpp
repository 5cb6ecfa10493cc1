//===- frontend/python_json.cpp - JSON text exactly as Python writes it ---===//
//
// The digest of a workspace is a hash of Python's json.dumps output, so every
// byte here matters: separators, key order, string escapes and the spelling of
// floats all follow CPython's json module and float.__repr__.
//
//===----------------------------------------------------------------------===//
#include "frontend/python_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace hf {

namespace {

/// The shortest round-trip digits of a finite double and its decimal
/// exponent: value = d.ddd × 10^exponent (sign excluded).
struct ShortestDigits {
  std::string digits;
  int exponent = 0;
};

ShortestDigits shortestDigits(double magnitude) {
  // to_chars without a precision gives the shortest string that reads back
  // as the same double, as Python's repr does; scientific form exposes the
  // digits and the exponent separately ("1.2345e+17").
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, magnitude,
                              std::chars_format::scientific);
  std::string_view text(buffer, result.ptr);
  auto ePos = text.find('e');
  ShortestDigits out;
  for (char c : text.substr(0, ePos))
    if (c != '.')
      out.digits += c;
  std::string_view exponentText = text.substr(ePos + 1);
  if (exponentText.front() == '+')
    exponentText.remove_prefix(1);
  std::from_chars(exponentText.data(), exponentText.data() + exponentText.size(), out.exponent);
  return out;
}

/// "d.ddde-05": Python writes at least two exponent digits and always a sign.
std::string exponentForm(const ShortestDigits &d) {
  std::string out(1, d.digits[0]);
  if (d.digits.size() > 1)
    out += "." + d.digits.substr(1);
  return out + fmt::format("e{}{:02d}", d.exponent < 0 ? '-' : '+', std::abs(d.exponent));
}

/// "123.45", "0.00123", "100.0": integral values keep a ".0" so they read
/// back as floats.
std::string positionalForm(const ShortestDigits &d) {
  if (d.exponent < 0)
    return "0." + std::string(static_cast<size_t>(-d.exponent - 1), '0') + d.digits;
  size_t integerDigits = static_cast<size_t>(d.exponent) + 1;
  if (d.digits.size() <= integerDigits)
    return d.digits + std::string(integerDigits - d.digits.size(), '0') + ".0";
  return d.digits.substr(0, integerDigits) + "." + d.digits.substr(integerDigits);
}

/// How one call to json.dumps spells things.
struct Style {
  bool sortKeys;
  bool indent;      ///< indent=4 (one item per line) or one line
  bool ensureAscii; ///< escape everything outside printable ASCII
};

/// Decodes the UTF-8 sequence starting at s[i] and advances i past it. A
/// malformed sequence (only possible in a document built in code, as the
/// parser rejects them) becomes U+FFFD, one byte at a time.
char32_t decodeUtf8(const std::string &s, size_t &i) {
  auto lead = static_cast<unsigned char>(s[i]);
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  bool valid = length > 1 && i + length <= s.size();
  char32_t cp = lead & (0x7Fu >> length);
  for (size_t k = 1; valid && k < length; ++k) {
    auto cont = static_cast<unsigned char>(s[i + k]);
    valid = (cont & 0xC0) == 0x80;
    cp = (cp << 6) | (cont & 0x3Fu);
  }
  i += valid ? length : 1;
  return valid ? cp : 0xFFFD;
}

class Writer {
public:
  explicit Writer(Style style) : style_(style) {}

  std::string take() { return std::move(out_); }

  void value(const Json &j, int depth) {
    switch (j.type()) {
    case Json::value_t::object:
      object(j, depth);
      return;
    case Json::value_t::array:
      array(j, depth);
      return;
    case Json::value_t::string:
      string(j.get_ref<const std::string &>());
      return;
    case Json::value_t::boolean:
      out_ += j.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      out_ += "null";
      return;
    case Json::value_t::number_integer:
      out_ += std::to_string(j.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out_ += std::to_string(j.get<std::uint64_t>());
      return;
    case Json::value_t::number_float:
      out_ += pythonFloatRepr(j.get<double>());
      return;
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
    }
    // Neither comes out of parsing JSON text; Python's json has no spelling.
    throw std::logic_error("pythonJson: binary or discarded value cannot be written as JSON");
  }

private:
  /// Before each item: a new line at the item's depth when indenting.
  void newline(int depth) {
    if (!style_.indent)
      return;
    out_ += '\n';
    out_.append(static_cast<size_t>(depth) * 4, ' ');
  }

  /// Between items: Python's default separators, "," at a line end when
  /// indenting and ", " on one line.
  void separator() { out_ += style_.indent ? "," : ", "; }

  void array(const Json &j, int depth) {
    if (j.empty()) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    bool first = true;
    for (const auto &element : j) {
      if (!first)
        separator();
      first = false;
      newline(depth + 1);
      value(element, depth + 1);
    }
    newline(depth);
    out_ += ']';
  }

  void object(const Json &j, int depth) {
    if (j.empty()) {
      out_ += "{}";
      return;
    }
    std::vector<Json::const_iterator> items;
    for (auto it = j.begin(); it != j.end(); ++it)
      items.push_back(it);
    // std::string compares as unsigned bytes, and UTF-8 byte order is code
    // point order: the order of Python's sorted() on str keys.
    if (style_.sortKeys)
      std::sort(items.begin(), items.end(),
                [](const auto &a, const auto &b) { return a.key() < b.key(); });
    out_ += '{';
    bool first = true;
    for (const auto &it : items) {
      if (!first)
        separator();
      first = false;
      newline(depth + 1);
      string(it.key());
      out_ += ": ";
      value(it.value(), depth + 1);
    }
    newline(depth);
    out_ += '}';
  }

  void codeUnit(unsigned unit) { out_ += fmt::format("\\u{:04x}", unit); }

  /// \uXXXX for a code point, as a UTF-16 surrogate pair above U+FFFF.
  void escapedCodePoint(char32_t cp) {
    if (cp < 0x10000) {
      codeUnit(cp);
      return;
    }
    char32_t v = cp - 0x10000;
    codeUnit(0xD800 + (v >> 10));
    codeUnit(0xDC00 + (v & 0x3FF));
  }

  void string(const std::string &s) {
    out_ += '"';
    for (size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80 && style_.ensureAscii) {
        escapedCodePoint(decodeUtf8(s, i));
        continue;
      }
      ++i;
      switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        // ensure_ascii escapes everything outside ' '..'~', DEL included;
        // without it only control characters are escaped.
        if (c < 0x20 || (c == 0x7F && style_.ensureAscii))
          codeUnit(c);
        else
          out_ += static_cast<char>(c);
      }
    }
    out_ += '"';
  }

  Style style_;
  std::string out_;
};

std::string write(const Json &doc, Style style) {
  Writer writer(style);
  writer.value(doc, 0);
  return writer.take();
}

} // namespace

std::string pythonFloatRepr(double value) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value < 0 ? "-Infinity" : "Infinity";
  std::string sign = std::signbit(value) ? "-" : "";
  ShortestDigits d = shortestDigits(std::fabs(value));
  // CPython's float_repr_style 'short' switches to exponent form when the
  // decimal exponent is below -4 or at least 16.
  bool exponent = d.exponent < -4 || d.exponent >= 16;
  return sign + (exponent ? exponentForm(d) : positionalForm(d));
}

std::string pythonJsonCompact(const Json &doc) {
  return write(doc, Style{/*sortKeys=*/true, /*indent=*/false, /*ensureAscii=*/false});
}

std::string pythonJsonPretty(const Json &doc, bool sortKeys) {
  return write(doc, Style{sortKeys, /*indent=*/true, /*ensureAscii=*/true});
}

} // namespace hf
