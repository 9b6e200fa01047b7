// ParetoNbdModel: the Pareto/NBD model (Schmittlein, Morrison & Colombo
// 1987), with the likelihood in the form of Fader, Hardie & Lee (2005, "RFM
// and CLV" and the note "A note on deriving the Pareto/NBD model"):
// gamma-distributed purchase rates (r, alpha) and gamma-distributed drop-out
// rates (s, beta). Formulas in docs/prediction.md. The gradient is by
// central differences (the 2F1 parameters depend on r and s).
// Stateless; thread-safe.
#ifndef TOUCHPOINT_MODELS_PARETO_NBD_H_
#define TOUCHPOINT_MODELS_PARETO_NBD_H_

#include "models/count_model.h"

namespace touchpoint::models {

class ParetoNbdModel : public CountModel {
 public:
  CountModelKind kind() const override { return CountModelKind::kParetoNbd; }
  std::array<std::string_view, 4> param_names() const override { return {"r", "alpha", "s", "beta"}; }
  double LogLikelihood(const CountParams& p, const RfmData& data, double* gradient, size_t threads) const override;
  double PAlive(const CountParams& p, double x, double tx, double T) const override;
  double AliveExpected(const CountParams& p, double x, double T, double t) const override;
  double UnconditionalExpected(const CountParams& p, double t) const override;

  // log A0 (docs/prediction.md): A0 = (r+s+x) times the integral over
  // tau in [t_x, T] of (alpha+tau)^-(r+x) (beta+tau)^-(s+1); -inf when
  // t_x = T. Exposed for tests.
  static double LogA0(const CountParams& p, double x, double tx, double T);

 private:
  double Sum(const CountParams& p, const RfmData& data, size_t threads) const;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_PARETO_NBD_H_
