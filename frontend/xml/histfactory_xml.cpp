//===- frontend/xml/histfactory_xml.cpp - HistFactory XML + ROOT -> Spec --===//
//
// The walk follows pyhf 0.7.6's readxml step by step, so that the output is
// its output:
//  1. the <Combination>: its <Input> channel files, in order;
//  2. each <Channel>: the first <Data> is the observation; each <Sample> its
//     nominal histogram, a lumi modifier first when NormalizeByTheory="True",
//     then one modifier per child element in document order (StatError is
//     named staterror_<channel>; ShapeSys and a StatError histogram hold
//     relative errors, made absolute by the nominal); each NormFactor also
//     gives a parameter setting (bounds, init, fixed);
//  3. the NormFactor settings of all channels, de-duplicated (two different
//     settings of one name are an error);
//  4. each <Measurement>: lumi's setting from Lumi and LumiRelErr first, then
//     the NormFactor settings, with each <ParamSetting> name (Lumi,
//     alpha_NAME, NAME; gamma_* is refused) updated and moved to the end.
// Where pyhf resolves less than ROOT's hist2workspace (HistoPath of a
// systematic, StatError's InputFile), the ROOT defaults are used: they only
// find histograms pyhf would not find at all.
//
//===----------------------------------------------------------------------===//
#include "frontend/xml/histfactory_xml.h"

#include "frontend/diagnostics.h"
#include "frontend/json_text.h"
#include "frontend/xml/histograms.h"
#include "frontend/xml/xml_document.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>

namespace hf::xml {

bool isXmlFile(const std::string &file) {
  return file.size() >= 4 && file.compare(file.size() - 4, 4, ".xml") == 0;
}

namespace {

/// One XML file being read: its name in messages and the location helper.
struct Source {
  std::string file;
  Loc at(const Element &e) const { return Loc{file, "", e.line, e.col}; }
};

Source loadSource(const std::string &path, Element &root) {
  std::string text = readTextFile(path);
  registerSourceText(path, text);
  root = parseXml(text, path);
  return Source{path};
}

std::string strip(const std::string &s) {
  const char *ws = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos)
    return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

/// The attribute, which the element must have.
std::string required(const Source &src, const Element &e, const char *key) {
  std::optional<std::string> v = e.attribute(key);
  if (!v)
    failAt(src.at(e), fmt::format("<{}> has no {} attribute (it is required)", e.name, key));
  return *v;
}

std::string attributeOr(const Element &e, const char *key, const std::string &fallback) {
  std::optional<std::string> v = e.attribute(key);
  return v ? *v : fallback;
}

/// A number as Python's float() reads one (surrounding blanks allowed).
double number(const Source &src, const Element &e, const char *key, const std::string &text) {
  std::string t = strip(text);
  bool hex = t.find_first_of("xX") != std::string::npos;
  char *end = nullptr;
  errno = 0;
  double v = t.empty() || hex ? 0.0 : std::strtod(t.c_str(), &end);
  if (t.empty() || hex || end != t.c_str() + t.size())
    failAt(src.at(e), fmt::format("<{}> {}=\"{}\" is not a number", e.name, key, text));
  return v;
}

double requiredNumber(const Source &src, const Element &e, const char *key) {
  return number(src, e, key, required(src, e, key));
}

/// pyhf compares booleans with the string "True"; anything else is false.
/// ROOT also accepts "true", so a lower-case spelling gets a warning.
bool isTrue(const Source &src, const Element &e, const char *key, const std::string &value) {
  if (value != "True" && (value == "true" || value == "TRUE"))
    warnAt(src.at(e), fmt::format("{}=\"{}\" is read as False (pyhf's xml2json accepts only \"True\")", key,
                                  value));
  return value == "True";
}

/// Elements the DTD allows under `e`; anything else is an error.
void checkChildren(const Source &src, const Element &e, std::initializer_list<const char *> allowed) {
  for (const Element &c : e.children) {
    bool ok = false;
    for (const char *name : allowed)
      ok = ok || c.name == name;
    if (!ok)
      failAt(src.at(c), fmt::format("unknown element <{}> in <{}> (expected {})", c.name, e.name,
                                    fmt::join(allowed, ", ")));
  }
}

struct SettingsByName {
  std::vector<ParameterSetting> list;
  ParameterSetting *find(const std::string &name) {
    for (ParameterSetting &p : list)
      if (p.name == name)
        return &p;
    return nullptr;
  }
};

bool sameSetting(const ParameterSetting &a, const ParameterSetting &b) {
  return a.inits == b.inits && a.bounds == b.bounds && a.fixed == b.fixed && a.auxdata == b.auxdata &&
         a.sigmas == b.sigmas && a.factors == b.factors;
}

class Importer {
public:
  explicit Importer(const ImportOptions &options) : options_(options), histograms_(options.basedir) {}

