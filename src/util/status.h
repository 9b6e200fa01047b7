// Status and Result<T>: errors as values at every I/O and parse boundary.
//
// A Status is either OK or carries a code and a message that names what
// failed (file, line, field). Result<T> holds a T or a non-OK Status.
// Both are cheap to move; neither throws. Thread-compatible.
#ifndef TOUCHPOINT_UTIL_STATUS_H_
#define TOUCHPOINT_UTIL_STATUS_H_

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace touchpoint {

class [[nodiscard]] Status {
 public:
  enum class Code : int {
    kOk = 0,
    kInvalidArgument,  // the caller (or the user's input) asked for something wrong
    kNotFound,
    kIOError,
    kCorruption,       // on-disk data does not match its format
    kNotSupported,     // e.g. an unknown store format version
    kBusy,             // another process holds the store's write lock
    kAlreadyExists,    // e.g. the same file ingested twice
    kUsage,            // a request names something unknown or gives a bad value (exit status 2)
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status NotSupported(std::string msg) { return Status(Code::kNotSupported, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status AlreadyExists(std::string msg) { return Status(Code::kAlreadyExists, std::move(msg)); }
  static Status Usage(std::string msg) { return Status(Code::kUsage, std::move(msg)); }
  // An I/O error built from errno, naming the operation and the path.
  static Status FromErrno(std::string_view what, std::string_view path, int err);

  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  const std::string& message() const;
  // "Corruption: parts/000001.tpp: bad checksum in block 3"
  std::string ToString() const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  Status(Code code, std::string msg) : state_(std::make_shared<State>(State{code, std::move(msg)})) {}
  std::shared_ptr<const State> state_;  // null means OK; shared so copies are cheap
};

// Holds either a value or an error Status (never an OK status without a value).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace touchpoint

// Early return on error. The one macro we allow: the language has no `?`.
#define TP_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::touchpoint::Status tp_status_ = (expr); \
    if (!tp_status_.ok()) return tp_status_;  \
  } while (0)

#define TP_CONCAT_INNER_(a, b) a##b
#define TP_CONCAT_(a, b) TP_CONCAT_INNER_(a, b)
#define TP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
#define TP_ASSIGN_OR_RETURN(lhs, expr) TP_ASSIGN_OR_RETURN_IMPL_(TP_CONCAT_(tp_result_, __LINE__), lhs, expr)

#endif  // TOUCHPOINT_UTIL_STATUS_H_
