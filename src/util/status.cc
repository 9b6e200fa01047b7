#include "util/status.h"

#include <cstring>

namespace touchpoint {

Status Status::FromErrno(std::string_view what, std::string_view path, int err) {
  std::string msg(what);
  msg += " ";
  msg += path;
  msg += ": ";
  msg += std::strerror(err);
  return IOError(std::move(msg));
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  const char* name = "Error";
  switch (state_->code) {
    case Code::kOk: name = "OK"; break;
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kIOError: name = "IO error"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kNotSupported: name = "Not supported"; break;
    case Code::kBusy: name = "Busy"; break;
    case Code::kAlreadyExists: name = "Already exists"; break;
    case Code::kUsage: name = "Usage error"; break;
  }
  return std::string(name) + ": " + state_->message;
}

}  // namespace touchpoint
