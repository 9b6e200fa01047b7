#include "kernels/measure_catalog.h"

#include <cmath>
#include <limits>

namespace touchpoint::kernels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerYear = 365.25;
constexpr double kSignificance = 0.05;
constexpr double kMaxLifespanYears = 10;

double Div(double a, double b) { return b == 0 ? kNaN : a / b; }

MetricValue Count(std::string name, double v, std::string unit) {
  MetricValue m;
  m.name = std::move(name);
  m.value = v;
  m.unit = std::move(unit);
  m.kind = ValueKind::kCount;
  return m;
}

// A proportion x/n as a percentage, with its Wilson interval.
MetricValue Proportion(std::string name, uint64_t x, uint64_t n) {
  MetricValue m;
  m.name = std::move(name);
  m.unit = "%";
  m.kind = ValueKind::kProportion;
  m.numerator = static_cast<double>(x);
  m.denominator = static_cast<double>(n);
  m.x = x;
  m.n = n;
  m.value = Div(100.0 * static_cast<double>(x), static_cast<double>(n));
  if (n > 0 && x <= n) m.ci95 = WilsonPercent(x, n);
  return m;
}

MetricValue Mean(std::string name, uint64_t n, double sum, double sum2, std::string unit) {
  MetricValue m;
  m.name = std::move(name);
  m.unit = std::move(unit);
  m.kind = ValueKind::kMean;
  m.numerator = sum;
  m.denominator = static_cast<double>(n);
  m.n = n;
  m.sum = sum;
  m.sum2 = sum2;
  m.value = Div(sum, static_cast<double>(n));
  if (n > 0) m.ci95 = MeanInterval(n, sum, sum2);
  return m;
}

// The benchmark verdict, when there is enough data for one: at least
// kMinVerdictSample observations, and a 95% interval within one band.
void Band(MetricValue* m, std::string_view channel = "") {
  if (std::isnan(m->value)) return;
  auto verdict = Benchmark(m->name, m->value, channel);
  if (!verdict) return;
  const uint64_t n = m->kind == ValueKind::kCount ? kMinVerdictSample : m->n;
  if (n < kMinVerdictSample) {
    m->benchmark = BenchmarkVerdict{"too few", "too few (n=" + std::to_string(n) + ") for a verdict"};
    return;
  }
  if (m->ci95) {
    const auto low = Benchmark(m->name, m->ci95->low, channel), high = Benchmark(m->name, m->ci95->high, channel);
    if (low && high && low->band != high->band) {
      m->benchmark = BenchmarkVerdict{"uncertain", "the 95% interval spans the " + low->band + " and " + high->band +
                                                       " bands: not enough data for a verdict"};
      return;
    }
  }
  m->benchmark = std::move(verdict);
}

// Marks `m` as not applicable to this data, with the reason.
void NotApplicable(MetricValue* m, std::string why) {
  m->value = kNaN;
  m->ci95.reset();
  m->benchmark.reset();
  m->parts.clear();
  m->not_applicable = std::move(why);
}

constexpr const char* kNoTimeOfDay = "not applicable: timestamps have no time of day";

}  // namespace

const MetricValue* MetricSet::Find(std::string_view name) const {
  for (const MetricValue& v : values) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

const std::vector<std::string>& MeasureNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    // Every measure is computed for every cell, so an empty one lists them.
    for (const MetricValue& v : ComputeMeasures(MeasureCell{}, CellContext{}, scan::Catalog{}).values) {
      names.push_back(v.name);
    }
    names.emplace_back("feature_adoption");
    return names;
  }();
  return kNames;
}

