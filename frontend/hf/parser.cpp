//===- frontend/hf/parser.cpp - The .hf model language -> Spec ------------===//
#include "frontend/hf/parser.h"

#include "frontend/diagnostics.h"
#include "frontend/json_patch.h"
#include "frontend/json_reader.h"
#include "frontend/json_text.h"
#include "hf/error.h"

#include "HfLexer.h"
#include "HfParser.h"
#include "antlr4-runtime.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <algorithm>
#include <map>
#include <sstream>

namespace hf {

namespace {

using hfgen::HfLexer;
using hfgen::HfParser;

constexpr size_t kMaxErrors = 20;

/// The errors of one file, each with its source line and a caret.
class Diagnostics {
public:
  Diagnostics(const std::string &text, std::string file) : file_(std::move(file)) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      lines_.push_back(line);
    }
  }

  void error(size_t line, size_t col, const std::string &what) {
    for (const auto &[l, c] : places_)
      if (l == line && c == col)
        return; // one error per place: the first is the useful one
    places_.emplace_back(line, col);
    if (messages_.size() == kMaxErrors)
      messages_.push_back(fmt::format("{}: error: too many errors, stopping here", file_));
    if (messages_.size() > kMaxErrors)
      return;
    std::string message = fmt::format("{}:{}:{}: error: {}", file_, line, col, what);
    if (line >= 1 && line <= lines_.size())
      message += caretExcerpt(lines_[line - 1], col);
    messages_.push_back(std::move(message));
  }

  void error(const Loc &loc, const std::string &what) {
    error(static_cast<size_t>(loc.line), static_cast<size_t>(loc.col), what);
  }

  bool empty() const { return messages_.empty(); }

  /// Throws every error collected so far as one InputError.
  void throwIfAny() const {
    if (messages_.empty())
      return;
    std::string all;
    for (const std::string &m : messages_)
      all += (all.empty() ? "" : "\n") + m;
    throw InputError(all);
  }

private:
  std::string file_;
  std::vector<std::string> lines_;
  std::vector<std::pair<size_t, size_t>> places_;
  std::vector<std::string> messages_;
};

/// A token as the user reads it in "expected X" messages.
std::string describeTokenType(const antlr4::dfa::Vocabulary &vocabulary, size_t type) {
  if (type == antlr4::Token::EOF)
    return "end of file";
  if (type == HfLexer::NUMBER)
    return "a number";
  if (type == HfLexer::ID)
    return "a name";
  if (type == HfLexer::STRING)
    return "a string";
  return vocabulary.getDisplayName(type);
}

/// Turns ANTLR's reports into "expected ..., found ..." diagnostics.
class ErrorListener : public antlr4::BaseErrorListener {
public:
  explicit ErrorListener(Diagnostics &diags) : diags_(diags) {}

  void syntaxError(antlr4::Recognizer *recognizer, antlr4::Token *offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string &msg,
                   std::exception_ptr) override {
    // ANTLR recovers and goes on, and what it reports after the first
    // syntax error is mostly that error's echo: one typo, one message.
    if (reported_)
      return;
    reported_ = true;
    auto *parser = dynamic_cast<antlr4::Parser *>(recognizer);
    if (parser == nullptr) {
      // The lexer: "token recognition error at: 'x'".
      std::string text = msg;
      size_t at = msg.find("at: ");
      if (at != std::string::npos)
        text = msg.substr(at + 4);
      diags_.error(line, charPositionInLine + 1,
                   text.size() > 1 && text[1] == '"' ? "unterminated string"
                                                     : fmt::format("unexpected character {}", text));
      return;
    }
    std::vector<std::string> expected;
    for (ssize_t type : parser->getExpectedTokens().toList())
      expected.push_back(describeTokenType(parser->getVocabulary(), static_cast<size_t>(type)));
    std::string list;
    for (size_t i = 0; i < expected.size(); ++i)
      list += (i == 0 ? "" : i + 1 == expected.size() ? " or " : ", ") + expected[i];
    std::string found = offendingSymbol == nullptr ? "?"
                        : offendingSymbol->getType() == antlr4::Token::EOF
                            ? "end of file"
                            : fmt::format("'{}'", offendingSymbol->getText());
    diags_.error(line, charPositionInLine + 1,
                 list.empty() ? fmt::format("unexpected {}", found)
                              : fmt::format("expected {}, found {}", list, found));
  }

private:
  Diagnostics &diags_;
  bool reported_ = false;
};

