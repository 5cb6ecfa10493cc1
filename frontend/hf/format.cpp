//===- frontend/hf/format.cpp - hfc fmt: canonical layout of .hf source ---===//
//
// The layout walks the parse tree for the structure (which tokens start a
// line, which open and close a block) and the token stream for the comments,
// which the lexer keeps on the hidden channel. A comment is attached to the
// token it precedes: when that token is printed, the comments before it are
// printed first, at the end of the current line when the comment was on the
// line of the previous token, on a line of their own otherwise. Printing is
// line-lazy: a line is only started when a token or a comment needs it, so a
// trailing comment always lands on the line of the token it follows.
//
//===----------------------------------------------------------------------===//
#include "frontend/hf/format.h"

#include "frontend/hf/parser.h"

#include "HfLexer.h"
#include "HfParser.h"
#include "antlr4-runtime.h"

#include <string>
#include <vector>

namespace hf {

namespace {

using hfgen::HfLexer;
using hfgen::HfParser;

constexpr int kIndent = 2;       ///< per block
constexpr int kContinuation = 4; ///< a line broken by a comment

class Formatter {
public:
  explicit Formatter(antlr4::CommonTokenStream &tokens) : tokens_(tokens) {}

  std::string run(HfParser::FileContext *file) {
    for (antlr4::tree::ParseTree *child : file->children) {
      if (auto *s = dynamic_cast<HfParser::StatementContext *>(child)) {
        statement(s);
      } else if (auto *t = dynamic_cast<antlr4::tree::TerminalNode *>(child)) {
        item(false);
        comments(t->getSymbol(), 0); // EOF: the comments at the end
      } else if (auto *rule = dynamic_cast<antlr4::ParserRuleContext *>(child)) {
        item(false); // version, import, patch
        inlineTokens(rule);
      }
    }
    if (lineOpen_)
      out_ += line_ + "\n";
    return out_;
  }

private:
  void statement(HfParser::StatementContext *s) {
    if (auto *c = s->channelStmt()) {
      item(true);
      blockStatement(c, [&](antlr4::tree::ParseTree *member) {
        if (auto *sample = dynamic_cast<HfParser::SampleContext *>(member)) {
          item(false);
          sampleLike(sample);
        } else if (auto *observed = dynamic_cast<antlr4::ParserRuleContext *>(member))
          member_(observed);
      });
    } else if (auto *a = s->sampleInStmt()) {
      item(true);
      sampleLike(a);
    } else if (auto *m = s->measurementStmt()) {
      item(true);
      blockStatement(m, [&](antlr4::tree::ParseTree *member) {
        if (auto *p = dynamic_cast<antlr4::ParserRuleContext *>(member))
          member_(p);
      });
    } else {
      item(false); // let, observed CHANNEL
      inlineTokens(s);
    }
  }

  /// A block member on one line.
  void member_(antlr4::ParserRuleContext *ctx) {
    item(false);
    inlineTokens(ctx);
  }

  /// `sample ...` in a channel or `sample .. in channel ..` (after item()):
  /// the head on one line, then its modifier block if any.
  void sampleLike(antlr4::ParserRuleContext *ctx) {
    for (antlr4::tree::ParseTree *child : ctx->children) {
      if (auto *block = dynamic_cast<HfParser::ModifierBlockContext *>(child))
        blockStatement(block, [&](antlr4::tree::ParseTree *member) {
          if (auto *m = dynamic_cast<antlr4::ParserRuleContext *>(member))
            member_(m);
        });
      else
        inlineTokens(child);
    }
  }

  /// A rule whose children are head tokens, `{`, members, `}`: the head on
  /// the current line, each member through `onMember`, `}` on its own line.
  template <typename OnMember>
  void blockStatement(antlr4::ParserRuleContext *ctx, OnMember onMember) {
    bool inside = false;
    bool empty = true;
    for (antlr4::tree::ParseTree *child : ctx->children) {
      auto *t = dynamic_cast<antlr4::tree::TerminalNode *>(child);
      if (t != nullptr && t->getText() == "{" && !inside) {
        emit(t->getSymbol(), true);
        indent_ += kIndent;
        atBlockStart_ = true;
        inside = true;
      } else if (t != nullptr && t->getText() == "}" && inside) {
        closeBlock(t->getSymbol(), empty);
      } else if (inside) {
        empty = false;
        onMember(child);
      } else {
        inlineTokens(child);
      }
    }
  }

