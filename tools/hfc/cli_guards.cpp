//===- tools/hfc/cli_guards.cpp - Command-line behaviour shared by every command -===//
#include "tools/hfc/cli_guards.h"

#include "frontend/nearest_name.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace hf::cli {

void oneValuePerOccurrence(CLI::App &app) {
  for (CLI::Option *opt : app.get_options())
    // CLI11 lets a vector option eat every following word that is not an
    // option, positionals included; one value per flag is pyhf's (click's) rule.
    if (opt->nonpositional() && opt->get_items_expected_max() > 1)
      opt->allow_extra_args(false);
  for (CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; }))
    oneValuePerOccurrence(*sub);
}

int refuseMistypedCommand(CLI::App &app, int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-')
    return 0;
  std::string word = argv[1];
  struct stat st;
  // A path-like word or an existing file is a model, whatever its name.
  if (word.find_first_of("./") != std::string::npos || ::stat(word.c_str(), &st) == 0)
    return 0;
  std::vector<std::string> commands;
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; })) {
    if (sub->check_name(word))
      return 0;
    commands.push_back(sub->get_name());
  }
  std::string near = nearestName(word, commands);
  if (near.empty())
    return 0;
  fmt::print(stderr, "hfc: error: unknown command \"{}\" (did you mean \"{}\"?); no model file of that name "
             "either\nRun 'hfc --help' for the commands.\n",
             word, near);
  return 2;
}

int finishStandardOutput() {
  std::cout.flush();
  errno = 0;
  // A full disk or a closed pipe shows only here: stdio buffers the output
  // and the write that fails may be the last one.
  if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
    int err = errno;
    fmt::print(stderr, "hfc: error: cannot write standard output: {}\n",
               err ? std::strerror(err) : "a write failed");
    return 1;
  }
  return 0;
}

} // namespace hf::cli
