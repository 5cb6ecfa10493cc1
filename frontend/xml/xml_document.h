//===- frontend/xml/xml_document.h - XML text -> a small located tree -----===//
//
// HistFactory configurations are XML. libxml2 parses them; this file turns
// its tree into plain structs that remember where each element starts
// (line:column), so the importer can point at the element a problem is in.
// A malformed file is one InputError "file:line:col: error: <libxml2's
// reason>". The external DTD a configuration names is never loaded (the
// importer checks the structure itself, with better messages), and no
// network access is ever made.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hf::xml {

/// One element: its name, attributes in document order, the text directly
/// inside it (text and CDATA before, between and after child elements,
/// concatenated), and its child elements.
struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
  std::vector<Element> children;
  int line = 0; ///< 1-based line of the start tag's '<'
  int col = 0;  ///< 1-based column of the start tag's '<'

  /// The attribute's value, or nullopt when absent.
  std::optional<std::string> attribute(std::string_view key) const;
  /// The direct children named `childName`, in document order.
  std::vector<const Element *> childrenNamed(std::string_view childName) const;
};

/// Parses `text` (the contents of `file`, which names it in messages) and
/// returns the root element. InputError on malformed XML.
Element parseXml(const std::string &text, const std::string &file);

} // namespace hf::xml