  Workspace run(const std::string &topFile);

private:
  void readChannel(const Source &top, const Element &input, Workspace &ws);
  Sample readSample(const Source &src, const Element &e, const std::string &channel, const std::string &inputFile,
                    const std::string &histoPath, const std::string &histoName);
  Measurement readMeasurement(const Source &src, const Element &e);
  void progress(const std::string &line) const {
    if (options_.progress)
      options_.progress(line);
  }

  const ImportOptions &options_;
  HistogramSource histograms_;
  std::vector<ParameterSetting> normFactorSettings_; ///< all channels', in order
};

Workspace Importer::run(const std::string &topFile) {
  if (topFile == "-")
    throw InputError("error: a HistFactory XML configuration cannot be read from standard input (its "
                     "channel files are named relative to a directory)");
  Element root;
  Source top = loadSource(topFile, root);
  if (root.name != "Combination")
    failAt(top.at(root), fmt::format("expected the top-level <Combination> element, found <{}>{}", root.name,
                                     root.name == "Channel" ? " (this is a channel file: give the "
                                                              "top-level file that lists it in <Input>)"
                                                            : ""));
  checkChildren(top, root, {"Function", "Input", "Measurement"});
  for (const Element *f : root.childrenNamed("Function"))
    warnAt(top.at(*f), fmt::format("<Function Name=\"{}\"> is ignored: pyhf's xml2json has no functions of "
                                   "parameters",
                                   attributeOr(*f, "Name", "")));

  Workspace ws;
  ws.loc = Loc{topFile, "", root.line, root.col};
  std::vector<const Element *> inputs = root.childrenNamed("Input");
  if (inputs.empty())
    failAt(top.at(root), "the <Combination> lists no channel file (<Input>)");
  size_t index = 0;
  for (const Element *input : inputs) {
    ++index;
    progress(fmt::format("channel {}/{}: {}", index, inputs.size(), strip(input->text)));
    readChannel(top, *input, ws);
  }

  // De-duplicate the NormFactor settings (pyhf's dedupe_parameters): the
  // first occurrence keeps its place; a different one is an error.
  std::vector<ParameterSetting> deduped;
  for (const ParameterSetting &p : normFactorSettings_) {
    auto it = std::find_if(deduped.begin(), deduped.end(), [&](const ParameterSetting &q) { return q.name == p.name; });
    if (it == deduped.end())
      deduped.push_back(p);
    else if (!sameSetting(*it, p))
      failAt(p.loc, fmt::format("NormFactor \"{}\" is configured differently at {} (Val, Low, High and Const "
                                "must agree wherever a NormFactor name is used)",
                                p.name, it->loc.str()));
  }
  normFactorSettings_ = std::move(deduped);

  std::vector<const Element *> measurements = root.childrenNamed("Measurement");
  if (measurements.empty())
    failAt(top.at(root), "the <Combination> has no <Measurement>");
  for (const Element *m : measurements)
    ws.measurements.push_back(readMeasurement(top, *m));
  return ws;
}

void Importer::readChannel(const Source &top, const Element &input, Workspace &ws) {
  std::string name = strip(input.text);
  if (name.empty())
    failAt(top.at(input), "empty <Input> (expected the name of a channel file)");
  std::string path = histograms_.resolve(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    failAt(top.at(input), fmt::format("channel file \"{}\" not found: {} does not exist{}", name, path,
                                      options_.basedir.empty() ? " (file names in the XML start at the working "
                                                                 "directory; set another with --basedir)"
                                                               : ""));
  Element root;
  Source src = loadSource(path, root);
  if (root.name != "Channel")
    failAt(src.at(root), fmt::format("expected a <Channel> element (the file is listed in <Input> at {}), "
                                     "found <{}>",
                                     top.at(input).str(), root.name));
  checkChildren(src, root, {"Data", "StatErrorConfig", "Sample"});
  std::string channel = required(src, root, "Name");
  std::string inputFile = attributeOr(root, "InputFile", "");
  std::string histoPath = attributeOr(root, "HistoPath", "");
  std::string histoName = attributeOr(root, "HistoName", "");

  std::vector<const Element *> data = root.childrenNamed("Data");
  if (data.empty())
    failAt(src.at(root), fmt::format("channel \"{}\" has no <Data> (pyhf's xml2json needs the observed data; "
                                     "see pyhf issue 1911)",
                                     channel));
  const Element &d = *data.front();
  Observation obs;
  obs.name = channel;
  obs.loc = src.at(d);
  obs.data = histograms_
                 .read(attributeOr(d, "InputFile", inputFile), attributeOr(d, "HistoPath", histoPath),
                       required(src, d, "HistoName"), obs.loc)
                 .values;

  for (const Element *config : root.childrenNamed("StatErrorConfig")) {
    std::string type = attributeOr(*config, "ConstraintType", "Gaussian");
    if (type != "Gaussian" && type != "Poisson")
      failAt(src.at(*config), fmt::format("StatErrorConfig ConstraintType=\"{}\" is not supported (expected "
                                          "Gaussian or Poisson)",
                                          type));
    if (std::optional<std::string> t = config->attribute("RelErrorThreshold"))
      number(src, *config, "RelErrorThreshold", *t);
    if (type == "Poisson")
      warnAt(src.at(*config), "the staterror constraints stay Gaussian: pyhf's xml2json ignores "
                              "StatErrorConfig (ConstraintType=\"Poisson\", RelErrorThreshold)");
  }

  Channel ch;
  ch.name = channel;
  ch.loc = src.at(root);
  for (const Element *s : root.childrenNamed("Sample"))
    ch.samples.push_back(readSample(src, *s, channel, inputFile, histoPath, histoName));
  if (ch.samples.empty())
    failAt(src.at(root), fmt::format("channel \"{}\" has no <Sample>", channel));
  ws.channels.push_back(std::move(ch));
  ws.observations.push_back(std::move(obs));
}

Sample Importer::readSample(const Source &src, const Element &e, const std::string &channel,
                            const std::string &channelFile, const std::string &channelPath,
                            const std::string &channelHisto) {
  checkChildren(src, e, {"StatError", "HistoSys", "OverallSys", "ShapeSys", "NormFactor", "ShapeFactor",
                         "HistoFactor"});
  Sample s;
  s.name = required(src, e, "Name");
  s.loc = src.at(e);
  std::string inputFile = attributeOr(e, "InputFile", channelFile);
  std::string histoPath = attributeOr(e, "HistoPath", channelPath);
  std::string histoName = attributeOr(e, "HistoName", channelHisto);
  if (histoName.empty())
    failAt(s.loc, fmt::format("<Sample Name=\"{}\"> has no HistoName (on the sample or its channel)", s.name));
  HistogramValues nominal = histograms_.read(inputFile, histoPath, histoName, s.loc);
  s.data = nominal.values;

  if (isTrue(src, e, "NormalizeByTheory", attributeOr(e, "NormalizeByTheory", "False")))
    s.modifiers.push_back(Modifier{"lumi", ModifierType::Lumi, 1.0, 1.0, {}, {}, {}, s.loc});

  /// A histogram of relative errors made absolute by the nominal.
  auto relativeToAbsolute = [&](const Element &m, const std::vector<double> &relative) {
    if (relative.size() != s.data.size())
      failAt(src.at(m), fmt::format("the histogram of <{}> has {} bins, the sample \"{}\" {}", m.name,
                                    relative.size(), s.name, s.data.size()));
    std::vector<double> out(relative.size());
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = relative[i] * s.data[i];
    return out;
  };

  for (const Element &m : e.children) {
    Modifier mod;
    mod.loc = src.at(m);
    if (m.name == "OverallSys") {
      mod.name = required(src, m, "Name");
      mod.type = ModifierType::NormSys;
      mod.lo = requiredNumber(src, m, "Low");
      mod.hi = requiredNumber(src, m, "High");
    } else if (m.name == "NormFactor") {
      mod.name = required(src, m, "Name");
      mod.type = ModifierType::NormFactor;
      ParameterSetting p;
      p.name = mod.name;
      p.loc = mod.loc;
      p.bounds = std::vector<std::array<double, 2>>{{requiredNumber(src, m, "Low"), requiredNumber(src, m, "High")}};
      p.inits = std::vector<double>{requiredNumber(src, m, "Val")};
      std::string c = attributeOr(m, "Const", "");
      if (!c.empty())
        p.fixed = isTrue(src, m, "Const", c);
      normFactorSettings_.push_back(std::move(p));
    } else if (m.name == "HistoSys") {
      mod.name = required(src, m, "Name");
      mod.type = ModifierType::HistoSys;
      if (m.attribute("InputFile"))
        warnAt(mod.loc, "HistoSys InputFile is ignored (as by pyhf and ROOT): name the files with "
                        "HistoFileLow and HistoFileHigh");
      mod.loData = histograms_
                       .read(attributeOr(m, "HistoFileLow", inputFile), attributeOr(m, "HistoPathLow", histoPath),
                             required(src, m, "HistoNameLow"), mod.loc)
                       .values;
      mod.hiData = histograms_
                       .read(attributeOr(m, "HistoFileHigh", inputFile), attributeOr(m, "HistoPathHigh", histoPath),
                             required(src, m, "HistoNameHigh"), mod.loc)
                       .values;
    } else if (m.name == "StatError") {
      if (!isTrue(src, m, "Activate", required(src, m, "Activate")))
        continue;
      mod.name = "staterror_" + channel;
      mod.type = ModifierType::StatError;
      std::string name = attributeOr(m, "HistoName", "");
      if (name.empty()) {
        mod.data = nominal.errors;
      } else {
        // ROOT names the file InputFile; pyhf's readxml reads HistoFile.
        std::string file = attributeOr(m, "InputFile", attributeOr(m, "HistoFile", inputFile));
        mod.data = relativeToAbsolute(
            m, histograms_.read(file, attributeOr(m, "HistoPath", histoPath), name, mod.loc).values);
      }
      if (mod.data.empty())
        failAt(mod.loc, "cannot determine the stat error (the histogram has no bins)");
    } else if (m.name == "ShapeSys") {
      mod.name = required(src, m, "Name");
      mod.type = ModifierType::ShapeSys;
      std::string type = attributeOr(m, "ConstraintType", "Poisson");
      if (type != "Poisson")
        warnAt(mod.loc, fmt::format("ShapeSys \"{}\" has ConstraintType=\"{}\": pyhf's shapesys is always "
                                    "Poisson-constrained",
                                    mod.name, type));
      mod.data = relativeToAbsolute(m, histograms_
                                           .read(attributeOr(m, "InputFile", inputFile),
                                                 attributeOr(m, "HistoPath", histoPath),
                                                 required(src, m, "HistoName"), mod.loc)
                                           .values);
    } else if (m.name == "ShapeFactor") {
      mod.name = required(src, m, "Name");
      mod.type = ModifierType::ShapeFactor;
    } else {
      warnAt(mod.loc, fmt::format("<{}> is not imported (pyhf has no such modifier)", m.name));
      continue;
    }
    s.modifiers.push_back(std::move(mod));
  }
  return s;
}

Measurement Importer::readMeasurement(const Source &src, const Element &e) {
  checkChildren(src, e, {"POI", "ParamSetting", "ConstraintTerm"});
  Measurement m;
  m.name = required(src, e, "Name");
  m.loc = src.at(e);
  double lumi = requiredNumber(src, e, "Lumi");
  double lumiErr = lumi * requiredNumber(src, e, "LumiRelErr");
  std::vector<const Element *> poi = e.childrenNamed("POI");
  if (poi.empty())
    failAt(m.loc, fmt::format("Measurement \"{}\" has no <POI>", m.name));
  m.poi = strip(poi.front()->text);

  ParameterSetting lumiSetting;
  lumiSetting.name = "lumi";
  lumiSetting.loc = m.loc;
  lumiSetting.auxdata = std::vector<double>{lumi};
  lumiSetting.bounds = std::vector<std::array<double, 2>>{{lumi - 5.0 * lumiErr, lumi + 5.0 * lumiErr}};
  lumiSetting.inits = std::vector<double>{lumi};
  lumiSetting.sigmas = std::vector<double>{lumiErr};

  SettingsByName others{normFactorSettings_};
  for (const Element *ps : e.childrenNamed("ParamSetting")) {
    std::optional<bool> fixed;
    std::optional<double> value;
    std::string c = attributeOr(*ps, "Const", "");
    if (!c.empty())
      fixed = isTrue(src, *ps, "Const", c);
    std::string v = attributeOr(*ps, "Val", "");
    if (!v.empty())
      value = number(src, *ps, "Val", v);
    std::string names = strip(ps->text);
    size_t start = 0;
    while (start < names.size()) {
      size_t end = names.find_first_of(" \t\r\n", start);
      std::string rootName = names.substr(start, end == std::string::npos ? std::string::npos : end - start);
      start = end == std::string::npos ? names.size() : names.find_first_not_of(" \t\r\n", end);
      if (rootName.rfind("gamma_", 0) == 0)
        failAt(src.at(*ps), fmt::format("pyhf does not support setting non-scalar parameters (\"gammas\") "
                                        "constant, such as {}",
                                        rootName));
      std::string name = rootName == "Lumi" ? "lumi"
                         : rootName.rfind("alpha_", 0) == 0 ? rootName.substr(6)
                                                            : rootName;
      ParameterSetting *target = &lumiSetting;
      if (name != "lumi") {
        ParameterSetting setting;
        if (ParameterSetting *found = others.find(name)) {
          setting = *found;
          others.list.erase(others.list.begin() + (found - others.list.data()));
        } else {
          setting.name = name;
          setting.loc = src.at(*ps);
        }
        others.list.push_back(std::move(setting));
        target = &others.list.back();
      }
      if (fixed)
        target->fixed = *fixed;
      if (value)
        target->inits = std::vector<double>{*value};
    }
  }

  for (const Element *ct : e.childrenNamed("ConstraintTerm")) {
    std::string type = required(src, *ct, "Type");
    if (type != "Gaussian" && type != "Gamma" && type != "LogNormal" && type != "Uniform")
      failAt(src.at(*ct), fmt::format("unsupported ConstraintTerm Type=\"{}\" (HistFactory knows Gaussian, "
                                      "Gamma, LogNormal and Uniform)",
                                      type));
    std::optional<std::string> rel = ct->attribute("RelativeUncertainty");
    if (rel)
      number(src, *ct, "RelativeUncertainty", *rel);
    if (type != "Gaussian" || rel)
      warnAt(src.at(*ct), fmt::format("ConstraintTerm Type=\"{}\"{} for {} is ignored: pyhf's xml2json keeps "
                                      "the Gaussian constraint of unit width",
                                      type, rel ? fmt::format(" RelativeUncertainty=\"{}\"", *rel) : "",
                                      strip(ct->text)));
  }

  m.parameters.push_back(std::move(lumiSetting));
  for (ParameterSetting &p : others.list)
    m.parameters.push_back(std::move(p));
  return m;
}

} // namespace

Workspace importHistFactoryXml(const std::string &topFile, const ImportOptions &options) {
  Importer importer(options);
  return importer.run(topFile);
}

} // namespace hf::xml