/// Parse tree -> Spec, with the constants of `let` substituted.
class Builder {
public:
  Builder(std::string file, Diagnostics &diags) : file_(std::move(file)), diags_(diags) {}

  HfDocument build(HfParser::FileContext *ctx) {
    HfDocument doc;
    doc.file = file_;
    doc.local.loc = Loc{file_, "", 1, 1};
    if (auto *v = ctx->versionStmt()) {
      doc.hasVersion = true;
      doc.local.version = string(v->STRING()->getSymbol());
    }
    for (auto *i : ctx->importStmt()) {
      HfFileRef ref{string(i->STRING()->getSymbol()), loc(i->getStart())};
      if (doc.import)
        diags_.error(ref.loc, fmt::format("a file imports one workspace (the first import is at "
                                          "line {})",
                                          doc.import->loc.line));
      else
        doc.import = ref;
    }
    for (auto *p : ctx->patchStmt()) {
      HfFileRef ref{string(p->STRING()->getSymbol()), loc(p->getStart())};
      if (!doc.import)
        diags_.error(ref.loc, "a patch applies to an imported workspace: import one first");
      doc.patches.push_back(ref);
    }
    for (auto *s : ctx->statement()) {
      if (auto *let = s->letStmt())
        define(let);
      else if (auto *c = s->channelStmt())
        channel(c, doc.local);
      else if (auto *a = s->sampleInStmt())
        doc.added.push_back(HfAddedSample{name(a->name(1)), sample(a->name(0), a->values(),
                                                                   a->modifierBlock(),
                                                                   a->getStart()),
                                          loc(a->getStart())});
      else if (auto *o = s->observedStmt())
        doc.local.observations.push_back(
            Observation{name(o->name()), values(o->values()), loc(o->getStart())});
      else if (auto *m = s->measurementStmt())
        doc.local.measurements.push_back(measurement(m));
    }
    return doc;
  }

private:
  struct Constant {
    std::vector<double> values;
    bool isList = false;
    Loc loc;
  };

  Loc loc(antlr4::Token *token) const {
    return Loc{file_, "", static_cast<int>(token->getLine()),
               static_cast<int>(token->getCharPositionInLine()) + 1};
  }

