// LogGamma and Digamma for the likelihoods: thread-safe (std::lgamma writes
// the global signgam, a data race when fits run on several threads) and
// without GSL's abort-on-error handler. Positive arguments only.
#ifndef TOUCHPOINT_MODELS_SPECIAL_FUNCTIONS_H_
#define TOUCHPOINT_MODELS_SPECIAL_FUNCTIONS_H_

namespace touchpoint::models {

// log Gamma(x). REQUIRES: x > 0.
double LogGamma(double x);
// psi(x) = d/dx log Gamma(x), to about 1e-15 relative. REQUIRES: x > 0.
double Digamma(double x);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_SPECIAL_FUNCTIONS_H_
