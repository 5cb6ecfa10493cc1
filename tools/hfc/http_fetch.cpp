//===- tools/hfc/http_fetch.cpp - One HTTP(S) GET with libcurl ------------===//
//
// libcurl (Debian's libcurl4-openssl-dev) does the protocol work: TLS,
// redirects, proxies from the environment. Only http and https are allowed,
// for the first request and for redirects.
//
//===----------------------------------------------------------------------===//
#include "tools/hfc/http_fetch.h"

#include "hf/error.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <mutex>

namespace hf::cli {

namespace {

struct CurlFree {
  void operator()(CURL *c) const { curl_easy_cleanup(c); }
};

size_t onBody(char *data, size_t size, size_t count, void *user) {
  static_cast<FetchResult *>(user)->body.append(data, size * count);
  return size * count;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.pop_back();
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  return s.substr(b);
}

/// filename="x" or filename=x of a Content-Disposition value.
std::string dispositionFilename(const std::string &value) {
  std::string lower;
  for (char c : value)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t pos = lower.find("filename=");
  if (pos == std::string::npos)
    return "";
  std::string rest = value.substr(pos + 9);
  if (!rest.empty() && rest.front() == '"') {
    size_t end = rest.find('"', 1);
    return rest.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  }
  return trim(rest.substr(0, rest.find(';')));
}

size_t onHeader(char *data, size_t size, size_t count, void *user) {
  auto *r = static_cast<FetchResult *>(user);
  std::string line(data, size * count);
  // Each response of a redirect chain starts with its status line: only the
  // last response's headers count.
  if (line.rfind("HTTP/", 0) == 0) {
    r->dispositionName.clear();
    r->contentType.clear();
  }
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string key;
    for (char c : line.substr(0, colon))
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = trim(line.substr(colon + 1));
    if (key == "content-disposition")
      r->dispositionName = dispositionFilename(value);
    else if (key == "content-type")
      r->contentType = value;
  }
  return size * count;
}

} // namespace

FetchResult httpGet(const std::string &url) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl)
    throw ComputeError("error: cannot start libcurl");
  FetchResult r;
  char errors[CURL_ERROR_SIZE] = {0};
  CURL *c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "hfc/0.1.0");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  // Give up on a transfer that stalls (under 1 byte/s for a minute).
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    std::string why = errors[0] ? errors : curl_easy_strerror(code);
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL)
      throw InputError(fmt::format("error: {}: {} (expected an http:// or https:// URL)", url, why));
    throw ComputeError(fmt::format("error: {}: download failed: {}", url, why));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  char *effective = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  r.effectiveUrl = effective ? effective : url;
  return r;
}

} // namespace hf::cli
