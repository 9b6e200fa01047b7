#include "text/comment_consumer.h"

#include <cmath>

#include "event/schema.h"
#include "scan/catalog.h"

namespace touchpoint::text {
namespace {

constexpr std::string_view kSupportChannel = "support";

bool IsStarSurvey(std::string_view survey) {
  return survey.empty() || survey == "rating" || survey == "stars" || survey == "review";
}

int8_t Label(SentimentLabel l) { return static_cast<int8_t>(l); }

}  // namespace

Result<CommentSource> ParseCommentSource(std::string_view name) {
  if (name == "all") return CommentSource::kAll;
  if (name == "survey") return CommentSource::kSurvey;
  if (name == "support") return CommentSource::kSupport;
  return Status::InvalidArgument("--source must be all, survey or support, not '" + std::string(name) + "'");
}

std::string_view CommentSourceName(CommentSource source) {
  switch (source) {
    case CommentSource::kAll:
      return "all";
    case CommentSource::kSurvey:
      return "survey";
    case CommentSource::kSupport:
      return "support";
  }
  return "all";
}

int8_t PairedLabel(std::string_view survey, double score, double csat_satisfied_min, bool ces_higher_is_easier) {
  if (std::isnan(score)) return kNoPairedLabel;
  if (survey == "nps") {
    if (score < 0 || score > 10) return kNoPairedLabel;
    return score <= 6 ? Label(SentimentLabel::kNegative)
                      : score >= 9 ? Label(SentimentLabel::kPositive) : Label(SentimentLabel::kNeutral);
  }
  if (survey == "ces") {
    if (score < 1 || score > 7) return kNoPairedLabel;
    const double v = ces_higher_is_easier ? score : 8 - score;
    return v <= 3 ? Label(SentimentLabel::kNegative)
                  : v >= 5 ? Label(SentimentLabel::kPositive) : Label(SentimentLabel::kNeutral);
  }
  const bool stars = IsStarSurvey(survey) && score == std::floor(score);
  if (survey == "csat" || stars) {
    if (score < 1 || score > 5) return kNoPairedLabel;
    return score >= csat_satisfied_min       ? Label(SentimentLabel::kPositive)
           : score <= csat_satisfied_min - 2 ? Label(SentimentLabel::kNegative)
                                             : Label(SentimentLabel::kNeutral);
  }
  return kNoPairedLabel;
}

Status CommentSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  survey_names.assign(catalog.size(scan::kSurvey), std::string());
  for (uint32_t code = 0; code < catalog.size(scan::kSurvey); ++code) {
    survey_names[code] = std::string(catalog.Value(scan::kSurvey, code));
  }
  nps = catalog.Find(scan::kSurvey, "nps");
  csat = catalog.Find(scan::kSurvey, "csat");
  ces = catalog.Find(scan::kSurvey, "ces");
  survey_response = catalog.Find(scan::kEvent, events::kSurveyResponse);
  support_ticket = catalog.Find(scan::kEvent, events::kSupportTicket);
  support_channel = catalog.Find(scan::kChannel, kSupportChannel);
  properties->clear();
  kernels::ResolveCutAndFilter({}, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec CommentSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnSurvey | scan::kColumnScore |
              scan::kColumnComment | scan::kColumnEventId;
  kernels::AddCutAndFilter(kernels::GroupColumn{}, where, properties, derived, &s);
  return s;
}

bool CommentConsumer::FromSource(const scan::CustomerView& c, size_t row) const {
  switch (spec_.source) {
    case CommentSource::kAll:
      return true;
    case CommentSource::kSurvey:
      return c.event()[row] == spec_.survey_response || c.dict[scan::kSurvey][row] != 0;
    case CommentSource::kSupport:
      return c.event()[row] == spec_.support_ticket || c.channel()[row] == spec_.support_channel;
  }
  return false;
}

void CommentConsumer::Consume(const scan::CustomerView& c) {
  CommentTable::Customer answers;
  bool any = false;
  int64_t customer = -1;
  for (size_t i = 0; i < c.size; ++i) {
    if (c.timestamp[i] < spec_.from_ms || c.timestamp[i] >= spec_.to_ms) continue;
    if (spec_.where != nullptr && !spec_.where->Matches(c, i)) continue;
    const uint32_t survey = c.dict[scan::kSurvey][i];
    const double score = c.score[i];
    if (survey != 0 && !std::isnan(score)) {  // the last answer of each survey wins
      if (survey == spec_.nps) answers.nps = score, any = true;
      if (survey == spec_.csat) answers.csat = score, any = true;
      if (survey == spec_.ces) answers.ces = spec_.ces_higher_is_easier ? score : 8 - score, any = true;
    }
    if (c.comment[i].empty() || !FromSource(c, i)) continue;
    if (customer < 0) customer = table_.AddCustomer({std::string(c.customer_id)});
    table_.AddComment(static_cast<uint32_t>(customer), c.timestamp[i], c.event_id[i], c.comment[i],
                      PairedLabel(spec_.survey_names[survey], score, spec_.csat_satisfied_min,
                                  spec_.ces_higher_is_easier));
  }
  if (!any && customer < 0) return;
  if (customer < 0) customer = table_.AddCustomer({std::string(c.customer_id)});
  answers.id = std::string(c.customer_id);
  table_.SetAnswers(static_cast<uint32_t>(customer), std::move(answers));
}

void CommentConsumer::MergeFrom(CommentConsumer& o) {
  merged_.push_back(std::move(o.table_));
  for (CommentTable& t : o.merged_) merged_.push_back(std::move(t));
  o.merged_.clear();
}

CommentTable CommentConsumer::TakeTable() {
  merged_.insert(merged_.begin(), std::move(table_));
  return CommentTable::Concat(std::move(merged_));
}

}  // namespace touchpoint::text