  /// A STRING token's text, unquoted and unescaped.
  static std::string string(antlr4::Token *token) {
    std::string text = token->getText();
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      char c = text[i];
      if (c == '\\' && i + 2 < text.size()) {
        char e = text[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string name(HfParser::NameContext *ctx) {
    if (ctx == nullptr)
      return "";
    if (ctx->STRING() != nullptr)
      return string(ctx->STRING()->getSymbol());
    return ctx->getText();
  }

  double literal(antlr4::Token *token) {
    std::string text = token->getText();
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
      diags_.error(loc(token), fmt::format("the number {} is out of range", text));
    return value;
  }

  const Constant *constant(antlr4::Token *token) {
    auto it = constants_.find(token->getText());
    if (it == constants_.end()) {
      diags_.error(loc(token), fmt::format("unknown constant '{}' (define it with let {} = ...)",
                                           token->getText(), token->getText()));
      return nullptr;
    }
    return &it->second;
  }

  double number(HfParser::NumberContext *ctx) {
    if (ctx->NUMBER() != nullptr)
      return literal(ctx->NUMBER()->getSymbol());
    antlr4::Token *token = ctx->ID()->getSymbol();
    const Constant *c = constant(token);
    if (c == nullptr)
      return 0;
    if (c->isList || c->values.size() != 1) {
      diags_.error(loc(token), fmt::format("constant '{}' is a list, a number is expected here",
                                           token->getText()));
      return 0;
    }
    return c->values.front();
  }

  std::vector<double> values(HfParser::ValuesContext *ctx) {
    std::vector<double> out;
    if (ctx->getStart()->getText() == "[") {
      for (auto *n : ctx->number())
        out.push_back(number(n));
      return out;
    }
    HfParser::NumberContext *n = ctx->number(0);
    if (n->ID() != nullptr) {
      const Constant *c = constant(n->ID()->getSymbol());
      return c == nullptr ? out : c->values;
    }
    out.push_back(number(n));
    return out;
  }

  void define(HfParser::LetStmtContext *ctx) {
    antlr4::Token *id = ctx->ID()->getSymbol();
    auto it = constants_.find(id->getText());
    if (it != constants_.end()) {
      diags_.error(loc(id), fmt::format("constant '{}' is already defined (at line {})",
                                        id->getText(), it->second.loc.line));
      return;
    }
    Constant c;
    c.values = values(ctx->values());
    HfParser::ValuesContext *v = ctx->values();
    if (v->getStart()->getText() == "[") {
      c.isList = true;
    } else if (v->number(0)->ID() != nullptr) {
      auto ref = constants_.find(v->number(0)->getText());
      if (ref == constants_.end())
        return; // reported by values()
      c.isList = ref->second.isList;
    }
    c.loc = loc(id);
    constants_.emplace(id->getText(), std::move(c));
  }

  Modifier modifier(HfParser::ModifierContext *ctx) {
    Modifier m;
    m.loc = loc(ctx->getStart());
    if (auto *c = dynamic_cast<HfParser::NormFactorContext *>(ctx)) {
      m.type = ModifierType::NormFactor;
      m.name = name(c->name());
    } else if (dynamic_cast<HfParser::LumiContext *>(ctx) != nullptr) {
      m.type = ModifierType::Lumi;
      m.name = "lumi";
    } else if (auto *n = dynamic_cast<HfParser::NormSysContext *>(ctx)) {
      m.type = ModifierType::NormSys;
      m.name = name(n->name());
      m.lo = number(n->number(0));
      m.hi = number(n->number(1));
    } else if (auto *h = dynamic_cast<HfParser::HistoSysContext *>(ctx)) {
      m.type = ModifierType::HistoSys;
      m.name = name(h->name());
      m.loData = values(h->values(0));
      m.hiData = values(h->values(1));
    } else if (auto *s = dynamic_cast<HfParser::StatErrorContext *>(ctx)) {
      m.type = ModifierType::StatError;
      m.name = name(s->name());
      m.data = values(s->values());
    } else if (auto *y = dynamic_cast<HfParser::ShapeSysContext *>(ctx)) {
      m.type = ModifierType::ShapeSys;
      m.name = name(y->name());
      m.data = values(y->values());
    } else if (auto *f = dynamic_cast<HfParser::ShapeFactorContext *>(ctx)) {
      m.type = ModifierType::ShapeFactor;
      m.name = name(f->name());
    }
    return m;
  }

  Sample sample(HfParser::NameContext *nameCtx, HfParser::ValuesContext *data,
                HfParser::ModifierBlockContext *block, antlr4::Token *start) {
    Sample s;
    s.name = name(nameCtx);
    s.loc = loc(start);
    s.data = values(data);
    if (block != nullptr)
      for (auto *m : block->modifier())
        s.modifiers.push_back(modifier(m));
    return s;
  }

  void channel(HfParser::ChannelStmtContext *ctx, Workspace &ws) {
    Channel c;
    c.name = name(ctx->name());
    c.loc = loc(ctx->getStart());
    std::optional<size_t> bins;
    if (ctx->NUMBER() != nullptr) {
      double n = literal(ctx->NUMBER()->getSymbol());
      if (n < 0 || n != static_cast<double>(static_cast<size_t>(n)) || n > 1e9)
        diags_.error(loc(ctx->NUMBER()->getSymbol()),
                     fmt::format("bins must be a non-negative integer, found {}",
                                 ctx->NUMBER()->getText()));
      else
        bins = static_cast<size_t>(n);
    }
    auto checkBins = [&](const std::vector<double> &data, HfParser::ValuesContext *where,
                         const std::string &what) {
      if (bins && data.size() != *bins)
        diags_.error(loc(where->getStart()),
                     fmt::format("{} has {} bin{}, channel \"{}\" declares bins {}", what,
                                 data.size(), data.size() == 1 ? "" : "s", c.name, *bins));
    };
    for (auto *child : ctx->children) {
      if (auto *s = dynamic_cast<HfParser::SampleContext *>(child)) {
        c.samples.push_back(sample(s->name(), s->values(), s->modifierBlock(), s->getStart()));
        checkBins(c.samples.back().data, s->values(),
                  fmt::format("sample \"{}\"", c.samples.back().name));
      } else if (auto *o = dynamic_cast<HfParser::ChannelObservedContext *>(child)) {
        ws.observations.push_back(Observation{c.name, values(o->values()), loc(o->getStart())});
        checkBins(ws.observations.back().data, o->values(), "the observed data");
      }
    }
    ws.channels.push_back(std::move(c));
  }

  Measurement measurement(HfParser::MeasurementStmtContext *ctx) {
    Measurement m;
    m.name = name(ctx->name(0));
    m.poi = name(ctx->name(1));
    m.loc = loc(ctx->getStart());
    for (auto *p : ctx->parameter()) {
      ParameterSetting ps;
      ps.name = p->name() != nullptr ? name(p->name()) : "lumi";
      ps.loc = loc(p->getStart());
      for (auto *s : p->setting()) {
        if (auto *i = dynamic_cast<HfParser::InitSettingContext *>(s)) {
          ps.inits = values(i->values());
        } else if (auto *b = dynamic_cast<HfParser::BoundsSettingContext *>(s)) {
          std::vector<std::array<double, 2>> bounds;
          HfParser::BoundsContext *bc = b->bounds();
          if (bc->number().size() == 2)
            bounds.push_back({number(bc->number(0)), number(bc->number(1))});
          for (auto *pair : bc->pair())
            bounds.push_back({number(pair->number(0)), number(pair->number(1))});
          ps.bounds = bounds;
        } else if (auto *f = dynamic_cast<HfParser::FixedSettingContext *>(s)) {
          ps.fixed = f->boolean() == nullptr || f->boolean()->getText() == "true";
        } else if (auto *a = dynamic_cast<HfParser::AuxdataSettingContext *>(s)) {
          ps.auxdata = values(a->values());
        } else if (auto *g = dynamic_cast<HfParser::SigmaSettingContext *>(s)) {
          ps.sigmas = values(g->values());
        } else if (auto *x = dynamic_cast<HfParser::FactorSettingContext *>(s)) {
          ps.factors = values(x->values());
        }
      }
      m.parameters.push_back(std::move(ps));
    }
    return m;
  }

  std::string file_;
  Diagnostics &diags_;
  std::map<std::string, Constant> constants_;
};

/// `path` as written in `doc`, relative to the directory of the .hf file.
std::string resolvePath(const HfDocument &doc, const std::string &path) {
  std::filesystem::path p(path);
  if (p.is_absolute())
    return path;
  std::filesystem::path base = std::filesystem::path(doc.file).parent_path();
  return (base / p).lexically_normal().string();
}

/// Applies a measurement written in .hf over an imported one of the same name.
void overrideMeasurement(Measurement &target, const Measurement &m) {
  if (!m.poi.empty())
    target.poi = m.poi;
  for (const ParameterSetting &ps : m.parameters) {
    // As in any measurement (ir::lower): one line per parameter.
    for (const ParameterSetting &before : m.parameters) {
      if (&before == &ps)
        break;
      if (before.name == ps.name)
        failAt(ps.loc, fmt::format("parameter \"{}\" is configured twice in measurement \"{}\" "
                                   "(first at {})",
                                   ps.name, m.name, before.loc.str()));
    }
    auto it = std::find_if(target.parameters.begin(), target.parameters.end(),
                           [&](const ParameterSetting &t) { return t.name == ps.name; });
    if (it == target.parameters.end()) {
      target.parameters.push_back(ps);
      continue;
    }
    if (ps.inits)
      it->inits = ps.inits;
    if (ps.bounds)
      it->bounds = ps.bounds;
    if (ps.fixed)
      it->fixed = ps.fixed;
    if (ps.auxdata)
      it->auxdata = ps.auxdata;
    if (ps.sigmas)
      it->sigmas = ps.sigmas;
    if (ps.factors)
      it->factors = ps.factors;
    it->loc = ps.loc;
  }
}

/// The offset of the first byte that is not valid UTF-8 (npos if none):
/// ANTLR's input stream rejects such text.
size_t invalidUtf8(const std::string &text) {
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
    if (n == 4 || (n == 1 && c < 0xC2) || i + n >= text.size())
      return i;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2)
        return i;
    i += n + 1;
  }
  return std::string::npos;
}

} // namespace

