#include "models/xgboost_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace touchpoint::models {
namespace {

// The file the build linked against (CMake's realpath of libxgboost.so),
// then the soname, for a binary moved to a machine with the package.
constexpr const char* kCandidates[] = {TP_XGBOOST_LIBRARY, "libxgboost.so.0"};

template <typename F>
bool Resolve(void* handle, const char* name, F* out) {
  *out = reinterpret_cast<F>(dlsym(handle, name));
  return *out != nullptr;
}

Result<XGBoostLibrary> Open() {
  void* handle = nullptr;
  std::string tried;
  for (const char* path : kCandidates) {
    // RTLD_LOCAL: its symbols stay out of the global scope; never closed.
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) break;
    const char* why = dlerror();
    tried += std::string(tried.empty() ? "" : "; ") + (why != nullptr ? why : path);
  }
  if (handle == nullptr) {
    return Status::IOError("the churn model needs XGBoost (Debian package libxgboost0), which could not be loaded: " +
                           tried);
  }
  XGBoostLibrary lib;
  const bool ok = Resolve(handle, "XGBGetLastError", &lib.GetLastError) &&
                  Resolve(handle, "XGDMatrixCreateFromMat", &lib.DMatrixCreateFromMat) &&
                  Resolve(handle, "XGDMatrixSetFloatInfo", &lib.DMatrixSetFloatInfo) &&
                  Resolve(handle, "XGDMatrixFree", &lib.DMatrixFree) &&
                  Resolve(handle, "XGBoosterCreate", &lib.BoosterCreate) &&
                  Resolve(handle, "XGBoosterSetParam", &lib.BoosterSetParam) &&
                  Resolve(handle, "XGBoosterUpdateOneIter", &lib.BoosterUpdateOneIter) &&
                  Resolve(handle, "XGBoosterPredictFromDMatrix", &lib.BoosterPredictFromDMatrix) &&
                  Resolve(handle, "XGBoosterFree", &lib.BoosterFree);
  if (!ok) {
    const char* why = dlerror();
    return Status::IOError(std::string("the XGBoost library lacks a function the churn model calls: ") +
                           (why != nullptr ? why : "unknown symbol"));
  }
  return lib;
}

}  // namespace

Result<const XGBoostLibrary*> LoadXGBoost() {
  static std::once_flag once;
  static Result<XGBoostLibrary>* loaded = nullptr;
  std::call_once(once, [] { loaded = new Result<XGBoostLibrary>(Open()); });  // lives as long as the process
  if (!loaded->ok()) return loaded->status();
  return &loaded->value();
}

}  // namespace touchpoint::models
