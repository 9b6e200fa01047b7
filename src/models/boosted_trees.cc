#include "models/boosted_trees.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "models/xgboost_library.h"

namespace touchpoint::models {
namespace {

// The loaded library. REQUIRES: LoadXGBoost() succeeded (Train checks it
// before any handle exists, and every other call needs a handle).
const XGBoostLibrary& X() { return *LoadXGBoost().value(); }

Status Check(int rc, const char* call) {
  if (rc == 0) return Status::OK();
  return Status::InvalidArgument(std::string("xgboost ") + call + ": " + X().GetLastError());
}

// A DMatrix that frees itself.
class Matrix {
 public:
  ~Matrix() {
    if (handle_ != nullptr) X().DMatrixFree(handle_);
  }
  Status Create(const std::vector<float>& x, size_t rows, size_t cols) {
    return Check(X().DMatrixCreateFromMat(x.data(), rows, cols, std::numeric_limits<float>::quiet_NaN(), &handle_),
                 "XGDMatrixCreateFromMat");
  }
  DMatrixHandle handle() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

}  // namespace

Result<BoostedTrees> BoostedTrees::Train(const std::vector<float>& x, const std::vector<float>& y, size_t rows,
                                         size_t cols, const BoostingParams& p) {
  if (rows == 0 || cols == 0 || x.size() != rows * cols || y.size() != rows) {
    return Status::InvalidArgument("boosted trees: the training matrix is empty or misshapen");
  }
  TP_RETURN_IF_ERROR(LoadXGBoost().status());
  Matrix train;
  TP_RETURN_IF_ERROR(train.Create(x, rows, cols));
  TP_RETURN_IF_ERROR(Check(X().DMatrixSetFloatInfo(train.handle(), "label", y.data(), rows), "XGDMatrixSetFloatInfo"));
  DMatrixHandle handles[] = {train.handle()};
  BoosterHandle booster = nullptr;
  TP_RETURN_IF_ERROR(Check(X().BoosterCreate(handles, 1, &booster), "XGBoosterCreate"));
  BoostedTrees model(booster, cols);
  const std::pair<const char*, std::string> settings[] = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(p.max_depth)},
      {"eta", Number(p.learning_rate)},
      {"subsample", Number(p.subsample)},
      {"min_child_weight", Number(p.min_child_weight)},
      {"seed", std::to_string(p.seed)},
      {"nthread", std::to_string(p.threads == 0 ? 1 : p.threads)},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : settings) {
    TP_RETURN_IF_ERROR(Check(X().BoosterSetParam(booster, name, value.c_str()), "XGBoosterSetParam"));
  }
  for (int round = 0; round < p.rounds; ++round) {
    TP_RETURN_IF_ERROR(Check(X().BoosterUpdateOneIter(booster, round, train.handle()), "XGBoosterUpdateOneIter"));
  }
  return model;
}

BoostedTrees::BoostedTrees(BoostedTrees&& o) noexcept : booster_(o.booster_), cols_(o.cols_) { o.booster_ = nullptr; }

BoostedTrees& BoostedTrees::operator=(BoostedTrees&& o) noexcept {
  if (this != &o) {
    if (booster_ != nullptr) X().BoosterFree(booster_);
    booster_ = o.booster_;
    cols_ = o.cols_;
    o.booster_ = nullptr;
  }
  return *this;
}

BoostedTrees::~BoostedTrees() {
  if (booster_ != nullptr) X().BoosterFree(booster_);
}

Result<std::vector<float>> BoostedTrees::Run(const std::vector<float>& x, size_t rows, int type, size_t width) const {
  if (rows == 0) return std::vector<float>{};
  Matrix m;
  TP_RETURN_IF_ERROR(m.Create(x, rows, cols_));
  const std::string config = "{\"type\": " + std::to_string(type) +
                             ", \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false}";
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  TP_RETURN_IF_ERROR(Check(X().BoosterPredictFromDMatrix(booster_, m.handle(), config.c_str(), &shape, &dims, &out),
                           "XGBoosterPredictFromDMatrix"));
  return std::vector<float>(out, out + rows * width);
}

Result<std::vector<float>> BoostedTrees::Predict(const std::vector<float>& x, size_t rows) const {
  return Run(x, rows, 0, 1);
}

Result<std::vector<float>> BoostedTrees::Contributions(const std::vector<float>& x, size_t rows) const {
  return Run(x, rows, 2, cols_ + 1);
}

}  // namespace touchpoint::models
