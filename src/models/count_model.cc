#include "models/count_model.h"

#include <string>

#include "models/beta_geometric.h"
#include "models/pareto_nbd.h"

namespace touchpoint::models {

Result<CountModelKind> ParseCountModel(std::string_view name) {
  if (name == "bgnbd") return CountModelKind::kBgNbd;
  if (name == "mbgnbd") return CountModelKind::kMbgNbd;
  if (name == "pareto-nbd" || name == "paretonbd") return CountModelKind::kParetoNbd;
  return Status::InvalidArgument("unknown model '" + std::string(name) + "' (bgnbd, mbgnbd or pareto-nbd)");
}

std::string_view CountModelName(CountModelKind kind) {
  switch (kind) {
    case CountModelKind::kBgNbd: return "bgnbd";
    case CountModelKind::kMbgNbd: return "mbgnbd";
    case CountModelKind::kParetoNbd: return "pareto-nbd";
  }
  return "bgnbd";
}

std::unique_ptr<CountModel> MakeCountModel(CountModelKind kind) {
  if (kind == CountModelKind::kParetoNbd) return std::make_unique<ParetoNbdModel>();
  return std::make_unique<BetaGeometricModel>(kind == CountModelKind::kMbgNbd);
}

}  // namespace touchpoint::models
