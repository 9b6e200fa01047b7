// Alert rules (`touchpoint alerts --rules FILE`): thresholds on a measure, or
// a significant change against the previous equally long range, checked on
// the last N days of data. TOML, one [[rule]] table each; see docs/metrics.md
// ("Alerts") for the keys. Evaluation is one metrics query per rule.
#ifndef TOUCHPOINT_ENGINE_ALERT_RULES_H_
#define TOUCHPOINT_ENGINE_ALERT_RULES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/metrics_query.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

struct AlertRule {
  std::string name;
  std::string measure;
  std::optional<double> above, below;
  bool significant_change = false;
  std::string direction = "any";  // up | down | any, for significant_change
  int last_days = 30;
  std::string by, where;
};

struct AlertFiring {
  std::string rule;
  std::string group;  // "" = everyone
  std::string message;
};

Result<std::vector<AlertRule>> LoadAlertRules(const std::string& path);

// Checks every rule; `base` supplies definitions, zone and threads.
Result<std::vector<AlertFiring>> CheckAlerts(std::shared_ptr<const store::Snapshot> snapshot,
                                             const std::vector<AlertRule>& rules, const MetricsRequest& base);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ALERT_RULES_H_