  void closeBlock(antlr4::Token *brace, bool empty) {
    item(false); // its comments are the block's last lines
    comments(brace, indent_);
    itemStart_ = false;
    indent_ -= kIndent;
    if (!empty || breakPending_)
      startLine(indent_, false);
    line_ += "}";
    prevLine_ = brace->getLine();
    breakPending_ = false;
    itemStart_ = false;
  }

  /// The next token starts a line of its own (after a blank line if
  /// `blank` and it is not the first of its block).
  void item(bool blank) {
    itemStart_ = true;
    forceBlank_ = blank;
  }

  static void collectTerminals(antlr4::tree::ParseTree *tree, std::vector<antlr4::Token *> &out) {
    if (auto *t = dynamic_cast<antlr4::tree::TerminalNode *>(tree)) {
      if (t->getSymbol()->getType() != antlr4::Token::EOF)
        out.push_back(t->getSymbol());
      return;
    }
    for (antlr4::tree::ParseTree *child : tree->children)
      collectTerminals(child, out);
  }

  /// Every token of `tree` on the current line (unless comments break it),
  /// spaced canonically.
  void inlineTokens(antlr4::tree::ParseTree *tree) {
    std::vector<antlr4::Token *> tokens;
    collectTerminals(tree, tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string text = tokens[i]->getText();
      if (text == "," && i + 1 < tokens.size() && tokens[i + 1]->getText() == "]") {
        skip(tokens[i]); // a trailing comma
        continue;
      }
      bool glued = text == "," || text == "]" || lastText_ == "[";
      emit(tokens[i], !glued);
    }
  }

  /// The comments before `token`: at the end of the current line when on
  /// the source line of the previous token, else each on its own line.
  void comments(antlr4::Token *token, int standaloneIndent) {
    for (antlr4::Token *c : tokens_.getHiddenTokensToLeft(token->getTokenIndex())) {
      std::string text = c->getText();
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.pop_back();
      if (lineOpen_ && c->getLine() == prevLine_) {
        line_ += "  " + text;
      } else {
        bool blank = itemStart_ && (forceBlank_ || blankBefore(c));
        startLine(itemStart_ ? indent_ : standaloneIndent, blank);
        forceBlank_ = false;
        line_ += text;
      }
      breakPending_ = true;
      prevLine_ = c->getLine();
    }
  }

  /// Prints `token` (after its comments), starting a line when it starts an
  /// item or a comment broke the line.
  void emit(antlr4::Token *token, bool spaceBefore) {
    comments(token, itemStart_ ? indent_ : indent_ + kContinuation);
    if (itemStart_) {
      startLine(indent_, forceBlank_ || blankBefore(token));
      itemStart_ = false;
      forceBlank_ = false;
    } else if (breakPending_ || !lineOpen_) {
      startLine(indent_ + kContinuation, false);
    } else if (spaceBefore) {
      line_ += " ";
    }
    lastText_ = token->getText();
    line_ += lastText_;
    prevLine_ = token->getLine();
    breakPending_ = false;
  }

  /// A token left out (a trailing comma): its comments are still printed.
  void skip(antlr4::Token *token) {
    comments(token, indent_ + kContinuation);
    prevLine_ = token->getLine();
  }

  bool blankBefore(antlr4::Token *token) const {
    return prevLine_ > 0 && token->getLine() > prevLine_ + 1;
  }

  void startLine(int indent, bool blank) {
    if (lineOpen_)
      out_ += line_ + "\n";
    if (blank && !atBlockStart_)
      out_ += "\n";
    line_.assign(static_cast<size_t>(indent), ' ');
    lineOpen_ = true;
    atBlockStart_ = false;
    lastText_.clear();
  }

  antlr4::CommonTokenStream &tokens_;
  std::string out_;  ///< the finished lines
  std::string line_; ///< the current line
  std::string lastText_;
  bool lineOpen_ = false;
  bool breakPending_ = false; ///< a comment ended the current line
  bool itemStart_ = false;    ///< the next token starts an item (a line)
  bool forceBlank_ = false;   ///< ... after a blank line
  bool atBlockStart_ = true;  ///< no blank line at the top of a file or block
  int indent_ = 0;
  size_t prevLine_ = 0; ///< source line of the last token or comment printed
};

} // namespace

std::string formatHfSource(const std::string &text, const std::string &file) {
  // The checks (syntax, UTF-8, constants, bins) and their diagnostics are
  // the parser's; what passes them lexes and parses without errors here.
  parseHfDocument(text, file);
  antlr4::ANTLRInputStream input(text);
  HfLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  HfParser parser(&tokens);
  parser.removeErrorListeners();
  HfParser::FileContext *tree = parser.file();
  return Formatter(tokens).run(tree);
}

} // namespace hf
