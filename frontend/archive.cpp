//===- frontend/archive.cpp - Files inside tarballs: archive.tar.gz:member ===//
//
// libarchive (Debian's libarchive-dev) reads every tar flavour and its
// compression in one streaming pass; a member is found by walking the
// headers, so only the archive's bytes up to that member are decompressed.
//
//===----------------------------------------------------------------------===//
#include "frontend/archive.h"

#include "hf/error.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace hf {

std::optional<ArchivePath> splitArchivePath(const std::string &spec) {
  std::error_code ec;
  if (spec == "-" || std::filesystem::exists(spec, ec))
    return std::nullopt;
  static const char *const kSuffixes[] = {".tar.gz:", ".tgz:", ".tar:", ".tar.xz:", ".tar.bz2:", ".tar.zst:", ".zip:"};
  // The first suffix from the left: an archive cannot sit inside another.
  size_t best = std::string::npos, bestLen = 0;
  for (const char *suffix : kSuffixes) {
    size_t pos = spec.find(suffix);
    if (pos != std::string::npos && (pos < best || (pos == best && std::char_traits<char>::length(suffix) > bestLen))) {
      best = pos;
      bestLen = std::char_traits<char>::length(suffix);
    }
  }
  if (best == std::string::npos)
    return std::nullopt;
  return ArchivePath{spec.substr(0, best + bestLen - 1), spec.substr(best + bestLen)};
}

namespace {

struct ArchiveFree {
  void operator()(struct archive *a) const { archive_read_free(a); }
};

/// "./a//b" -> "a/b": tar writers differ in how they spell the same path.
std::string normalizeMember(std::string p) {
  while (p.rfind("./", 0) == 0)
    p.erase(0, 2);
  std::string out;
  for (size_t i = 0; i < p.size(); ++i)
    if (!(p[i] == '/' && (out.empty() || out.back() == '/')))
      out += p[i];
  return out;
}

} // namespace

std::string readArchiveMember(const ArchivePath &path) {
  std::string where = fmt::format("{}:{}", path.archive, path.member);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path.archive, ec))
    throw InputError(fmt::format("{}: error: the archive {} does not exist", where, path.archive));
  std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.archive.c_str(), 1 << 16) != ARCHIVE_OK)
    throw InputError(fmt::format("{}: error: cannot read {} as an archive ({})", where, path.archive,
                                 archive_error_string(a.get())));
  std::string wanted = normalizeMember(path.member);
  std::vector<std::string> jsonMembers;
  size_t memberCount = 0;
  struct archive_entry *entry = nullptr;
  while (true) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF)
      break;
    if (r < ARCHIVE_WARN)
      throw InputError(fmt::format("{}: error: {} is damaged after {} members ({})", where, path.archive,
                                   memberCount, archive_error_string(a.get())));
    ++memberCount;
    const char *name = archive_entry_pathname(entry);
    std::string member = normalizeMember(name ? name : "");
    if (member == wanted && archive_entry_filetype(entry) == AE_IFREG) {
      std::string out;
      la_int64_t size = archive_entry_size(entry);
      if (size > 0)
        out.reserve(static_cast<size_t>(size));
      char buf[1 << 16];
      while (true) {
        la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
        if (n == 0)
          break;
        if (n < 0)
          throw InputError(fmt::format("{}: error: {} is damaged inside this member ({})", where, path.archive,
                                       archive_error_string(a.get())));
        out.append(buf, static_cast<size_t>(n));
      }
      return out;
    }
    if (member.size() > 5 && member.compare(member.size() - 5, 5, ".json") == 0)
      jsonMembers.push_back(member);
  }
  std::string listed;
  if (jsonMembers.empty())
    listed = fmt::format("it has {} members, none a .json file", memberCount);
  else {
    size_t shown = std::min<size_t>(jsonMembers.size(), 5);
    listed = fmt::format("its JSON members include {}{}", fmt::join(jsonMembers.begin(), jsonMembers.begin() + static_cast<std::ptrdiff_t>(shown), ", "),
                         jsonMembers.size() > shown ? fmt::format(" (and {} more)", jsonMembers.size() - shown) : "");
  }
  throw InputError(fmt::format("{}: error: no member \"{}\" in {} ({})", where, path.member, path.archive, listed));
}

size_t archiveMemberCount(const std::string &bytes, const std::string &name) {
  std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    throw InputError(fmt::format("{}: error: not an archive ({})", name, archive_error_string(a.get())));
  size_t count = 0;
  struct archive_entry *entry = nullptr;
  while (true) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF)
      return count;
    if (r < ARCHIVE_WARN)
      throw InputError(fmt::format("{}: error: the archive is damaged or truncated after {} members ({})", name,
                                   count, archive_error_string(a.get())));
    ++count;
    // Reading the data checks the compressed stream too.
    if (archive_read_data_skip(a.get()) < ARCHIVE_WARN)
      throw InputError(fmt::format("{}: error: the archive is damaged or truncated in member {} ({})", name,
                                   count, archive_error_string(a.get())));
  }
}

} // namespace hf