HfDocument parseHfDocument(const std::string &text, const std::string &file) {
  registerSourceText(file, text); // for the errors found after parsing
  Diagnostics diags(text, file);
  if (size_t bad = invalidUtf8(text); bad != std::string::npos) {
    size_t lineStart = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    lineStart = lineStart == std::string::npos || bad == 0 ? 0 : lineStart + 1;
    diags.error(static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n')) + 1,
                bad - lineStart + 1, "the file is not valid UTF-8");
    diags.throwIfAny();
  }
  ErrorListener listener(diags);
  antlr4::ANTLRInputStream input;
  try {
    input.load(text);
  } catch (const std::range_error &) { // code points UTF-8 cannot hold (surrogates)
    diags.error(1, 1, "the file is not valid UTF-8");
    diags.throwIfAny();
  }
  HfLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  HfParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  HfParser::FileContext *tree = parser.file();
  diags.throwIfAny(); // the tree of a file with syntax errors is not walked
  HfDocument doc = Builder(file, diags).build(tree);
  diags.throwIfAny();
  return doc;
}

Workspace resolveHfDocument(const HfDocument &doc) {
  Workspace ws;
  if (doc.import) {
    std::string path = resolvePath(doc, doc.import->path);
    if (!std::filesystem::exists(path))
      failAt(doc.import->loc, fmt::format("cannot import \"{}\": no such file", path));
    Json json = readJsonFile(path);
    for (const HfFileRef &patch : doc.patches) {
      std::string patchPath = resolvePath(doc, patch.path);
      if (!std::filesystem::exists(patchPath))
        failAt(patch.loc, fmt::format("cannot read patch \"{}\": no such file", patchPath));
      json = applyJsonPatch(json, readJsonFile(patchPath), patchPath);
    }
    ws = readWorkspace(json, doc.patches.empty() ? path : path + " (patched)");
  }
  if (doc.hasVersion || !doc.import)
    ws.version = doc.local.version;
  if (!doc.import)
    ws.loc = doc.local.loc;
  size_t imported = ws.measurements.size();
  for (const Channel &c : doc.local.channels)
    ws.channels.push_back(c);
  for (const HfAddedSample &a : doc.added) {
    auto it = std::find_if(ws.channels.begin(), ws.channels.end(),
                           [&](const Channel &c) { return c.name == a.channel; });
    if (it == ws.channels.end())
      failAt(a.loc, fmt::format("no channel named \"{}\" to add sample \"{}\" to", a.channel,
                                a.sample.name));
    it->samples.push_back(a.sample);
  }
  for (const Observation &o : doc.local.observations)
    ws.observations.push_back(o);
  for (const Measurement &m : doc.local.measurements) {
    auto it = std::find_if(ws.measurements.begin(), ws.measurements.begin() + imported,
                           [&](const Measurement &t) { return t.name == m.name; });
    if (it != ws.measurements.begin() + imported)
      overrideMeasurement(*it, m);
    else
      ws.measurements.push_back(m);
  }
  if (ws.measurements.empty())
    failAt(Loc{doc.file, "", 0, 0}, "the model has no measurement (add: measurement NAME poi "
                                    "PARAM { })");
  return ws;
}

Workspace parseHf(const std::string &text, const std::string &file) {
  return resolveHfDocument(parseHfDocument(text, file));
}

Workspace readHfFile(const std::string &file) { return parseHf(readTextFile(file), file); }

bool isHfFile(const std::string &file) {
  return file.size() > 3 && file.compare(file.size() - 3, 3, ".hf") == 0;
}

} // namespace hf
