//===- frontend/hf/writer.cpp - Spec -> canonical .hf text ----------------===//
#include "frontend/hf/writer.h"

#include "frontend/python_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace hf {

namespace {

/// The words of the grammar (grammar/Hf.g4): a name spelled like one is quoted.
constexpr const char *kKeywords[] = {
    "workspace", "version",  "import",      "patch",    "let",       "channel",
    "bins",      "sample",   "in",          "observed", "measurement", "poi",
    "normfactor", "lumi",    "normsys",     "histosys", "staterror", "shapesys",
    "shapefactor", "lo",     "hi",          "init",     "bounds",    "fixed",
    "auxdata",   "sigma",    "factor",      "true",     "false",
};

bool isBare(const std::string &name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return std::none_of(std::begin(kKeywords), std::end(kKeywords),
                      [&](const char *k) { return name == k; });
}

std::string quote(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += {'\\', c};
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  return out + "\"";
}

std::string number(double x) { return pythonFloatRepr(x); }

std::string list(const std::vector<double> &values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i)
    out += (i == 0 ? "" : ", ") + number(values[i]);
  return out + "]";
}

/// A setting's values: one number bare, otherwise a list.
std::string values(const std::vector<double> &v) { return v.size() == 1 ? number(v[0]) : list(v); }

void writeModifier(std::string &out, const Modifier &m) {
  out += "    ";
  switch (m.type) {
  case ModifierType::NormFactor:
    out += fmt::format("normfactor {}", hfName(m.name));
    break;
  case ModifierType::Lumi:
    out += "lumi";
    break;
  case ModifierType::NormSys:
    out += fmt::format("normsys {} lo {} hi {}", hfName(m.name), number(m.lo), number(m.hi));
    break;
  case ModifierType::HistoSys:
    out += fmt::format("histosys {} lo {} hi {}", hfName(m.name), list(m.loData), list(m.hiData));
    break;
  case ModifierType::StatError:
    out += fmt::format("staterror {} {}", hfName(m.name), list(m.data));
    break;
  case ModifierType::ShapeSys:
    out += fmt::format("shapesys {} {}", hfName(m.name), list(m.data));
    break;
  case ModifierType::ShapeFactor:
    out += fmt::format("shapefactor {}", hfName(m.name));
    break;
  }
  out += "\n";
}

/// `sample NAME [data] { modifiers }` after `prefix` ("  " in a channel).
void writeSample(std::string &out, const Sample &s, const std::string &head) {
  out += fmt::format("  {} {}", head, list(s.data));
  if (s.modifiers.empty()) {
    out += "\n";
    return;
  }
  out += " {\n";
  for (const Modifier &m : s.modifiers)
    writeModifier(out, m);
  out += "  }\n";
}

void writeMeasurement(std::string &out, const Measurement &m) {
  out += fmt::format("\nmeasurement {}", hfName(m.name));
  if (!m.poi.empty())
    out += fmt::format(" poi {}", hfName(m.poi));
  if (m.parameters.empty()) {
    out += " {}\n";
    return;
  }
  out += " {\n";
  for (const ParameterSetting &p : m.parameters) {
    out += "  " + (p.name == "lumi" ? std::string("lumi") : hfName(p.name));
    if (p.inits)
      out += " init " + values(*p.inits);
    if (p.bounds) {
      const auto &b = *p.bounds;
      if (b.size() == 1) {
        out += fmt::format(" bounds [{}, {}]", number(b[0][0]), number(b[0][1]));
      } else {
        out += " bounds [";
        for (size_t i = 0; i < b.size(); ++i)
          out += fmt::format("{}[{}, {}]", i == 0 ? "" : ", ", number(b[i][0]), number(b[i][1]));
        out += "]";
      }
    }
    if (p.fixed)
      out += *p.fixed ? " fixed" : " fixed false";
    if (p.auxdata)
      out += " auxdata " + values(*p.auxdata);
    if (p.sigmas)
      out += " sigma " + values(*p.sigmas);
    if (p.factors)
      out += " factor " + values(*p.factors);
    out += "\n";
  }
  out += "}\n";
}

/// Channels, observations and measurements; observations go inside their
/// channel's block when they follow the channels one to one, else after them.
void writeBody(std::string &out, const Workspace &ws) {
  bool inside = ws.observations.size() == ws.channels.size();
  for (size_t i = 0; inside && i < ws.channels.size(); ++i)
    inside = ws.observations[i].name == ws.channels[i].name;
  for (size_t i = 0; i < ws.channels.size(); ++i) {
    const Channel &c = ws.channels[i];
    out += fmt::format("\nchannel {} bins {} {{\n", hfName(c.name), c.nbins());
    for (const Sample &s : c.samples)
      writeSample(out, s, "sample " + hfName(s.name));
    if (inside)
      out += fmt::format("  observed {}\n", list(ws.observations[i].data));
    out += "}\n";
  }
  if (!inside) {
    if (!ws.observations.empty())
      out += "\n";
    for (const Observation &o : ws.observations)
      out += fmt::format("observed {} {}\n", hfName(o.name), list(o.data));
  }
  for (const Measurement &m : ws.measurements)
    writeMeasurement(out, m);
}

} // namespace

std::string hfName(const std::string &name) { return isBare(name) ? name : quote(name); }

std::string writeHf(const Workspace &ws) {
  std::string out = fmt::format("workspace version {}\n", quote(ws.version));
  writeBody(out, ws);
  return out;
}

std::string writeHfDocument(const HfDocument &doc) {
  std::string out;
  if (doc.hasVersion)
    out += fmt::format("workspace version {}\n", quote(doc.local.version));
  if (doc.import)
    out += fmt::format("import {}\n", quote(doc.import->path));
  for (const HfFileRef &p : doc.patches)
    out += fmt::format("patch {}\n", quote(p.path));
  writeBody(out, doc.local);
  for (const HfAddedSample &a : doc.added) {
    out += "\n";
    std::string sample;
    writeSample(sample, a.sample,
                fmt::format("sample {} in channel {}", hfName(a.sample.name), hfName(a.channel)));
    // At the top level: no indentation of the head, two spaces less inside.
    std::string dedented;
    size_t pos = 0;
    while (pos < sample.size()) {
      size_t end = sample.find('\n', pos);
      std::string line = sample.substr(pos, end - pos);
      dedented += (line.rfind("  ", 0) == 0 ? line.substr(2) : line) + "\n";
      pos = end + 1;
    }
    out += dedented;
  }
  return out.rfind("\n", 0) == 0 ? out.substr(1) : out;
}

} // namespace hf
