//===- tools/hfc/http_fetch.h - One HTTP(S) GET with libcurl --------------===//
#pragma once

#include <string>

namespace hf::cli {

/// What a GET brought back, after redirects.
struct FetchResult {
  long status = 0;                ///< the final response's HTTP status
  std::string body;
  std::string effectiveUrl;       ///< the URL of the final response
  std::string dispositionName;    ///< filename= of its Content-Disposition ("" if none)
  std::string contentType;
};

/// GETs `url` (http or https only, following up to 10 redirects). A URL
/// curl cannot use is an InputError; a transfer that fails (no server,
/// timeout, a broken connection) a ComputeError naming the URL.
FetchResult httpGet(const std::string &url);

} // namespace hf::cli
