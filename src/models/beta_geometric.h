// BetaGeometricModel: BG/NBD (Fader, Hardie & Lee 2005, "Counting your
// customers the easy way") and its modification MBG/NBD (Batislam, Denizel &
// Filiztekin 2007), which also lets a customer drop out right after the
// first purchase. Parameters r, alpha (gamma-distributed purchase rates) and
// a, b (beta-distributed drop-out probabilities). Formulas in
// docs/prediction.md. Stateless; thread-safe.
#ifndef TOUCHPOINT_MODELS_BETA_GEOMETRIC_H_
#define TOUCHPOINT_MODELS_BETA_GEOMETRIC_H_

#include "models/count_model.h"

namespace touchpoint::models {

class BetaGeometricModel : public CountModel {
 public:
  // modified = false: BG/NBD; true: MBG/NBD.
  explicit BetaGeometricModel(bool modified) : modified_(modified) {}

  CountModelKind kind() const override { return modified_ ? CountModelKind::kMbgNbd : CountModelKind::kBgNbd; }
  std::array<std::string_view, 4> param_names() const override { return {"r", "alpha", "a", "b"}; }
  double LogLikelihood(const CountParams& p, const RfmData& data, double* gradient, size_t threads) const override;
  double PAlive(const CountParams& p, double x, double tx, double T) const override;
  double AliveExpected(const CountParams& p, double x, double T, double t) const override;
  double UnconditionalExpected(const CountParams& p, double t) const override;

 private:
  // AliveExpected for a != 1 (the formula divides by a - 1).
  double AliveExpectedAt(double r, double alpha, double a, double b, double x, double T, double t) const;
  bool modified_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_BETA_GEOMETRIC_H_
