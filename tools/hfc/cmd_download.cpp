//===- tools/hfc/cmd_download.cpp - hfc download URL [DIR] [--force] ------===//
//
// Fetches a likelihood record the way `pyhf contrib download` does, but keeps
// the tarball whole: every hfc command reads `record.tar.gz:path/inside.json`
// directly (frontend/archive.h). The content must be a complete tar.gz (or
// other archive) or a JSON document — an HTML error page or a truncated
// transfer is refused — and is written atomically, under the name the
// server gives (Content-Disposition), else the URL's last path segment.
//
//===----------------------------------------------------------------------===//
#include "frontend/archive.h"
#include "frontend/json_text.h"
#include "hf/error.h"
#include "tools/hfc/commands.h"
#include "tools/hfc/http_fetch.h"
#include "tools/hfc/output_file.h"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

namespace hf::cli {

namespace {

struct DownloadOptions {
  std::string url;
  std::string dir = ".";
  bool force = false;
};

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string percentDecode(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// A bare file name: the part after the last '/', never "", "." or "..".
std::string safeName(std::string name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos)
    name = name.substr(slash + 1);
  if (name == "." || name == "..")
    return "";
  return name;
}

/// The name to save under: the server's, else the URL's last segment.
std::string chooseName(const FetchResult &r) {
  std::string name = safeName(r.dispositionName);
  if (name.empty()) {
    std::string path = r.effectiveUrl.substr(0, r.effectiveUrl.find_first_of("?#"));
    size_t scheme = path.find("://");
    size_t pathStart = path.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (pathStart != std::string::npos)
      name = safeName(percentDecode(path.substr(pathStart)));
  }
  return name.empty() ? "download" : name;
}

std::string preview(const std::string &body) {
  std::string out;
  for (char c : body.substr(0, 40))
    out += std::isprint(static_cast<unsigned char>(c)) ? c : '.';
  return out;
}

void runDownload(const DownloadOptions &o) {
  FetchResult r = httpGet(o.url);
  if (r.status >= 400) {
    std::string what = fmt::format("error: {}: the server answered HTTP {}", o.url, r.status);
    if (r.status < 500)
      throw InputError(what);
    throw ComputeError(what);
  }
  std::string name = chooseName(r);

  // What was fetched: a whole archive (gzip magic, then every member read),
  // or a JSON document.
  std::string kind;
  bool gzip = r.body.size() >= 2 && static_cast<unsigned char>(r.body[0]) == 0x1f &&
              static_cast<unsigned char>(r.body[1]) == 0x8b;
  if (gzip) {
    size_t members = archiveMemberCount(r.body, o.url);
    kind = fmt::format("a tar.gz archive of {} member{}", members, members == 1 ? "" : "s");
    if (!endsWith(name, ".tar.gz") && !endsWith(name, ".tgz"))
      name += ".tar.gz";
  } else {
    try {
      parseJsonText(r.body, o.url);
    } catch (const InputError &) {
      throw InputError(fmt::format("error: {}: the content is neither a tar.gz archive nor JSON ({} bytes{}{})",
                                   o.url, r.body.size(), r.contentType.empty() ? "" : ", " + r.contentType,
                                   r.body.empty() ? "" : ", starting \"" + preview(r.body) + "\""));
    }
    kind = "a JSON document";
    if (!endsWith(name, ".json"))
      name += ".json";
  }

  std::filesystem::path dir(o.dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(fmt::format("error: {}: not a directory (and cannot be created)", o.dir));
  std::string target = (dir / name).string();
  if (std::filesystem::exists(target, ec) && !o.force)
    throw InputError(fmt::format("error: {} exists already (--force replaces it)", target));
  writeFileAtomically(target, r.body);
  fmt::print("saved {} ({} bytes, {}) from {}\n", target, r.body.size(), kind, r.effectiveUrl);
}

} // namespace

void registerDownload(CLI::App &app) {
  auto o = std::make_shared<DownloadOptions>();
  CLI::App *cmd = app.add_subcommand(
      "download", "Download a likelihood record (a tar.gz as HEPData serves it, or a JSON file) and keep it whole");
  cmd->add_option("URL", o->url, "http:// or https:// address (redirects are followed)")->required();
  cmd->add_option("DIR", o->dir, "directory to save into (created if missing; default: the working directory)");
  cmd->add_flag("-f,--force", o->force, "replace a file of the same name");
  cmd->callback([o] { runDownload(*o); });
}

} // namespace hf::cli
