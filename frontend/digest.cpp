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

namespace hf {

namespace {

/// The hashlib names a PatchSet or `hfc digest` may ask for. OpenSSL knows
/// more (and other spellings); accepting only these keeps the set of
/// spellings the same as the documentation.
constexpr std::array<std::string_view, 6> kAlgorithms = {"sha256", "md5",    "sha1",
                                                         "sha224", "sha384", "sha512"};

const EVP_MD *messageDigest(const std::string &algorithm) {
  if (std::find(kAlgorithms.begin(), kAlgorithms.end(), algorithm) == kAlgorithms.end())
    throw InputError(fmt::format("unknown digest algorithm '{}' (expected one of {})", algorithm,
                                 fmt::join(kAlgorithms, ", ")));
  const EVP_MD *md = EVP_get_digestbyname(algorithm.c_str());
  // md5 and sha1 can be disabled by the OpenSSL configuration (FIPS mode).
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
