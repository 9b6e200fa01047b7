// Funnel exclusion steps as written on the command line (docs/funnels.md,
// "Exclusions"): `EVENT[conditions]@A-B`, an event with optional conditions
// in the step language of kernels/funnel_steps.h, and the 1-based steps it
// may not fall between (default: between the first and the last step).
#ifndef TOUCHPOINT_KERNELS_FUNNEL_EXCLUSIONS_H_
#define TOUCHPOINT_KERNELS_FUNNEL_EXCLUSIONS_H_

#include <string>
#include <vector>

#include "kernels/funnel_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

// Parses `texts` for a funnel of `steps` steps into spec->exclusion_events
// and spec->exclusions.
Status ParseFunnelExclusions(const std::vector<std::string>& texts, size_t steps, FunnelSpec* spec);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_EXCLUSIONS_H_
