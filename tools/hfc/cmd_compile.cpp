//===- tools/hfc/cmd_compile.cpp - hfc compile ----------------------------===//
//
// Compiles a model ahead of time into a library that needs neither hfc nor
// LLVM: the optimized logpdf, its gradient and the expected data (the same
// functions the JIT runs) plus the model's data as constants, in a shared
// library (linked by the system's `cc`), a static one (`ar`) or an object
// file, and a C header declaring them.
//
//===----------------------------------------------------------------------===//
#include "codegen/aot.h"
#include "hf/error.h"
#include "ir/autodiff.h"
#include "ir/pipeline.h"
#include "ir/verifier.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/model_options.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace hf::cli {

namespace {

struct CompileOptions {
  ModelOptions model;
  std::string output; ///< -o: the library (or object with --emit-obj)
  std::string header; ///< --header (default PREFIX.h beside the output)
  std::string prefix; ///< --prefix (default from the output's name)
  bool emitObj = false;
  bool staticLib = false;
};

bool isCIdentifier(const std::string &s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
    return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

/// Any other character becomes _, and leading _ go: names starting with _
/// are reserved to the C implementation (lib-my-model -> my_model).
std::string sanitizePrefix(std::string name) {
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  return name.substr(std::min(name.find_first_not_of('_'), name.size()));
}

/// libsbottom.so -> sbottom, my-model.o -> my_model, lib-my-model.so -> my_model.
std::string prefixFromOutput(const std::string &output) {
  std::string name = std::filesystem::path(output).filename().string();
  if (name.rfind("lib", 0) == 0 && name.size() > 3)
    name = name.substr(3);
  return sanitizePrefix(name.substr(0, name.find('.')));
}

bool endsWith(const std::string &s, const std::string &tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string upper(std::string s) {
  for (char &c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// The full path of `program` on PATH, or "" when it is not there.
std::string findOnPath(const std::string &program) {
  const char *path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos)
      end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
    start = end + 1;
  }
  return "";
}

/// Runs `args` (args[0] a full path) and throws ComputeError unless it exits
/// with status 0. Its own messages go to hfc's stderr.
void run(const std::vector<std::string> &args, const std::string &what) {
  std::vector<char *> argv;
  for (const std::string &a : args)
    argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int error = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (error != 0)
    throw ComputeError(fmt::format("error: cannot run {}: {}", args[0], std::strerror(error)));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      throw ComputeError(fmt::format("error: waiting for {}: {}", args[0], std::strerror(errno)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status) ? fmt::format("exited with status {}", WEXITSTATUS(status))
                                        : std::string("was killed by a signal");
    throw ComputeError(fmt::format("error: {} failed: {} {}", what, args[0], how));
  }
}

std::string requireTool(const char *program, const char *purpose) {
  std::string path = findOnPath(program);
  if (path.empty())
    throw ComputeError(fmt::format("error: `{}` is not on PATH: hfc compile needs it to {} (install a C "
                                   "compiler and binutils, e.g. the build-essential package, or use "
                                   "--emit-obj and link the object yourself)",
                                   program, purpose));
  return path;
}

/// A private directory for intermediate files, removed with everything in it.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hfc-compile-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (!::mkdtemp(name.data()))
      throw ComputeError(fmt::format("error: cannot create a temporary directory {}: {}", pattern,
                                     std::strerror(errno)));
    path_ = name.data();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

/// Makes `output` with `build(tmp)`, which writes the file `tmp` beside it,
/// then renames it into place: `output` is whole or left as it was.
template <typename Build>
void produceAtomically(const std::string &output, Build build) {
  std::string tmp = fmt::format("{}.tmp.{}", output, ::getpid());
  std::error_code ignored;
  std::filesystem::remove(tmp, ignored); // ar would add to an old archive
  try {
    build(tmp);
  } catch (...) {
    std::filesystem::remove(tmp, ignored);
    throw;
  }
  if (std::rename(tmp.c_str(), output.c_str()) != 0) {
    int err = errno;
    std::filesystem::remove(tmp, ignored);
    throw InputError(fmt::format("{}: error: cannot write: {}", output, std::strerror(err)));
  }
}

/// "[N]" for a declaration of N elements, "[]" when N is 0 (C has no empty arrays).
std::string extent(const std::string &macro, size_t n) { return n ? "[" + macro + "]" : "[]"; }

std::string headerText(const ir::Module &m, const std::string &prefix, const LoadOptions &load,
                       const std::string &library) {
  std::string model = load.modelFile == "-" ? "<stdin>" : load.modelFile;
  std::vector<std::string> applied;
  for (const std::string &patch : load.patchFiles)
    applied.push_back("patch " + patch);
  if (!load.patchsetFile.empty())
    applied.push_back(fmt::format("PatchSet {} point {}", load.patchsetFile,
                                  load.point.empty() ? fmt::format("{}", fmt::join(load.pointValues, ","))
                                                     : load.point));
  const std::string P = upper(prefix);
  std::string npars = P + "_NPARS", nmain = P + "_NMAIN", naux = P + "_NAUX";
  const std::string &p = prefix;
  std::string h;
  auto line = [&h](const std::string &text) { h += text + "\n"; };
  line(fmt::format("/* {}.h: the compiled HistFactory likelihood of {}", p, model));
  for (const std::string &a : applied)
    line(" *   with " + a);
  if (!load.measurement.empty())
    line(" *   measurement " + load.measurement);
  line(" *");
  line(fmt::format(" * Generated by `hfc compile`; do not edit. Link with {} and -lm.", library));
  line(" * The library needs neither hfc nor LLVM. Its functions are pure (no state),");
  line(" * so they may be called from several threads at once.");
  line(" *");
  line(" * theta: the parameters, in the order of " + p + "_par_names (" + npars + " values).");
  line(" * data:  the main (channel) data, channels in order (" + nmain + " values), e.g.");
  line(" *        " + p + "_observed_data, Asimov data or a toy.");
  line(" * aux:   the auxiliary data of the constraints (" + naux + " values), e.g.");
  line(" *        " + p + "_aux_data.");
  line(" */");
  line(fmt::format("#ifndef HFC_{}_H", P));
  line(fmt::format("#define HFC_{}_H", P));
  line("");
  line("#ifdef __cplusplus");
  line("extern \"C\" {");
  line("#endif");
  line("");
  line("/* The sizes, as constant expressions. */");
  line(fmt::format("#define {} {}", npars, m.params.size()));
  line(fmt::format("#define {} {}", nmain, m.nMain));
  line(fmt::format("#define {} {}", naux, m.nAux));
  line(fmt::format("#define {}_POI_INDEX {}", P, m.poiIndex));
  line("");
  line("/** The number of parameters (" + npars + "). */");
  line("extern const int " + p + "_npars;");
  line("/** The number of main data bins (" + nmain + "). */");
  line("extern const int " + p + "_nmain;");
  line("/** The number of auxiliary data (" + naux + "). */");
  line("extern const int " + p + "_naux;");
  line("/** The index of the parameter of interest in theta, -1 when the model has none. */");
  line("extern const int " + p + "_poi_index;");
  line("/** The parameters' names as pyhf writes them (\"mu\", \"gamma[3]\"): " + npars + " strings. */");
  line("extern const char *const " + p + "_par_names" + extent(npars, m.params.size()) + ";");
  line("/** The parameters' initial values: " + npars + " values. */");
  line("extern const double " + p + "_inits" + extent(npars, m.params.size()) + ";");
  line("/** The parameters' lower bounds: " + npars + " values. */");
  line("extern const double " + p + "_lo" + extent(npars, m.params.size()) + ";");
  line("/** The parameters' upper bounds: " + npars + " values. */");
  line("extern const double " + p + "_hi" + extent(npars, m.params.size()) + ";");
  line("/** 1 for a parameter the measurement fixes (at its init), else 0: " + npars + " values. */");
  line("extern const int " + p + "_fixed" + extent(npars, m.params.size()) + ";");
  line("/** The workspace's observations, channels in order: " + nmain + " values. */");
  line("extern const double " + p + "_observed_data" + extent(nmain, m.nMain) + ";");
  line("/** The nominal auxiliary data of the constraints: " + naux + " values. */");
  line("extern const double " + p + "_aux_data" + extent(naux, m.nAux) + ";");
  line("");
  line("/** The log-likelihood (pyhf's logpdf: main Poisson terms plus constraints). */");
  line("double " + p + "_logpdf(const double *theta, const double *data, const double *aux);");
  line("");
  line("/** The log-likelihood, returned, and its gradient d logpdf / d theta written to");
  line(" *  grad (" + npars + " values; every parameter, the fixed ones included). */");
  line("double " + p + "_logpdf_grad(const double *theta, const double *data, const double *aux, double *grad);");
  line("");
  line("/** The expected data at theta: main_out gets " + nmain + " values, aux_out " + naux + ". */");
  line("void " + p + "_expected(const double *theta, double *main_out, double *aux_out);");
  line("");
  line("/** The negative log-likelihood, -logpdf (twice it is pyhf's twice_nll). */");
  line("double " + p + "_nll(const double *theta, const double *data, const double *aux);");
  line("");
  line("/** The negative log-likelihood, returned, and its gradient written to grad. */");
  line("double " + p + "_nll_grad(const double *theta, const double *data, const double *aux, double *grad);");
  line("");
  line("/** The expected data, under the name pyhf gives it (model.expected_data). */");
  line("void " + p + "_expected_data(const double *theta, double *main_out, double *aux_out);");
  line("");
  line("#ifdef __cplusplus");
  line("} /* extern \"C\" */");
  line("#endif");
  line("");
  line(fmt::format("#endif /* HFC_{}_H */", P));
  return h;
}

void writeBinary(const std::string &path, const std::string &bytes) {
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
    int err = errno;
    throw ComputeError(fmt::format("{}: error: cannot write: {}", path, std::strerror(err)));
  }
}

void runCompile(CompileOptions &o) {
  // The prefix: checked before the (slower) model is built.
  std::string prefix = o.prefix;
  if (!prefix.empty()) {
    prefix = sanitizePrefix(prefix);
    if (!isCIdentifier(prefix))
      throw InputError(fmt::format("error: --prefix: \"{}\" gives no C identifier (letters, digits and _, "
                                   "not starting with a digit)",
                                   o.prefix));
  } else if (!o.output.empty()) {
    prefix = prefixFromOutput(o.output);
    if (!isCIdentifier(prefix))
      throw InputError(fmt::format("error: -o {}: no C identifier follows from the file name (\"{}\"); "
                                   "name the symbols with --prefix NAME",
                                   o.output, prefix));
  } else {
    throw InputError("error: hfc compile needs -o FILE or --prefix NAME");
  }
  if (o.staticLib && endsWith(o.output, ".so"))
    throw InputError(fmt::format("error: -o {}: --static makes an archive; name it libNAME.a (or drop "
                                 "--static for a shared library)",
                                 o.output));
  std::string output = o.output;
  if (output.empty())
    output = o.emitObj ? prefix + ".o" : o.staticLib ? "lib" + prefix + ".a" : "lib" + prefix + ".so";
  std::string header = o.header;
  if (header.empty())
    header = (std::filesystem::path(output).parent_path() / (prefix + ".h")).string();

  ir::Module m = buildModule(o.model);
  if (emitIrIfAsked(o.model, m))
    return;
  // What the JIT compiles (runtime/likelihood.cpp): every parameter's
  // gradient, then the IR passes on value and gradient together.
  ir::Module compiled = m;
  ir::appendGradient(compiled, std::vector<bool>(compiled.params.size(), true));
  if (!o.model.noOpt)
    ir::optimize(compiled);
  std::string problem = ir::verify(compiled);
  if (!problem.empty())
    throw std::logic_error("autodiff or the passes produced invalid IR: " + problem);
  std::string llvmText;
  std::string object = codegen::compileLibraryObject(compiled, prefix, o.model.llvmOpt,
                                                     o.model.emitLlvm ? &llvmText : nullptr);
  if (o.model.emitLlvm) {
    std::fputs(llvmText.c_str(), stdout);
    return;
  }

  if (o.emitObj) {
    writeFileAtomically(output, object);
  } else {
    // Find the tools before any work that needs them.
    std::string tool = o.staticLib ? requireTool("ar", "make the static library")
                                   : requireTool("cc", "link the shared library");
    TempDir tmpDir;
    std::string objectPath = tmpDir.path() + "/" + prefix + ".o";
    writeBinary(objectPath, object);
    produceAtomically(output, [&](const std::string &tmp) {
      if (o.staticLib)
        run({tool, "rcs", tmp, objectPath}, "making the static library " + output);
      else
        run({tool, "-shared", "-o", tmp, objectPath, "-lm"}, "linking " + output);
    });
  }
  std::string library = std::filesystem::path(output).filename().string();
  writeFileAtomically(header, headerText(m, prefix, o.model.load, library));
}

} // namespace

void registerCompile(CLI::App &app) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App *cmd = app.add_subcommand(
      "compile", "Compile the model ahead of time into a C library (.so, .a or .o) and its header");
  addModelOptions(cmd, options->model);
  cmd->add_option("-o,--output", options->output,
                  "the library: libNAME.so (default), libNAME.a with --static, NAME.o with --emit-obj");
  cmd->add_option("--header", options->header, "the C header to write (default: NAME.h beside the output)");
  cmd->add_option("--prefix", options->prefix,
                  "NAME, the C identifier that starts every symbol (default: from -o, libNAME.so -> NAME)");
  CLI::Option *emitObj =
      cmd->add_flag("--emit-obj", options->emitObj, "write the object file instead of linking a library");
  cmd->add_flag("--static", options->staticLib, "make a static library (ar) instead of a shared one")
      ->excludes(emitObj);
  cmd->callback([options] { runCompile(*options); });
}

} // namespace hf::cli
