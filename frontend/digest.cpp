//===- frontend/digest.cpp - Workspace digests as pyhf computes them ------===//
//
// pyhf.utils.digest hashes json.dumps(doc, sort_keys=True, ensure_ascii=False)
// encoded as UTF-8 (workspace.md §5); the hashing itself is OpenSSL's.
//
//===----------------------------------------------------------------------===//
#include "frontend/digest.h"

#include "frontend/python_json.h"
#include "hf/error.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace hf {

namespace {

/// Every fixed-length digest Python's hashlib offers on OpenSSL 3 (pyhf
/// calls hashlib.new(name)), by its hashlib name, with OpenSSL's name for it.
/// shake_128/shake_256 are missing on purpose: their hexdigest needs a
/// length, so pyhf cannot use them either.
constexpr std::array<std::pair<std::string_view, const char *>, 17> kAlgorithms = {{
    {"sha256", "SHA256"},         {"md5", "MD5"},               {"sha1", "SHA1"},
    {"sha224", "SHA224"},         {"sha384", "SHA384"},         {"sha512", "SHA512"},
    {"sha512_224", "SHA512-224"}, {"sha512_256", "SHA512-256"}, {"sha3_224", "SHA3-224"},
    {"sha3_256", "SHA3-256"},     {"sha3_384", "SHA3-384"},     {"sha3_512", "SHA3-512"},
    {"blake2b", "BLAKE2B-512"},   {"blake2s", "BLAKE2S-256"},   {"ripemd160", "RIPEMD160"},
    {"sm3", "SM3"},               {"md5-sha1", "MD5-SHA1"},
}};

const EVP_MD *messageDigest(const std::string &algorithm) {
  auto it = std::find_if(kAlgorithms.begin(), kAlgorithms.end(),
                         [&](const auto &entry) { return entry.first == algorithm; });
  if (it == kAlgorithms.end()) {
    std::vector<std::string_view> names;
    for (const auto &entry : kAlgorithms)
      names.push_back(entry.first);
    throw InputError(fmt::format("unknown digest algorithm '{}' (expected one of {})", algorithm,
                                 fmt::join(names, ", ")));
  }
  const EVP_MD *md = EVP_get_digestbyname(it->second);
  // Some can be disabled by the OpenSSL configuration (FIPS mode, legacy provider).
  if (md == nullptr)
    throw InputError(
        fmt::format("digest algorithm '{}' is not available in this OpenSSL", algorithm));
  return md;
}

} // namespace

std::string workspaceDigest(const Json &doc, const std::string &algorithm) {
  const EVP_MD *md = messageDigest(algorithm);
  std::string text = pythonJsonCompact(doc);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), hash, &length, md, nullptr) != 1)
    throw InputError(fmt::format("computing the {} digest failed in OpenSSL", algorithm));
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i)
    hex += fmt::format("{:02x}", hash[i]);
  return hex;
}

} // namespace hf
