//===- tools/hfc/repl_completion.cpp - What Tab offers in the REPL --------===//
#include "tools/hfc/repl_completion.h"

#include "report/plot/figures.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace hf::cli::repl {

namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

const OptionInfo *findOption(const CommandInfo &cmd, std::string_view name) {
  for (const OptionInfo &o : cmd.options)
    if (o.name == name)
      return &o;
  return nullptr;
}

/// What the word at the cursor is, given the words before it on the line.
ArgKind kindAtCursor(const CommandInfo &cmd, std::span<const std::string> before) {
  int positional = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (!isOptionWord(before[i])) {
      ++positional;
      continue;
    }
    const OptionInfo *opt = findOption(cmd, before[i]);
    if (opt && opt->value != ArgKind::None) {
      if (i + 1 == before.size())
        return opt->value; // the cursor is on this option's value
      ++i;                 // skip the value
    }
  }
  if (cmd.maxArgs >= 0 && positional >= cmd.maxArgs)
    return ArgKind::None;
  return cmd.positional;
}

std::vector<std::string> wordsOf(ArgKind kind, const std::string &word, std::span<const std::string> parameters,
                                 const FileLister &files) {
  std::vector<std::string> out;
  switch (kind) {
  case ArgKind::Command:
    for (const CommandInfo &c : replCommands())
      if (!c.hidden)
        out.insert(out.end(), c.names.begin(), c.names.end());
    break;
  case ArgKind::Parameter:
  case ArgKind::Assignment:
    if (word.find('=') != std::string::npos)
      break; // a value: nothing to offer
    for (const std::string &p : parameters)
      out.push_back(kind == ArgKind::Assignment ? p + "=" : p);
    break;
  case ArgKind::ModelFile:
  case ArgKind::JsonFile:
    if (files)
      out = files(word, kind);
    break;
  case ArgKind::TestStat:
    out = {"q", "qtilde"};
    break;
  case ArgKind::Backend:
    out = {"interp", "jit"};
    break;
  case ArgKind::Figure:
    for (plot::PlotKind k : plot::allPlotKinds())
      out.push_back(plot::plotKindName(k));
    out.push_back("all");
    break;
  default:
    break;
  }
  return out;
}

} // namespace

Completion complete(std::string_view buffer, std::span<const std::string> parameterNames,
                    const FileLister &files) {
  Completion result;
  size_t start = buffer.size();
  while (start > 0 && !isSpace(buffer[start - 1]))
    --start;
  result.start = start;
  std::string word(buffer.substr(start));

  std::vector<std::string> before;
  for (size_t i = 0; i < start;) {
    while (i < start && isSpace(buffer[i]))
      ++i;
    size_t j = i;
    while (j < start && !isSpace(buffer[j]))
      ++j;
    if (j > i)
      before.emplace_back(buffer.substr(i, j - i));
    i = j;
  }

  std::vector<std::string> words;
  if (before.empty()) {
    words = wordsOf(ArgKind::Command, word, parameterNames, files);
  } else {
    const CommandInfo *cmd = findCommand(before[0]);
    if (!cmd || cmd->hidden)
      return result;
    std::span<const std::string> args(before.begin() + 1, before.end());
    if (isOptionWord(word)) {
      for (const OptionInfo &o : cmd->options)
        words.push_back(o.name);
    } else {
      words = wordsOf(kindAtCursor(*cmd, args), word, parameterNames, files);
    }
  }
  for (std::string &w : words)
    if (w.compare(0, word.size(), word) == 0)
      result.candidates.push_back(std::move(w));
  std::sort(result.candidates.begin(), result.candidates.end());
  result.candidates.erase(std::unique(result.candidates.begin(), result.candidates.end()),
                          result.candidates.end());
  return result;
}

std::vector<std::string> listFiles(const std::string &prefix, ArgKind kind) {
  namespace fs = std::filesystem;
  size_t slash = prefix.rfind('/');
  std::string dirPart = slash == std::string::npos ? "" : prefix.substr(0, slash + 1);
  std::string namePart = slash == std::string::npos ? prefix : prefix.substr(slash + 1);
  std::vector<std::string> out;
  std::error_code ec;
  fs::directory_iterator it(dirPart.empty() ? fs::path(".") : fs::path(dirPart), ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, namePart.size(), namePart) != 0 || (name[0] == '.' && namePart.empty()))
      continue;
    std::error_code typeError;
    if (it->is_directory(typeError)) {
      out.push_back(dirPart + name + "/");
      continue;
    }
    std::string ext = it->path().extension().string();
    if (ext == ".json" || (kind == ArgKind::ModelFile && ext == ".hf"))
      out.push_back(dirPart + name);
  }
  return out;
}

std::string commonPrefix(std::span<const std::string> words) {
  if (words.empty())
    return "";
  std::string prefix = words[0];
  for (const std::string &w : words.subspan(1)) {
    size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n])
      ++n;
    prefix.resize(n);
  }
  return prefix;
}

} // namespace hf::cli::repl
