//===- frontend/xml/xml_document.cpp - XML text -> a small located tree ---===//
//
// libxml2 records the line of each element but not its column. The column is
// recovered from the text: elements come in document order, so the start tag
// of each one is the last "<Name" at or before the end of the line libxml2
// reports, and after the previous element's start tag.
//
//===----------------------------------------------------------------------===//
#include "frontend/xml/xml_document.h"

#include "hf/error.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <memory>
#include <tuple>

namespace hf::xml {

std::optional<std::string> Element::attribute(std::string_view key) const {
  for (const auto &[k, v] : attributes)
    if (k == key)
      return v;
  return std::nullopt;
}

std::vector<const Element *> Element::childrenNamed(std::string_view childName) const {
  std::vector<const Element *> out;
  for (const Element &c : children)
    if (c.name == childName)
      out.push_back(&c);
  return out;
}

namespace {

std::string toString(const xmlChar *s) { return s ? reinterpret_cast<const char *>(s) : ""; }

/// Finds start tags in the source text, in document order.
class TagLocator {
public:
  explicit TagLocator(const std::string &text) : text_(text) {
    lineStarts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n')
        lineStarts_.push_back(i + 1);
  }

  /// Line and column of the start tag of element `name` that libxml2 puts on
  /// `line`.
  std::pair<int, int> locate(const std::string &name, int line) {
    if (line < 1)
      line = 1;
    size_t lineIndex = std::min<size_t>(static_cast<size_t>(line), lineStarts_.size()) - 1;
    size_t lineEnd = lineIndex + 1 < lineStarts_.size() ? lineStarts_[lineIndex + 1] : text_.size();
    std::string needle = "<" + name;
    size_t found = std::string::npos;
    for (size_t pos = text_.find(needle, cursor_); pos != std::string::npos && pos < lineEnd;
         pos = text_.find(needle, pos + 1)) {
      size_t after = pos + needle.size();
      char c = after < text_.size() ? text_[after] : '>';
      if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
        found = pos;
    }
    if (found == std::string::npos)
      return {line, 1};
    cursor_ = found + 1;
    size_t l = static_cast<size_t>(std::upper_bound(lineStarts_.begin(), lineStarts_.end(), found) -
                                   lineStarts_.begin());
    return {static_cast<int>(l), static_cast<int>(found - lineStarts_[l - 1] + 1)};
  }

private:
  const std::string &text_;
  std::vector<size_t> lineStarts_;
  size_t cursor_ = 0;
};

Element convert(xmlNode *node, TagLocator &locator) {
  Element e;
  e.name = toString(node->name);
  std::tie(e.line, e.col) = locator.locate(e.name, static_cast<int>(xmlGetLineNo(node)));
  for (xmlAttr *a = node->properties; a; a = a->next) {
    xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
    e.attributes.emplace_back(toString(a->name), toString(value));
    xmlFree(value);
  }
  for (xmlNode *c = node->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE)
      e.children.push_back(convert(c, locator));
    else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      e.text += toString(c->content);
  }
  return e;
}

struct DocFree {
  void operator()(xmlDoc *d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt *c) const { xmlFreeParserCtxt(c); }
};

} // namespace

Element parseXml(const std::string &text, const std::string &file) {
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt)
    throw InputError(fmt::format("{}: error: cannot allocate an XML parser", file));
  // No network, no external DTD or entities, no messages of libxml2's own on
  // stderr: the error is reported once, below.
  int flags = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()),
                                                         file.c_str(), nullptr, flags));
  if (!doc || !ctxt->wellFormed) {
    const xmlError *err = xmlCtxtGetLastError(ctxt.get());
    std::string message = err && err->message ? err->message : "not well-formed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    int line = err ? err->line : 0, col = err ? err->int2 : 0;
    throw InputError(fmt::format("{}:{}:{}: error: malformed XML: {}", file, line, col, message));
  }
  xmlNode *root = xmlDocGetRootElement(doc.get());
  if (!root)
    throw InputError(fmt::format("{}: error: the XML document has no root element", file));
  TagLocator locator(text);
  return convert(root, locator);
}

} // namespace hf::xml
