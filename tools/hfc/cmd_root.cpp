//===- tools/hfc/cmd_root.cpp - hfc root ls|dump: look inside ROOT files --===//
//
//   hfc root ls FILE[:PATH] [--format json|table]
//     a directory: its keys (name, cycle, class, title, sizes); a TTree:
//     its entry count and branches with types; a TH1: its binning.
//   hfc root dump FILE:OBJECT [--branches a,b] [--entries lo:hi]
//                 [--format json|csv]
//     a TTree's branches over an entry range, or a TH1's bins.
//
// The equivalent of ROOT's rootls/rootprint and uproot-browser, for users
// and for tests; everything is read by io/root, no ROOT needed. The JSON of
// `ls` is sorted like every hfc result; `dump` streams its values (a column
// can have millions), numbers spelt as Python prints them.
//
//===----------------------------------------------------------------------===//
#include "frontend/python_json.h"
#include "hf/error.h"
#include "io/root/root.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hf::cli {

namespace {

struct Target {
  std::string file, object;
};

/// FILE[:PATH]: the longest prefix before a ':' that is an existing file
/// (file names may hold ':' themselves), else the whole argument.
Target splitTarget(const std::string &arg) {
  std::error_code ec;
  for (std::size_t at = arg.rfind(':'); at != std::string::npos && at > 0; at = arg.rfind(':', at - 1)) {
    if (std::filesystem::is_regular_file(arg.substr(0, at), ec))
      return {arg.substr(0, at), arg.substr(at + 1)};
    if (at == 0)
      break;
  }
  return {arg, ""};
}

bool isHistogramClass(const std::string &c) { return c.rfind("TH1", 0) == 0 && c.size() == 4; }
bool isTreeClass(const std::string &c) { return c == "TTree" || c == "TNtuple" || c == "TNtupleD"; }

bool integral(root::LeafType t) {
  return t != root::LeafType::Float && t != root::LeafType::Double && t != root::LeafType::Float16 &&
         t != root::LeafType::Double32;
}

/// A number as hfc's JSON spells it: integers of integer branches without
/// a fraction, everything else as Python's repr (NaN, Infinity as json.dumps).
std::string number(double v, bool asInteger) {
  if (asInteger && std::isfinite(v) && std::abs(v) < 9.3e18)
    return fmt::format("{}", static_cast<long long>(v));
  if (std::isnan(v))
    return "NaN";
  if (std::isinf(v))
    return v > 0 ? "Infinity" : "-Infinity";
  return pythonFloatRepr(v);
}

Json branchJson(const root::BranchInfo &b) {
  Json j{{"name", b.name}, {"type", b.typeName}};
  if (b.jagged)
    j["jagged"] = true;
  if (!b.counter.empty())
    j["counter"] = b.counter;
  if (!b.unsupported.empty())
    j["unsupported"] = b.unsupported;
  return j;
}

void runLs(const std::string &arg, const std::string &format) {
  Target t = splitTarget(arg);
  auto file = root::File::open(t.file);
  bool table = format == "table";
  std::string cls = t.object.empty() ? "TDirectory" : file->className(t.object);
  if (isTreeClass(cls)) {
    root::Tree tree = file->tree(t.object);
    if (table) {
      fmt::print("{} ({}, {} entries)\n", t.object, cls, tree.entryCount());
      std::size_t width = 4;
      for (const auto &b : tree.branches())
        width = std::max(width, b.name.size());
      for (const auto &b : tree.branches())
        fmt::print("  {:<{}}  {}{}\n", b.name, width, b.typeName,
                   b.unsupported.empty() ? "" : "  (not readable: " + b.unsupported + ")");
      return;
    }
    Json branches = Json::array();
    for (const auto &b : tree.branches())
      branches.push_back(branchJson(b));
    printJson(Json{{"object", t.object}, {"class", cls}, {"entries", tree.entryCount()}, {"branches", branches}});
    return;
  }
  if (isHistogramClass(cls)) {
    root::Histogram h = file->histogram(t.object);
    bool fixed = true;
    double width = (h.edges.back() - h.edges.front()) / static_cast<double>(h.binCount());
    for (std::size_t i = 0; i + 1 < h.edges.size(); ++i)
      fixed = fixed && std::abs(h.edges[i + 1] - h.edges[i] - width) <= 1e-9 * std::abs(width);
    if (table) {
      fmt::print("{} ({}, \"{}\")\n  {} {} bins on [{}, {}], {} entries, {}\n", t.object, h.className, h.title,
                 h.binCount(), fixed ? "fixed" : "variable", h.edges.front(), h.edges.back(), h.entries,
                 h.hasSumw2 ? "with sumw2" : "no sumw2");
      return;
    }
    Json j{{"object", t.object}, {"class", h.className}, {"title", h.title}, {"bins", h.binCount()},
           {"low", h.edges.front()}, {"high", h.edges.back()}, {"fixed_width", fixed},
           {"entries", h.entries}, {"sumw2", h.hasSumw2}};
    printJson(j);
    return;
  }
  if (cls != "TDirectory" && cls != "TDirectoryFile")
    throw InputError(fmt::format("{}: error: {}: a {} (hfc root ls shows directories, TTrees and 1-D histograms)",
                                 t.file, t.object, cls));
  std::vector<root::KeyInfo> keys = file->keys(t.object);
  if (table) {
    for (const auto &k : keys)
      fmt::print("{};{}  {}  \"{}\"\n", k.name, k.cycle, k.className, k.title);
    return;
  }
  Json list = Json::array();
  for (const auto &k : keys)
    list.push_back(Json{{"name", k.name}, {"cycle", k.cycle}, {"class", k.className}, {"title", k.title},
                        {"bytes", k.objectBytes}, {"stored_bytes", k.compressedBytes}});
  printJson(Json{{"directory", t.object}, {"keys", list}});
}

/// "lo:hi", "lo:", ":hi" or "n" (one entry).
std::pair<uint64_t, uint64_t> parseEntries(const std::string &text) {
  auto bad = [&] {
    return InputError(fmt::format("hfc root dump: error: --entries '{}': expected LO:HI (e.g. 0:10, 100:, :5)", text));
  };
  auto num = [&](std::string_view s, uint64_t fallback) {
    if (s.empty())
      return fallback;
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
      throw bad();
    return v;
  };
  std::size_t colon = text.find(':');
  if (colon == std::string::npos) {
    uint64_t n = num(text, 0);
    if (text.empty())
      throw bad();
    return {n, n + 1};
  }
  uint64_t lo = num(std::string_view(text).substr(0, colon), 0);
  uint64_t hi = num(std::string_view(text).substr(colon + 1), UINT64_MAX);
  if (hi < lo)
    throw bad();
  return {lo, hi};
}

std::string csvQuote(const std::string &s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string q = "\"";
  for (char c : s)
    q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string jsonString(const std::string &s) { return pythonJsonCompact(Json(s)); }

void dumpHistogram(const root::Histogram &h, const std::string &object, bool csv) {
  std::size_t n = h.binCount();
  if (csv) {
    std::fputs("bin,low,high,content,sumw2\n", stdout);
    for (std::size_t i = 0; i < n + 2; ++i) {
      std::string lo = i == 0 ? "-inf" : pythonFloatRepr(h.edges[i - 1]);
      std::string hi = i == n + 1 ? "inf" : pythonFloatRepr(h.edges[i]);
      fmt::print("{},{},{},{},{}\n", i, lo, hi, number(h.contents[i], false), number(h.sumw2[i], false));
    }
    return;
  }
  auto list = [](const std::vector<double> &v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
      s += (i ? ", " : "") + number(v[i], false);
    return s + "]";
  };
  fmt::print("{{\"object\": {}, \"class\": {}, \"title\": {}, \"entries\": {},\n \"edges\": {},\n "
             "\"contents\": {},\n \"sumw2\": {}}}\n",
             jsonString(object), jsonString(h.className), jsonString(h.title), number(h.entries, false),
             list(h.edges), list(h.contents), list(h.sumw2));
}

struct DumpOptions {
  std::string target;
  std::string branches;
  std::string entries;
  std::string format = "json";
};

void runDump(const DumpOptions &o) {
  Target t = splitTarget(o.target);
  if (t.object.empty())
    throw InputError(fmt::format("hfc root dump: error: '{}': expected FILE:OBJECT (see hfc root ls {})", o.target,
                                 o.target));
  auto file = root::File::open(t.file);
  std::string cls = file->className(t.object);
  bool csv = o.format == "csv";
  if (isHistogramClass(cls) || cls.rfind("TH2", 0) == 0 || cls.rfind("TH3", 0) == 0) {
    dumpHistogram(file->histogram(t.object), t.object, csv);
    return;
  }
  if (!isTreeClass(cls))
    throw InputError(fmt::format("{}: error: {}: a {} cannot be dumped (TTrees and 1-D histograms can)", t.file,
                                 t.object, cls));
  root::Tree tree = file->tree(t.object);
  std::vector<std::string> names;
  if (o.branches.empty()) {
    for (const auto &b : tree.branches())
      if (b.unsupported.empty())
        names.push_back(b.name);
  } else {
    for (std::size_t start = 0;;) {
      std::size_t comma = o.branches.find(',', start);
      std::string name = o.branches.substr(start, comma - start);
      if (!name.empty())
        names.push_back(name);
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
  }
  auto [lo, hi] = o.entries.empty() ? std::pair<uint64_t, uint64_t>{0, UINT64_MAX} : parseEntries(o.entries);
  hi = std::min(hi, tree.entryCount());
  lo = std::min(lo, hi);
  std::vector<root::Column> cols;
  std::vector<const root::BranchInfo *> infos;
  for (const std::string &name : names) {
    cols.push_back(tree.read(name, lo, hi)); // unknown or unreadable: an InputError naming it
    infos.push_back(tree.findBranch(name));
  }
  auto cell = [&](std::size_t b, std::size_t i, bool forCsv) {
    const root::Column &c = cols[b];
    bool asInt = integral(infos[b]->type);
    if (infos[b]->isString)
      return forCsv ? csvQuote(c.strings[i]) : jsonString(c.strings[i]);
    if (!c.jagged())
      return number(c.values[i], asInt);
    std::string s = forCsv ? "" : "[";
    for (uint64_t k = c.offsets[i]; k < c.offsets[i + 1]; ++k)
      s += (k > c.offsets[i] ? (forCsv ? " " : ", ") : "") + number(c.values[k], asInt);
    return forCsv ? s : s + "]";
  };
  std::size_t n = hi - lo;
  if (csv) {
    std::string header = "entry";
    for (const std::string &name : names)
      header += "," + csvQuote(name);
    fmt::print("{}\n", header);
    for (std::size_t i = 0; i < n; ++i) {
      std::string row = std::to_string(lo + i);
      for (std::size_t b = 0; b < cols.size(); ++b)
        row += "," + cell(b, i, true);
      fmt::print("{}\n", row);
    }
    return;
  }
  fmt::print("{{\"object\": {}, \"class\": {}, \"entries\": [{}, {}], \"branches\": {{", jsonString(t.object),
             jsonString(cls), lo, hi);
  for (std::size_t b = 0; b < cols.size(); ++b) {
    std::string line = fmt::format("{}\n  {}: {{\"type\": {}, \"values\": [", b ? "," : "", jsonString(names[b]),
                                   jsonString(infos[b]->typeName));
    for (std::size_t i = 0; i < n; ++i) {
      if (i)
        line += ", ";
      line += cell(b, i, false);
      if (line.size() > 65536) {
        std::fputs(line.c_str(), stdout);
        line.clear();
      }
    }
    std::fputs((line + "]}").c_str(), stdout);
  }
  std::fputs("}}\n", stdout);
}

} // namespace

void registerRoot(CLI::App &app) {
  CLI::App *cmd = app.add_subcommand("root", "Look inside ROOT files (no ROOT needed): ls, dump");
  cmd->require_subcommand(1);

  auto ls = std::make_shared<std::pair<std::string, std::string>>("", "json");
  CLI::App *lsCmd = cmd->add_subcommand(
      "ls", "List a directory's keys, a TTree's branches or a histogram's binning: FILE[:PATH]");
  lsCmd->add_option("target", ls->first, "FILE or FILE:PATH (a directory, TTree or TH1 inside it)")->required();
  lsCmd->add_option("--format", ls->second, "json (default) or table")->check(CLI::IsMember({"json", "table"}));
  lsCmd->callback([ls] { runLs(ls->first, ls->second); });

  auto dump = std::make_shared<DumpOptions>();
  CLI::App *dumpCmd =
      cmd->add_subcommand("dump", "Print a TTree's branches or a TH1's bins: FILE:OBJECT");
  dumpCmd->add_option("target", dump->target, "FILE:OBJECT (a TTree or a 1-D histogram)")->required();
  dumpCmd->add_option("--branches", dump->branches, "comma-separated branch names (default: all readable)");
  dumpCmd->add_option("--entries", dump->entries, "entry range LO:HI (half-open; LO: or :HI allowed)");
  dumpCmd->add_option("--format", dump->format, "json (default) or csv")->check(CLI::IsMember({"json", "csv"}));
  dumpCmd->callback([dump] { runDump(*dump); });
}

} // namespace hf::cli