MetricSet ComputeMeasures(const MeasureCell& c, const CellContext& ctx, const scan::Catalog& catalog) {
  MetricSet out;
  auto& v = out.values;
  v.push_back(Count("events", static_cast<double>(c.events), "events"));
  v.push_back(Count("customers", static_cast<double>(c.customers), "customers"));
  v.push_back(Count("sessions", static_cast<double>(c.sessions), "sessions"));
  if (!ctx.presence.time_of_day) NotApplicable(&v.back(), kNoTimeOfDay);
  v.push_back(Count("visitors", static_cast<double>(c.visitors), "customers"));

  const MeasurePresence& has = ctx.presence;
  v.push_back(Proportion("ctr", c.clicks, c.impressions));
  Band(&v.back(), ctx.channel);
  if (!has.impressions) NotApplicable(&v.back(), "not applicable: the store has no impression events");
  v.push_back(Proportion("bounce_rate", c.bounces, c.bounce_base));
  Band(&v.back());
  if (!has.page_views) NotApplicable(&v.back(), "not applicable: the store has no page_view events");
  if (!has.time_of_day) NotApplicable(&v.back(), kNoTimeOfDay);
  v.push_back(Proportion("conversion_rate", c.converters, c.customers));
  Band(&v.back());
  if (!has.non_conversion_activity) {
    NotApplicable(&v.back(), "not applicable: every customer is known only by a conversion event");
  }
  v.push_back(Proportion("session_conversion_rate", c.converted_sessions, c.sessions));
  if (!has.time_of_day) NotApplicable(&v.back(), kNoTimeOfDay);
  v.push_back(Mean("avg_session_duration_s", c.sessions, c.duration_s, c.duration_s2, "s"));
  Band(&v.back());
  if (!has.time_of_day) NotApplicable(&v.back(), kNoTimeOfDay);

  v.push_back(Proportion("csat", c.csat_satisfied, c.csat_n));
  Band(&v.back());
  if (!has.csat) NotApplicable(&v.back(), "not applicable: the store has no csat survey answers");
  {
    MetricValue nps;
    nps.name = "nps";
    nps.kind = ValueKind::kNps;
    nps.x = c.promoters;
    nps.n = c.nps_n;
    nps.promoters = c.promoters;
    nps.detractors = c.detractors;
    nps.numerator = static_cast<double>(c.promoters) - static_cast<double>(c.detractors);
    nps.denominator = static_cast<double>(c.nps_n);
    nps.value = Div(100.0 * nps.numerator, nps.denominator);
    if (c.nps_n > 0) {
      nps.ci95 = NpsInterval(c.promoters, c.detractors, c.nps_n);
      const double n = static_cast<double>(c.nps_n);
      nps.parts = {{"promoters", 100.0 * static_cast<double>(c.promoters) / n},
                   {"passives", 100.0 * static_cast<double>(c.nps_n - c.promoters - c.detractors) / n},
                   {"detractors", 100.0 * static_cast<double>(c.detractors) / n}};
    }
    Band(&nps);
    if (!has.nps) NotApplicable(&nps, "not applicable: the store has no nps survey answers");
    v.push_back(std::move(nps));
  }
  v.push_back(Mean("ces", c.ces_n, c.ces_sum, c.ces_sum2, "1-7"));
  if (!has.ces) NotApplicable(&v.back(), "not applicable: the store has no ces survey answers");

  v.push_back(Proportion("churn_rate", c.churned, c.churn_base));
  {
    MetricValue retention = Proportion("retention_rate", c.churn_base - c.churned, c.churn_base);
    v.push_back(std::move(retention));
  }
  v.push_back(Proportion("contractual_churn_rate", c.subscribers_cancelled, c.subscribers_at_start));
  if (!has.subscriptions) NotApplicable(&v.back(), "not applicable: the store has no subscription events");
  {
    MetricValue rc;
    rc.name = "revenue_churn_rate";
    rc.unit = "%";
    rc.kind = ValueKind::kDerived;
    rc.numerator = c.churned_revenue;
    rc.denominator = c.churn_base_revenue;
    rc.value = Div(100.0 * c.churned_revenue, c.churn_base_revenue);
    v.push_back(std::move(rc));
  }
  {
    // Seeds: CLV = average purchase value x purchase frequency x lifespan,
    // with the expected lifespan 1 / the purchasers' annual churn
    // (1 - (1 - m)^12 from their pooled monthly churn m), capped at
    // kMaxLifespanYears: the observed first-to-last span is cut short by
    // the end of the data and would understate it (docs/metrics.md).
    MetricValue clv;
    clv.name = "clv_historic";
    clv.unit = "money";
    clv.kind = ValueKind::kDerived;
    const double apv = Div(c.revenue, static_cast<double>(c.purchases));
    const double years = ctx.range_days / kDaysPerYear;
    const double frequency = Div(Div(static_cast<double>(c.purchases), static_cast<double>(c.purchasers)), years);
    const double monthly = Div(static_cast<double>(c.purchasers_churned), static_cast<double>(c.purchaser_churn_base));
    const double annual = 1 - std::pow(1 - monthly, 12);
    // No purchaser lost in any month: the lifespan is at least the cap.
    const double lifespan = annual > 0                    ? std::min(1 / annual, kMaxLifespanYears)
                            : c.purchaser_churn_base > 0 ? kMaxLifespanYears
                                                         : kNaN;
    clv.value = apv * frequency * lifespan;
    clv.numerator = c.revenue;
    clv.denominator = static_cast<double>(c.purchasers);
    clv.parts = {{"avg_purchase_value", apv},           {"purchase_frequency_per_year", frequency},
                 {"monthly_purchaser_churn", monthly},  {"annual_purchaser_churn", annual},
                 {"lifespan_years", lifespan}};
    if (!has.purchases) NotApplicable(&clv, "not applicable: the store has no purchase events");
    v.push_back(std::move(clv));
  }
  {
    MetricValue rpc;
    rpc.name = "revenue_per_customer";
    rpc.unit = "money";
    rpc.kind = ValueKind::kDerived;
    rpc.numerator = c.customer_revenue;
    rpc.denominator = static_cast<double>(c.customers);
    rpc.value = Div(c.customer_revenue, static_cast<double>(c.customers));
    if (!has.purchases) NotApplicable(&rpc, "not applicable: the store has no purchase events");
    v.push_back(std::move(rpc));
  }
  v.push_back(Proportion("repeat_purchase_rate", c.repeat_purchasers, c.purchasers));
  if (!has.purchases) NotApplicable(&v.back(), "not applicable: the store has no purchase events");
  v.push_back(Proportion("activation_rate", c.activated, c.new_customers));
  if (!has.activation) NotApplicable(&v.back(), "not applicable: the store has no activation events");
  v.push_back(Count("new_customers", static_cast<double>(c.new_customers), "customers"));
  {
    MetricValue growth;
    growth.name = "new_customers_growth";
    growth.unit = "%";
    growth.kind = ValueKind::kDerived;
    growth.value = kNaN;
    if (ctx.previous_new) {
      growth.numerator = static_cast<double>(c.new_customers) - static_cast<double>(*ctx.previous_new);
      growth.denominator = static_cast<double>(*ctx.previous_new);
      growth.value = Div(100.0 * growth.numerator, growth.denominator);
    }
    v.push_back(std::move(growth));
  }
  v.push_back(Proportion("engagement_rate", c.customers, ctx.known_customers));
  // Its denominator counts customers who did nothing in the range, and so
  // have no value of the --by property to be grouped by.
  if (ctx.grouped) {
    NotApplicable(&v.back(), "not applicable per group: customers inactive in the range have no group");
  }
  v.push_back(Proportion("social_engagement_rate", c.social_actions, c.social_impressions));
  if (!has.social_impressions) NotApplicable(&v.back(), "not applicable: the store has no impressions on social");
  {
    MetricValue ad = Count("active_days", Div(static_cast<double>(c.active_days), static_cast<double>(c.customers)),
                           "days per active customer");
    ad.kind = ValueKind::kDerived;
    ad.numerator = static_cast<double>(c.active_days);
    ad.denominator = static_cast<double>(c.customers);
    v.push_back(std::move(ad));
  }
  const double dau = Div(static_cast<double>(c.active_days), ctx.days);
  double mau = kNaN;
  if (ctx.monthly) {
    mau = static_cast<double>(c.customers);
  } else if (c.months > 0) {
    mau = static_cast<double>(c.monthly_actives) / static_cast<double>(c.months);
  }
  {
    MetricValue d = Count("dau", dau, "customers");
    d.kind = ValueKind::kDerived;
    d.numerator = static_cast<double>(c.active_days);
    d.denominator = ctx.days;
    v.push_back(std::move(d));
    MetricValue m = Count("mau", mau, "customers");
    m.kind = ValueKind::kDerived;
    v.push_back(std::move(m));
    MetricValue s = Count("stickiness", Div(100.0 * dau, mau), "%");
    s.kind = ValueKind::kDerived;
    s.numerator = dau;
    s.denominator = mau;
    v.push_back(std::move(s));
  }
  v.push_back(Proportion("cart_abandonment_rate", c.abandoned_carts, c.cart_sessions));
  if (!has.add_to_cart) NotApplicable(&v.back(), "not applicable: the store has no add_to_cart events");
  if (!has.time_of_day) NotApplicable(&v.back(), kNoTimeOfDay);
  {
    MetricValue rev = Count("revenue", c.revenue - c.refunded, "money");
    rev.parts = {{"gross", c.revenue}, {"refunded", c.refunded}, {"purchases", static_cast<double>(c.purchases)}};
    v.push_back(std::move(rev));
  }
  for (size_t f = 1; f < c.features.size(); ++f) {
    if (c.features[f].uses == 0 && c.features[f].adopters == 0) continue;
    FeatureAdoption fa;
    fa.feature = std::string(catalog.Value(scan::kFeature, static_cast<uint32_t>(f)));
    fa.adopters = c.features[f].adopters;
    fa.uses = c.features[f].uses;
    fa.active_customers = c.customers;
    fa.adoption_rate = Div(100.0 * static_cast<double>(fa.adopters), static_cast<double>(c.customers));
    fa.uses_per_adopter = Div(static_cast<double>(fa.uses), static_cast<double>(fa.adopters));
    fa.ci95 = WilsonPercent(fa.adopters, c.customers);
    out.features.push_back(std::move(fa));
  }
  return out;
}

void CompareMeasures(const MetricSet& base, MetricSet* current) {
  for (MetricValue& cur : current->values) {
    const MetricValue* old = base.Find(cur.name);
    if (old == nullptr) continue;
    MetricValue::Comparison cmp;
    cmp.value = old->value;
    cmp.change = cur.value - old->value;
    switch (cur.kind) {
      case ValueKind::kProportion:
        if (cur.x <= cur.n && old->x <= old->n) {
          cmp.p_value = TwoProportionPValue(cur.x, cur.n, old->x, old->n);
          cmp.tested = cur.n > 0 && old->n > 0;
        }
        break;
      case ValueKind::kNps:
        cmp.p_value = NpsDifferencePValue(cur.promoters, cur.detractors, cur.n, old->promoters, old->detractors, old->n);
        cmp.tested = cur.n > 0 && old->n > 0;
        break;
      case ValueKind::kMean:
        cmp.p_value = WelchPValue(cur.n, cur.sum, cur.sum2, old->n, old->sum, old->sum2);
        cmp.tested = cur.n > 1 && old->n > 1;
        break;
      default:
        break;
    }
    cmp.significant = cmp.tested && cmp.p_value < kSignificance;
    cur.compare = cmp;
  }
}

}  // namespace touchpoint::kernels
