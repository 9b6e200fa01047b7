#include "report/feedback_format.h"

#include <cmath>
#include <cstdio>

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

std::string SurveyKey(const text::FeedbackReport& r) {
  return std::string(r.survey ? text::SurveyName(*r.survey) : "nps");
}

void WriteMetrics(const text::SentimentMetrics& m, JsonWriter* w) {
  w->BeginObject();
  w->Key("comments").Int(static_cast<int64_t>(m.n));
  w->Key("accuracy").Number(m.accuracy);
  w->Key("macro_f1").Number(m.macro_f1);
  w->Key("balanced_accuracy_pos_neg").Number(m.balanced_accuracy_pos_neg);
  w->EndObject();
}

void WriteDriverList(const text::FeedbackReport& r, const std::vector<uint32_t>& list, JsonWriter* w) {
  w->BeginArray();
  for (uint32_t t : list) {
    const text::ThemeDriver& d = r.themes[t].driver;
    w->BeginObject();
    w->Key("theme").String(r.themes[t].name);
    w->Key("category").String(r.themes[t].category);
    w->Key("effect").Number(d.effect);
    w->Key("impact").Number(d.impact);
    w->Key("p_value").Number(d.p_value);
    w->Key("significant").Bool(d.p_value < text::kDriverAlpha);
    w->EndObject();
  }
  w->EndArray();
}

std::string Num(double v, const char* fmt) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

}  // namespace

