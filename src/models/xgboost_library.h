// XGBoostLibrary: the handful of XGBoost C API calls the churn model makes,
// resolved with dlopen on first use instead of linked. libxgboost and what
// it pulls in (dmlc, gomp) hold about 6,000 of the 14,000 symbol bindings
// the dynamic loader resolves at every start of the binary: a few
// milliseconds on every command (a funnel over 10M events takes 45 ms in
// all), though only `churn` trains trees. Thread-safe: loaded once.
#ifndef TOUCHPOINT_MODELS_XGBOOST_LIBRARY_H_
#define TOUCHPOINT_MODELS_XGBOOST_LIBRARY_H_

#include <xgboost/c_api.h>

#include "util/status.h"

namespace touchpoint::models {

struct XGBoostLibrary {
  decltype(&XGBGetLastError) GetLastError = nullptr;
  decltype(&XGDMatrixCreateFromMat) DMatrixCreateFromMat = nullptr;
  decltype(&XGDMatrixSetFloatInfo) DMatrixSetFloatInfo = nullptr;
  decltype(&XGDMatrixFree) DMatrixFree = nullptr;
  decltype(&XGBoosterCreate) BoosterCreate = nullptr;
  decltype(&XGBoosterSetParam) BoosterSetParam = nullptr;
  decltype(&XGBoosterUpdateOneIter) BoosterUpdateOneIter = nullptr;
  decltype(&XGBoosterPredictFromDMatrix) BoosterPredictFromDMatrix = nullptr;
  decltype(&XGBoosterFree) BoosterFree = nullptr;
};

// The library, loaded on the first call; an error names the file and the
// missing symbol (the `libxgboost0` package is then not installed).
Result<const XGBoostLibrary*> LoadXGBoost();

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_XGBOOST_LIBRARY_H_
