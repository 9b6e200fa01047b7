// CountModel: a probabilistic model of repeat purchasing in a
// non-contractual setting (docs/prediction.md): BG/NBD, MBG/NBD and
// Pareto/NBD. Each has four positive parameters, a log-likelihood with its
// gradient over log-parameters (what FitCountModel climbs), and the
// per-customer quantities CLV needs.
//
// Every conditional expectation factors as
//   E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) * AliveExpected(x, T, t),
// where AliveExpected is the expected number of purchases in (T, T + t] of a
// customer known to be alive at T; it does not depend on t_x, which lets CLV
// scoring evaluate it once per distinct (x, T).
//
// Implementations are stateless; all methods are const and thread-safe.
#ifndef TOUCHPOINT_MODELS_COUNT_MODEL_H_
#define TOUCHPOINT_MODELS_COUNT_MODEL_H_

#include <array>
#include <memory>
#include <string_view>

#include "models/rfm_data.h"
#include "util/status.h"

namespace touchpoint::models {

enum class CountModelKind { kBgNbd, kMbgNbd, kParetoNbd };

// "bgnbd", "mbgnbd", "pareto-nbd".
Result<CountModelKind> ParseCountModel(std::string_view name);
std::string_view CountModelName(CountModelKind kind);

using CountParams = std::array<double, 4>;

class CountModel {
 public:
  virtual ~CountModel() = default;
  virtual CountModelKind kind() const = 0;
  // In order: BG/NBD and MBG/NBD r, alpha, a, b; Pareto/NBD r, alpha, s, beta.
  virtual std::array<std::string_view, 4> param_names() const = 0;

  // Sum over rows of weight * log-likelihood. When `gradient` is not null it
  // receives d/d log(param) of that sum. `threads` > 1 splits large data.
  virtual double LogLikelihood(const CountParams& p, const RfmData& data, double* gradient,
                               size_t threads) const = 0;

  virtual double PAlive(const CountParams& p, double x, double tx, double T) const = 0;
  // Expected purchases in (T, T + t] given alive at T (see above).
  virtual double AliveExpected(const CountParams& p, double x, double T, double t) const = 0;
  // E[Y(t) | x, t_x, T]: expected purchases in the next t time units.
  double ConditionalExpected(const CountParams& p, double x, double tx, double T, double t) const {
    return PAlive(p, x, tx, T) * AliveExpected(p, x, T, t);
  }
  // E[X(t)]: expected repeat purchases in the first t units after a
  // customer's first purchase, before anything is known about them.
  virtual double UnconditionalExpected(const CountParams& p, double t) const = 0;
};

std::unique_ptr<CountModel> MakeCountModel(CountModelKind kind);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_COUNT_MODEL_H_
