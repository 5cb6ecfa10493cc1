//===- tests/unit/xml/xml_document_test.cpp - The located XML tree --------===//
#include "frontend/xml/xml_document.h"
#include "hf/error.h"

#include <gtest/gtest.h>

namespace hf::xml {
namespace {

TEST(XmlDocument, ElementsKnowTheirLineAndColumn) {
  std::string text = "<!-- <Sample> in a comment -->\n"
                     "<Channel Name=\"c\">\n"
                     "  <Sample Name=\"a\"><NormFactor Name=\"mu\"/></Sample>\n"
                     "\t<Sample\n"
                     "     Name=\"b\">text<![CDATA[ more]]></Sample>\n"
                     "</Channel>\n";
  Element root = parseXml(text, "t.xml");
  EXPECT_EQ(root.name, "Channel");
  EXPECT_EQ(root.line, 2);
  EXPECT_EQ(root.col, 1);
  ASSERT_EQ(root.children.size(), 2u);
  EXPECT_EQ(root.children[0].line, 3);
  EXPECT_EQ(root.children[0].col, 3);
  ASSERT_EQ(root.children[0].children.size(), 1u);
  EXPECT_EQ(root.children[0].children[0].col, 20);
  EXPECT_EQ(root.children[0].children[0].attribute("Name"), "mu");
  // A start tag over two lines is found where its '<' is.
  EXPECT_EQ(root.children[1].line, 4);
  EXPECT_EQ(root.children[1].col, 2);
  EXPECT_EQ(root.children[1].text, "text more");
  EXPECT_EQ(root.children[1].attribute("Missing"), std::nullopt);
}

TEST(XmlDocument, MalformedXmlNamesLineAndColumn) {
  try {
    parseXml("<Channel>\n  <Sample Name=\"a\">\n</Channel>\n", "bad.xml");
    FAIL();
  } catch (const InputError &e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind("bad.xml:4:1: error: malformed XML:", 0), 0u) << what;
    EXPECT_NE(what.find("malformed XML"), std::string::npos) << what;
  }
}

TEST(XmlDocument, NoExternalEntitiesAreRead) {
  // An external entity is never fetched or expanded.
  std::string text = "<!DOCTYPE c [<!ENTITY e SYSTEM \"/etc/passwd\">]>\n<c>&e;</c>\n";
  Element root = parseXml(text, "xxe.xml");
  EXPECT_EQ(root.text.find("root:"), std::string::npos);
}

} // namespace
} // namespace hf::xml
