//===- analysis/config.cpp - Reading and checking cabinetry's config ------===//
//
// YAML is parsed by yaml-cpp; the scalars are then typed as PyYAML's
// safe_load types them (YAML 1.1: `True`, `yes` and `on` are booleans,
// `1e5` without a dot is a string, a quoted scalar is always a string),
// because that is what cabinetry's JSON schema sees. The checks follow the
// schema (cabinetry 0.6.0 schemas/config.json): required keys, no unknown
// keys, the type of every value, minItems and uniqueItems; then
// configuration.validate: exactly one Data sample and unique names.
//
//===----------------------------------------------------------------------===//
#include "analysis/config.h"

#include "frontend/diagnostics.h"
#include "frontend/json_text.h"
#include "hf/error.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

namespace hf::analysis {

bool NameList::contains(const std::string &name) const {
  return !given || std::find(names.begin(), names.end(), name) != names.end();
}

const Sample &Config::dataSample() const {
  for (const Sample &s : samples)
    if (s.data)
      return s;
  throw std::logic_error("config without a Data sample");
}

bool isConfigFile(const std::string &path) {
  auto endsWith = [&](const char *suffix) {
    std::string s(suffix);
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return endsWith(".yml") || endsWith(".yaml");
}

namespace {

/// What a YAML node is once PyYAML has typed it.
enum class Kind { Null, Bool, Int, Float, String, List, Map };

const char *kindName(Kind k) {
  switch (k) {
  case Kind::Null: return "null";
  case Kind::Bool: return "a boolean";
  case Kind::Int: return "an integer";
  case Kind::Float: return "a number";
  case Kind::String: return "a string";
  case Kind::List: return "a list";
  case Kind::Map: return "a mapping";
  }
  return "?";
}

/// PyYAML's implicit resolvers for plain scalars (yaml/resolver.py).
Kind plainScalarKind(const std::string &s) {
  static const std::regex boolRe("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex intRe("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|"
                                "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
  static const std::regex floatRe("[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|"
                                  "\\.[0-9_]+([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|"
                                  "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return Kind::Null;
  if (std::regex_match(s, boolRe))
    return Kind::Bool;
  if (std::regex_match(s, intRe))
    return Kind::Int;
  if (std::regex_match(s, floatRe))
    return Kind::Float;
  return Kind::String;
}

Kind kindOf(const YAML::Node &n) {
  switch (n.Type()) {
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined: return Kind::Null;
  case YAML::NodeType::Sequence: return Kind::List;
  case YAML::NodeType::Map: return Kind::Map;
  case YAML::NodeType::Scalar: break;
  }
  const std::string &tag = n.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str")
    return Kind::String;
  if (tag == "tag:yaml.org,2002:int")
    return Kind::Int;
  if (tag == "tag:yaml.org,2002:float")
    return Kind::Float;
  if (tag == "tag:yaml.org,2002:bool")
    return Kind::Bool;
  return plainScalarKind(n.Scalar());
}

/// The config being read: the file name, and the position and key path of
/// the node at hand.
class Reader {
public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  Loc loc(const YAML::Node &n, const std::string &path) const {
    Loc l;
    l.file = file_;
    l.pointer = path;
    YAML::Mark m = n.Mark();
    if (m.line >= 0) {
      l.line = m.line + 1;
      l.col = m.column + 1;
    }
    return l;
  }

  [[noreturn]] void fail(const YAML::Node &n, const std::string &path, const std::string &what) const {
    failAt(loc(n, path), (path.empty() ? "" : path + ": ") + what);
  }

  /// The keys of a mapping, with duplicate and unknown keys rejected, and
  /// the required ones checked.
  std::map<std::string, YAML::Node> mapping(const YAML::Node &n, const std::string &path,
                                            const std::vector<std::string> &allowed,
                                            const std::vector<std::string> &required) const {
    if (kindOf(n) != Kind::Map)
      fail(n, path, fmt::format("expected a mapping, got {}", describe(n)));
    std::map<std::string, YAML::Node> out;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node &key = it->first;
      if (kindOf(key) != Kind::String)
        fail(key, path, fmt::format("expected a key that is a string, got {}", describe(key)));
      std::string name = key.Scalar();
      std::string sub = path.empty() ? name : path + "." + name;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
        fail(key, sub, fmt::format("unknown key '{}' (expected one of {})", name, join(allowed)));
      if (out.count(name))
        fail(key, sub, fmt::format("duplicate key '{}'", name));
      out.emplace(name, it->second);
    }
    for (const std::string &r : required)
      if (!out.count(r))
        fail(n, path, fmt::format("missing required key '{}'", r));
    return out;
  }

  std::string describe(const YAML::Node &n) const {
    Kind k = kindOf(n);
    if (k == Kind::List || k == Kind::Map || k == Kind::Null)
      return kindName(k);
    return fmt::format("{} ({})", kindName(k), n.Scalar());
  }

  Text text(const YAML::Node &n, const std::string &path) const {
    if (kindOf(n) != Kind::String)
      fail(n, path, fmt::format("expected a string, got {}", describe(n)));
    return Text{n.Scalar(), loc(n, path)};
  }

  bool boolean(const YAML::Node &n, const std::string &path) const {
    if (kindOf(n) != Kind::Bool)
      fail(n, path, fmt::format("expected a boolean (true or false), got {}", describe(n)));
    std::string s = n.Scalar();
    return s == "yes" || s == "Yes" || s == "YES" || s == "true" || s == "True" || s == "TRUE" ||
           s == "on" || s == "On" || s == "ON";
  }

  Number number(const YAML::Node &n, const std::string &path) const {
    Kind k = kindOf(n);
    if (k != Kind::Int && k != Kind::Float)
      fail(n, path, fmt::format("expected a number, got {}", describe(n)));
    Number out;
    out.loc = loc(n, path);
    std::string s;
    for (char c : n.Scalar())
      if (c != '_')
        s += c;
    if (k == Kind::Int) {
      if (s.find(':') != std::string::npos)
        fail(n, path, "sexagesimal integers are not supported");
      errno = 0;
      int base = 10;
      std::string digits = s;
      bool negative = false;
      if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
        negative = digits[0] == '-';
        digits = digits.substr(1);
      }
      if (digits.rfind("0b", 0) == 0) {
        base = 2;
        digits = digits.substr(2);
      } else if (digits.rfind("0x", 0) == 0) {
        base = 16;
        digits = digits.substr(2);
      } else if (digits.size() > 1 && digits[0] == '0') {
        base = 8;
      }
      char *end = nullptr;
      long long v = std::strtoll(digits.c_str(), &end, base);
      if (errno == ERANGE || *end != '\0')
        fail(n, path, fmt::format("integer {} is out of range", n.Scalar()));
      out.integer = true;
      out.intValue = negative ? -v : v;
      out.value = static_cast<double>(out.intValue);
    } else {
      std::string lower = s;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (lower.find(':') != std::string::npos)
        fail(n, path, "sexagesimal numbers are not supported");
      if (lower.find("nan") != std::string::npos)
        out.value = std::nan("");
      else if (lower.find("inf") != std::string::npos)
        out.value = lower[0] == '-' ? -INFINITY : INFINITY;
      else
        out.value = std::strtod(s.c_str(), nullptr);
    }
    return out;
  }

  /// A list (minItems 1 unless allowEmpty; uniqueItems), item by item.
  std::vector<YAML::Node> list(const YAML::Node &n, const std::string &path, size_t minItems = 1) const {
    if (kindOf(n) != Kind::List)
      fail(n, path, fmt::format("expected a list, got {}", describe(n)));
    std::vector<YAML::Node> out(n.begin(), n.end());
    if (out.size() < minItems)
      fail(n, path, fmt::format("expected a list of at least {} item{}, got {}", minItems, minItems == 1 ? "" : "s",
                                out.size()));
    return out;
  }

  /// The name strings of a list, which must be unique.
  std::vector<std::string> uniqueStrings(const YAML::Node &n, const std::string &path) const {
    std::vector<std::string> out;
    auto items = list(n, path);
    for (size_t i = 0; i < items.size(); ++i) {
      std::string sub = fmt::format("{}[{}]", path, i);
      Text t = text(items[i], sub);
      if (std::find(out.begin(), out.end(), t.value) != out.end())
        fail(items[i], sub, fmt::format("'{}' is listed twice (expected unique items)", t.value));
      out.push_back(t.value);
    }
    return out;
  }

  /// A string or a non-empty list of unique strings.
  NameList nameList(const YAML::Node &n, const std::string &path) const {
    NameList out;
    out.given = true;
    out.loc = loc(n, path);
    Kind k = kindOf(n);
    if (k == Kind::String)
      out.names = {n.Scalar()};
    else if (k == Kind::List)
      out.names = uniqueStrings(n, path);
    else
      fail(n, path, fmt::format("expected a name or a list of names, got {}", describe(n)));
    return out;
  }

  PathList pathList(const YAML::Node &n, const std::string &path) const {
    PathList out;
    out.loc = loc(n, path);
    Kind k = kindOf(n);
    if (k == Kind::String) {
      out.paths = {n.Scalar()};
    } else if (k == Kind::List) {
      out.paths = uniqueStrings(n, path);
      out.isList = true;
    } else {
      fail(n, path, fmt::format("expected a path or a list of paths, got {}", describe(n)));
    }
    return out;
  }

  static std::string join(const std::vector<std::string> &names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
      out += (i ? ", " : "") + names[i];
    return out;
  }

private:
  std::string file_;
};

std::optional<Text> optText(const Reader &r, const std::map<std::string, YAML::Node> &m, const std::string &key,
                            const std::string &path) {
  auto it = m.find(key);
  if (it == m.end())
    return std::nullopt;
  return r.text(it->second, path + "." + key);
}

General readGeneral(const Reader &r, const YAML::Node &n) {
  const std::string path = "General";
  auto m = r.mapping(n, path, {"Measurement", "POI", "InputPath", "HistogramFolder", "Fixed", "VariationPath"},
                     {"Measurement", "InputPath", "HistogramFolder"});
  General g;
  g.loc = r.loc(n, path);
  g.measurement = r.text(m["Measurement"], path + ".Measurement");
  g.poi = optText(r, m, "POI", path);
  g.inputPath = r.text(m["InputPath"], path + ".InputPath");
  g.histogramFolder = r.text(m["HistogramFolder"], path + ".HistogramFolder");
  g.variationPath = optText(r, m, "VariationPath", path);
  if (m.count("Fixed")) {
    auto items = r.list(m["Fixed"], path + ".Fixed");
    for (size_t i = 0; i < items.size(); ++i) {
      std::string sub = fmt::format("{}.Fixed[{}]", path, i);
      auto f = r.mapping(items[i], sub, {"Name", "Value"}, {"Name", "Value"});
      FixedParameter p{r.text(f["Name"], sub + ".Name"), r.number(f["Value"], sub + ".Value")};
      for (const FixedParameter &q : g.fixed)
        if (q.name.value == p.name.value && q.value.value == p.value.value)
          r.fail(items[i], sub, fmt::format("'{}' is listed twice (expected unique items)", p.name.value));
      g.fixed.push_back(p);
    }
  }
  return g;
}

Region readRegion(const Reader &r, const YAML::Node &n, const std::string &path) {
  auto m = r.mapping(n, path, {"Name", "Variable", "Binning", "Filter", "RegionPath"}, {"Name"});
  Region g;
  g.loc = r.loc(n, path);
  g.name = r.text(m["Name"], path + ".Name");
  g.variable = optText(r, m, "Variable", path);
  g.filter = optText(r, m, "Filter", path);
  g.regionPath = optText(r, m, "RegionPath", path);
  if (m.count("Binning")) {
    std::string sub = path + ".Binning";
    g.binningLoc = r.loc(m["Binning"], sub);
    auto items = r.list(m["Binning"], sub, 2);
    std::vector<Number> edges;
    for (size_t i = 0; i < items.size(); ++i) {
      Number e = r.number(items[i], fmt::format("{}[{}]", sub, i));
      for (const Number &f : edges)
        if (f.value == e.value)
          r.fail(items[i], fmt::format("{}[{}]", sub, i),
                 fmt::format("bin edge {} is listed twice (expected unique items)", items[i].Scalar()));
      if (!edges.empty() && !(e.value > edges.back().value))
        r.fail(items[i], fmt::format("{}[{}]", sub, i),
               fmt::format("expected increasing bin edges, got {} after {}", items[i].Scalar(),
                           items[i - 1].Scalar()));
      edges.push_back(e);
    }
    g.binning = edges;
  }
  return g;
}

Sample readSample(const Reader &r, const YAML::Node &n, const std::string &path) {
  auto m = r.mapping(n, path,
                     {"Name", "Tree", "Filter", "Weight", "SamplePath", "Data", "DisableStaterror", "Regions"},
                     {"Name"});
  Sample s;
  s.loc = r.loc(n, path);
  s.name = r.text(m["Name"], path + ".Name");
  s.tree = optText(r, m, "Tree", path);
  s.filter = optText(r, m, "Filter", path);
  s.weight = optText(r, m, "Weight", path);
  if (m.count("SamplePath"))
    s.samplePath = r.pathList(m["SamplePath"], path + ".SamplePath");
  if (m.count("Data"))
    s.data = r.boolean(m["Data"], path + ".Data");
  if (m.count("DisableStaterror"))
    s.disableStaterror = r.boolean(m["DisableStaterror"], path + ".DisableStaterror");
  if (m.count("Regions"))
    s.regions = r.nameList(m["Regions"], path + ".Regions");
  return s;
}

NormFactor readNormFactor(const Reader &r, const YAML::Node &n, const std::string &path) {
  auto m = r.mapping(n, path, {"Name", "Regions", "Samples", "Nominal", "Bounds"}, {"Name"});
  NormFactor f;
  f.loc = r.loc(n, path);
  f.name = r.text(m["Name"], path + ".Name");
  if (m.count("Regions"))
    f.regions = r.nameList(m["Regions"], path + ".Regions");
  if (m.count("Samples"))
    f.samples = r.nameList(m["Samples"], path + ".Samples");
  if (m.count("Nominal"))
    f.nominal = r.number(m["Nominal"], path + ".Nominal");
  if (m.count("Bounds")) {
    std::string sub = path + ".Bounds";
    auto items = r.list(m["Bounds"], sub, 2);
    if (items.size() != 2)
      r.fail(m["Bounds"], sub, fmt::format("expected [lower, upper], a list of 2 numbers, got {} items", items.size()));
    Number lo = r.number(items[0], sub + "[0]"), hi = r.number(items[1], sub + "[1]");
    if (lo.value == hi.value)
      r.fail(items[1], sub + "[1]", "the bounds are equal (expected unique items)");
    f.bounds = std::array<Number, 2>{lo, hi};
  }
  return f;
}

TemplateSetting readTemplate(const Reader &r, const YAML::Node &n, const std::string &path) {
  auto m = r.mapping(n, path,
                     {"Tree", "Weight", "Variable", "Filter", "RegionPath", "SamplePath", "Normalization",
                      "Symmetrize", "VariationPath"},
                     {});
  TemplateSetting t;
  t.loc = r.loc(n, path);
  t.tree = optText(r, m, "Tree", path);
  t.weight = optText(r, m, "Weight", path);
  t.variable = optText(r, m, "Variable", path);
  t.filter = optText(r, m, "Filter", path);
  t.regionPath = optText(r, m, "RegionPath", path);
  t.variationPath = optText(r, m, "VariationPath", path);
  if (m.count("SamplePath"))
    t.samplePath = r.pathList(m["SamplePath"], path + ".SamplePath");
  if (m.count("Normalization"))
    t.normalization = r.number(m["Normalization"], path + ".Normalization");
  if (m.count("Symmetrize"))
    t.symmetrize = r.boolean(m["Symmetrize"], path + ".Symmetrize");
  return t;
}

Systematic readSystematic(const Reader &r, const YAML::Node &n, const std::string &path) {
  auto m = r.mapping(n, path, {"Name", "Type", "Up", "Down", "Regions", "Samples", "Smoothing", "ModifierName"},
                     {"Name", "Type", "Up", "Down"});
  Systematic s;
  s.loc = r.loc(n, path);
  s.name = r.text(m["Name"], path + ".Name");
  Text type = r.text(m["Type"], path + ".Type");
  if (type.value == "Normalization")
    s.type = SystematicType::Normalization;
  else if (type.value == "NormPlusShape")
    s.type = SystematicType::NormPlusShape;
  else
    r.fail(m["Type"], path + ".Type",
           fmt::format("unknown systematic type '{}' (expected Normalization or NormPlusShape)", type.value));
  s.up = readTemplate(r, m["Up"], path + ".Up");
  s.down = readTemplate(r, m["Down"], path + ".Down");
  if (m.count("Regions"))
    s.regions = r.nameList(m["Regions"], path + ".Regions");
  if (m.count("Samples"))
    s.samples = r.nameList(m["Samples"], path + ".Samples");
  s.modifierName = optText(r, m, "ModifierName", path);
  if (m.count("Smoothing")) {
    std::string sub = path + ".Smoothing";
    auto sm = r.mapping(m["Smoothing"], sub, {"Algorithm", "Regions", "Samples"}, {"Algorithm"});
    Smoothing smoothing;
    smoothing.loc = r.loc(m["Smoothing"], sub);
    smoothing.algorithm = r.text(sm["Algorithm"], sub + ".Algorithm");
    if (smoothing.algorithm.value != "353QH, twice")
      r.fail(sm["Algorithm"], sub + ".Algorithm",
             fmt::format("unknown smoothing algorithm '{}' (expected \"353QH, twice\")", smoothing.algorithm.value));
    if (sm.count("Regions"))
      smoothing.regions = r.nameList(sm["Regions"], sub + ".Regions");
    if (sm.count("Samples"))
      smoothing.samples = r.nameList(sm["Samples"], sub + ".Samples");
    s.smoothing = smoothing;
  }
  // A Normalization systematic is its Up/Down Normalization numbers.
  if (s.type == SystematicType::Normalization)
    for (bool up : {true, false}) {
      const char *side = up ? "Up" : "Down";
      if (!s.side(up).normalization)
        r.fail(m[side], fmt::format("{}.{}", path, side),
               "missing required key 'Normalization' (a Normalization systematic is the relative change of its "
               "Up and Down templates)");
    }
  if (s.up.symmetrize && s.down.symmetrize)
    r.fail(m["Down"], path + ".Down.Symmetrize",
           fmt::format("Up and Down of systematic '{}' are both symmetrized (expected at most one)", s.name.value));
  return s;
}

/// Region, sample, normfactor and systematic names must be unique.
template <class T>
void checkUniqueNames(const Reader &r, const std::vector<T> &items, const char *what) {
  std::map<std::string, const T *> seen;
  for (const T &item : items) {
    auto [it, fresh] = seen.emplace(item.name.value, &item);
    if (!fresh)
      failAt(item.name.loc, fmt::format("{}: duplicate {} name '{}' (first defined at {}:{})", item.name.loc.pointer,
                                        what, item.name.value, it->second->name.loc.line, it->second->name.loc.col));
  }
}

/// `{Placeholder}` overrides need the placeholder in General.InputPath, and
/// the placeholder needs a value wherever it is used.
void checkPlaceholders(const Config &c) {
  const std::string &input = c.general.inputPath.value;
  auto check = [&](const std::optional<Text> &value, const char *placeholder) {
    if (value && input.find(placeholder) == std::string::npos)
      failAt(value->loc, fmt::format("{}: '{}' is set, but General.InputPath \"{}\" has no {} placeholder to put "
                                     "it in",
                                     value->loc.pointer, value->value, input, placeholder));
  };
  auto checkPaths = [&](const std::optional<PathList> &value) {
    if (value && input.find("{SamplePath}") == std::string::npos)
      failAt(value->loc, fmt::format("{}: SamplePath is set, but General.InputPath \"{}\" has no {{SamplePath}} "
                                     "placeholder to put it in",
                                     value->loc.pointer, input));
  };
  for (const Region &r : c.regions)
    check(r.regionPath, "{RegionPath}");
  for (const Sample &s : c.samples)
    checkPaths(s.samplePath);
  check(c.general.variationPath, "{VariationPath}");
  for (const Systematic &s : c.systematics)
    for (bool up : {true, false}) {
      check(s.side(up).regionPath, "{RegionPath}");
      check(s.side(up).variationPath, "{VariationPath}");
      checkPaths(s.side(up).samplePath);
    }
  if (input.find("{RegionPath}") != std::string::npos)
    for (const Region &r : c.regions)
      if (!r.regionPath)
        failAt(r.loc, fmt::format("{}: region '{}' has no RegionPath, but General.InputPath \"{}\" needs one",
                                  r.loc.pointer, r.name.value, input));
  if (input.find("{SamplePath}") != std::string::npos)
    for (const Sample &s : c.samples)
      if (!s.samplePath)
        failAt(s.loc, fmt::format("{}: sample '{}' has no SamplePath, but General.InputPath \"{}\" needs one",
                                  s.loc.pointer, s.name.value, input));
}

} // namespace

Config parseConfig(const std::string &text, const std::string &file) {
  registerSourceText(file, text);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception &e) {
    Loc l;
    l.file = file;
    l.line = e.mark.line + 1;
    l.col = e.mark.column + 1;
    failAt(l, fmt::format("invalid YAML: {}", e.msg));
  }
  Reader r(file);
  Config c;
  c.file = file;
  if (kindOf(root) == Kind::Null) {
    Loc l;
    l.file = file;
    failAt(l, "the config is empty (expected a mapping with General, Regions, Samples, NormFactors)");
  }
  auto top = r.mapping(root, "", {"General", "Regions", "Samples", "NormFactors", "Systematics"},
                       {"General", "Regions", "Samples", "NormFactors"});
  c.general = readGeneral(r, top["General"]);
  auto regions = r.list(top["Regions"], "Regions");
  for (size_t i = 0; i < regions.size(); ++i)
    c.regions.push_back(readRegion(r, regions[i], fmt::format("Regions[{}]", i)));
  auto samples = r.list(top["Samples"], "Samples");
  for (size_t i = 0; i < samples.size(); ++i)
    c.samples.push_back(readSample(r, samples[i], fmt::format("Samples[{}]", i)));
  auto normFactors = r.list(top["NormFactors"], "NormFactors");
  for (size_t i = 0; i < normFactors.size(); ++i)
    c.normFactors.push_back(readNormFactor(r, normFactors[i], fmt::format("NormFactors[{}]", i)));
  if (top.count("Systematics")) {
    auto systematics = r.list(top["Systematics"], "Systematics", 0);
    for (size_t i = 0; i < systematics.size(); ++i)
      c.systematics.push_back(readSystematic(r, systematics[i], fmt::format("Systematics[{}]", i)));
  }

  checkUniqueNames(r, c.regions, "region");
  checkUniqueNames(r, c.samples, "sample");
  checkUniqueNames(r, c.normFactors, "normfactor");
  checkUniqueNames(r, c.systematics, "systematic");
  size_t dataSamples = std::count_if(c.samples.begin(), c.samples.end(), [](const Sample &s) { return s.data; });
  if (dataSamples != 1) {
    std::vector<std::string> names;
    for (const Sample &s : c.samples)
      if (s.data)
        names.push_back(s.name.value);
    r.fail(top["Samples"], "Samples",
           dataSamples == 0 ? std::string("no sample has 'Data: true' (expected exactly one data sample)")
                            : fmt::format("{} samples have 'Data: true' ({}); expected exactly one data sample",
                                          dataSamples, Reader::join(names)));
  }
  checkPlaceholders(c);
  return c;
}

Config readConfig(const std::string &path) { return parseConfig(readTextFile(path), path); }

} // namespace hf::analysis