void FeedbackJsonBody(const text::FeedbackReport& r, JsonWriter& w) {
  const std::string key = SurveyKey(r);
  const bool has_survey = r.survey.has_value();
  w.Key("source").String(r.source);
  w.Key("survey");
  has_survey ? w.String(key) : w.Null();
  w.Key("comments").Int(static_cast<int64_t>(r.comments));
  w.Key("customers").Int(static_cast<int64_t>(r.customers));
  w.Key("unthemed").Int(static_cast<int64_t>(r.unthemed));
  w.Key("themes").BeginArray();
  for (const text::FeedbackTheme& t : r.themes) {
    w.BeginObject();
    w.Key("theme").String(t.name);
    w.Key("category").String(t.category);
    w.Key("pinned").Bool(t.pinned);
    w.Key("comments").Int(static_cast<int64_t>(t.comments));
    w.Key("share").Number(t.share);
    w.Key("mentions").Int(static_cast<int64_t>(t.mentions));
    w.Key("sentiment").Number(t.sentiment);
    w.Key("phrases").BeginArray();
    for (const auto& p : t.phrases) w.String(p);
    w.EndArray();
    w.Key("quotes").BeginArray();
    for (const auto& q : t.quotes) w.String(q);
    w.EndArray();
    const text::ThemeDriver& d = t.driver;
    w.Key(key + "_with");
    has_survey ? w.Number(d.with) : w.Null();
    w.Key(key + "_without");
    has_survey ? w.Number(d.without) : w.Null();
    w.Key("respondents_with").Int(static_cast<int64_t>(d.n_with));
    w.Key("respondents_without").Int(static_cast<int64_t>(d.n_without));
    w.Key("effect");
    has_survey ? w.Number(d.effect) : w.Null();
    w.Key("impact");
    has_survey ? w.Number(d.impact) : w.Null();
    w.Key("p_value");
    has_survey ? w.Number(d.p_value) : w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("drivers").BeginObject();
  w.Key("survey");
  has_survey ? w.String(key) : w.Null();
  w.Key("respondents").Int(static_cast<int64_t>(r.respondents));
  w.Key(key);
  has_survey ? w.Number(r.overall) : w.Null();
  w.Key("negative");
  WriteDriverList(r, r.negative_drivers, &w);
  w.Key("positive");
  WriteDriverList(r, r.positive_drivers, &w);
  w.EndObject();
  const text::FeedbackSentiment& s = r.sentiment;
  const double n = r.comments > 0 ? static_cast<double>(r.comments) : 1;
  w.Key("sentiment").BeginObject();
  w.Key("method").String(s.method);
  w.Key("mean").Number(s.mean);
  w.Key("negative").Int(static_cast<int64_t>(s.negative));
  w.Key("neutral").Int(static_cast<int64_t>(s.neutral));
  w.Key("positive").Int(static_cast<int64_t>(s.positive));
  w.Key("negative_share").Number(s.negative / n);
  w.Key("neutral_share").Number(s.neutral / n);
  w.Key("positive_share").Number(s.positive / n);
  w.Key("labelled").Int(static_cast<int64_t>(s.labelled));
  w.Key("trained_on").Int(static_cast<int64_t>(s.trained_on));
  if (s.holdout) {
    w.Key("holdout");
    WriteMetrics(*s.holdout, &w);
    w.Key("holdout_lexicon");
    WriteMetrics(*s.holdout_lexicon, &w);
  }
  w.EndObject();
  w.Key("interval").String(r.interval);
  w.Key("trend").BeginArray();
  for (const text::TrendPeriod& p : r.trend) {
    w.BeginObject();
    w.Key("period").String(p.period);
    w.Key("comments").Int(static_cast<int64_t>(p.comments));
    w.Key("sentiment").Number(p.sentiment);
    w.Key("negative_share").Number(p.negative_share);
    w.Key("themes").BeginObject();
    for (size_t t = 0; t < r.themes.size(); ++t) {
      w.Key(r.themes[t].name).Number(p.comments > 0 ? static_cast<double>(p.mentions[t]) / p.comments : 0.0);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("rises").BeginArray();
  for (const text::TrendRise& x : r.rises) {
    w.BeginObject();
    w.Key("theme").String(r.themes[x.theme].name);
    w.Key("category").String(r.themes[x.theme].category);
    w.Key("period").String(x.period);
    w.Key("previous").String(x.previous);
    w.Key("share_before").Number(x.share_before);
    w.Key("share_after").Number(x.share_after);
    w.Key("p_value").Number(x.p_value);
    w.EndObject();
  }
  w.EndArray();
}

std::string FeedbackTable(const text::FeedbackReport& r, size_t width) {
  std::string out;
  char line[512];
  const std::string key = SurveyKey(r);
  std::snprintf(line, sizeof(line), "%llu comments from %llu customers (%s), sentiment %s: mean %.2f, %s%% negative\n",
                static_cast<unsigned long long>(r.comments), static_cast<unsigned long long>(r.customers),
                r.source.c_str(), r.sentiment.method.c_str(), r.sentiment.mean,
                Num(100.0 * r.sentiment.negative / std::max<uint64_t>(r.comments, 1), "%.1f").c_str());
  out += line;
  if (r.survey) {
    std::snprintf(line, sizeof(line), "%s %s over %llu respondents\n", key.c_str(), Num(r.overall, "%.1f").c_str(),
                  static_cast<unsigned long long>(r.respondents));
    out += line;
  }
  using Align = TextTable::Align;
  TextTable t({{"theme", Align::kLeft}, {"category", Align::kLeft}, {"comments"}, {"share"}, {"sentiment"},
               {key + " with"}, {"without"}, {"impact"}, {"p"}});
  for (const text::FeedbackTheme& theme : r.themes) {
    const text::ThemeDriver& d = theme.driver;
    t.AddRow({theme.name, theme.category, Thousands(theme.comments), Percent(100 * theme.share, 1),
              Fixed(theme.sentiment, 2), Num(d.with, "%.1f"), Num(d.without, "%.1f"),
              r.survey ? Num(d.impact, "%.2f") : "-", r.survey ? Num(d.p_value, "%.3g") : "-"});
  }
  out += "\n" + t.Render(width);
  for (const text::TrendRise& x : r.rises) {
    std::snprintf(line, sizeof(line), "rise: %s up from %.1f%% to %.1f%% of comments in %s (p = %.2g)",
                  r.themes[x.theme].name.c_str(), 100 * x.share_before, 100 * x.share_after, x.period.c_str(),
                  x.p_value);
    out += Wrapped(line, width);
  }
  return out;
}

// Each theme's size, sentiment and driver numbers as a tidy table.
std::string FeedbackCsv(const text::FeedbackReport& r) {
  TidyCsv csv({}, {"theme", "category"});
  for (const text::FeedbackTheme& t : r.themes) {
    const std::vector<CsvCell> dims = {t.name, t.category};
    csv.Add(nullptr, dims, {"comments", CsvInt(t.comments), "comments"});
    csv.Add(nullptr, dims, {"share", 100 * t.share, "%"});
    csv.Add(nullptr, dims, {"sentiment", t.sentiment, "-1..1"});
    if (r.survey) {
      csv.Add(nullptr, dims, {"score_with", t.driver.with, SurveyKey(r)});
      csv.Add(nullptr, dims, {"score_without", t.driver.without, SurveyKey(r)});
      csv.Add(nullptr, dims, {"impact", t.driver.impact, SurveyKey(r)});
      csv.Add(nullptr, dims, {"p_value", t.driver.p_value});
    }
  }
  return csv.Render();
}

std::unique_ptr<ResultBody> FeedbackBody(text::FeedbackReport report) {
  return std::make_unique<ReportBody<text::FeedbackReport>>(
      std::move(report), FeedbackJsonBody, FeedbackCsv,
      [](const text::FeedbackReport& r, const TableOptions& o) { return FeedbackTable(r, o.width); });
}

std::string FeedbackCommentsCsv(const text::FeedbackReport& r) {
  std::string out = "event_id,customer_id,timestamp,sentiment,sentiment_label,theme,themes,category\n";
  char number[32];
  for (const text::FeedbackCommentRow& row : r.comment_rows) {
    out += CsvField(row.event_id);
    out += ',';
    out += CsvField(row.customer_id);
    out += ',';
    out += FormatTimestamp(row.timestamp_ms);
    out += ',';
    std::snprintf(number, sizeof(number), "%.4f", row.sentiment);
    out += number;
    out += ',';
    out += text::SentimentLabelName(row.label);
    out += ',';
    if (row.theme >= 0) out += CsvField(r.themes[row.theme].name);
    out += ',';
    std::string all;
    for (uint32_t t : r.ThemesOf(row)) {
      if (!all.empty()) all += ';';
      all += r.themes[t].name;
    }
    out += CsvField(all);
    out += ',';
    out += r.CategoryOf(row.theme);
    out += '\n';
  }
  return out;
}

}  // namespace touchpoint::report
