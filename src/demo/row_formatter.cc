#include "demo/row_formatter.h"

#include <charconv>

#include "demo/calendar.h"
#include "demo/comment_templates.h"

namespace touchpoint::demo {
namespace {

constexpr int kCustomerIdDigits = 7;  // c0000042: ids sort as text up to ten million customers

void AppendUint(uint64_t v, std::string* out, int base = 10) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v, base);
  out->append(buf, r.ptr);
}

void AppendPadded(uint64_t v, int width, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  for (int pad = width - static_cast<int>(r.ptr - buf); pad > 0; --pad) out->push_back('0');
  out->append(buf, r.ptr);
}

void AppendTwo(int v, char* p) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

void AppendCustomerId(uint32_t customer, std::string* out) {
  out->push_back('c');
  AppendPadded(customer, kCustomerIdDigits, out);
}

void AppendSessionId(const DemoEvent& e, std::string* out) {
  out->push_back('s');
  AppendUint(e.customer, out, 16);
  out->push_back('-');
  AppendUint(e.session, out, 16);
}

void AppendRevenue(int32_t cents, std::string* out) {
  AppendUint(static_cast<uint64_t>(cents / 100), out);
  char frac[3] = {'.', 0, 0};
  AppendTwo(cents % 100, frac + 1);
  out->append(frac, 3);
}

void AppendCsvField(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[(c >> 4) & 0xf]);
      out->push_back(kHex[c & 0xf]);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

// ,"key": for NDJSON (the first key is written without the comma).
void AppendKey(std::string_view key, std::string* out) {
  out->append(",\"");
  out->append(key);
  out->append("\":");
}

}  // namespace

void RowFormatter::AppendHeader(std::string* out) const {
  if (format_ == DemoFormat::kCsv) out->append(kDemoCsvHeader);
}

void RowFormatter::AppendRow(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out) {
  comment_.clear();
  if (e.comment != CommentTheme::kNone) {
    ComposeComment(e.comment, e.event == EventType::kSupportTicket, e.comment_seed, &comment_);
  }
  if (format_ == DemoFormat::kCsv) {
    AppendCsv(e, row, who, out);
  } else {
    AppendJson(e, row, who, out);
  }
}

void RowFormatter::AppendEventId(uint64_t row, std::string* out) const {
  out->push_back('e');
  AppendUint(seed_, out, 16);
  out->push_back('-');
  AppendUint(row, out, 16);
}

void RowFormatter::AppendTimestamp(int64_t ms, std::string* out) {
  const int64_t day = FloorDiv(ms, kMsPerDay);
  if (day != cached_day_) {
    cached_day_ = day;
    const CivilDate d = DateFromUnixDays(day);
    auto r = std::to_chars(day_prefix_, day_prefix_ + 12, d.year);
    char* p = r.ptr;
    *p++ = '-';
    AppendTwo(d.month, p);
    p[2] = '-';
    AppendTwo(d.day, p + 3);
    p[5] = 'T';
    day_prefix_len_ = static_cast<size_t>(p + 6 - day_prefix_);
  }
  out->append(day_prefix_, day_prefix_len_);
  int64_t in_day = ms - day * kMsPerDay;
  char t[13];
  const int millis = static_cast<int>(in_day % 1000);
  in_day /= 1000;
  AppendTwo(static_cast<int>(in_day / 3600), t);
  t[2] = ':';
  AppendTwo(static_cast<int>(in_day / 60 % 60), t + 3);
  t[5] = ':';
  AppendTwo(static_cast<int>(in_day % 60), t + 6);
  t[8] = '.';
  t[9] = static_cast<char>('0' + millis / 100);
  AppendTwo(millis % 100, t + 10);
  t[12] = 'Z';
  out->append(t, sizeof(t));
}

void RowFormatter::AppendCsv(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out) {
  AppendTimestamp(e.timestamp_ms, out);
  out->push_back(',');
  AppendCustomerId(e.customer, out);
  out->push_back(',');
  out->append(EventName(e.event));
  out->push_back(',');
  AppendEventId(row, out);
  out->push_back(',');
  if (e.session != 0) AppendSessionId(e, out);
  out->push_back(',');
  out->append(ChannelName(e.channel));
  out->push_back(',');
  out->append(CampaignName(e.campaign));
  out->push_back(',');
  out->append(PageName(e.page));
  out->push_back(',');
  if (e.revenue_cents != kNoRevenue) AppendRevenue(e.revenue_cents, out);
  out->push_back(',');
  out->append(SurveyName(e.survey));
  out->push_back(',');
  if (e.score != kNoScore) AppendUint(static_cast<uint64_t>(e.score), out);
  out->push_back(',');
  AppendCsvField(comment_, out);
  out->push_back(',');
  out->append(FeatureName(e.feature));
  out->push_back(',');
  out->append(DeviceName(who.device));
  out->push_back(',');
  out->append(CountryName(who.country));
  out->push_back('\n');
}

void RowFormatter::AppendJson(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out) {
  // None of the generated names need JSON escaping; only the comment does.
  out->append("{\"timestamp\":\"");
  AppendTimestamp(e.timestamp_ms, out);
  out->append("\",\"customer_id\":\"");
  AppendCustomerId(e.customer, out);
  out->append("\",\"event\":\"");
  out->append(EventName(e.event));
  out->append("\",\"event_id\":\"");
  AppendEventId(row, out);
  out->push_back('"');
  if (e.session != 0) {
    AppendKey("session_id", out);
    out->push_back('"');
    AppendSessionId(e, out);
    out->push_back('"');
  }
  auto string_field = [out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    AppendKey(key, out);
    out->push_back('"');
    out->append(value);
    out->push_back('"');
  };
  string_field("channel", ChannelName(e.channel));
  string_field("campaign", CampaignName(e.campaign));
  string_field("page", PageName(e.page));
  if (e.revenue_cents != kNoRevenue) {
    AppendKey("revenue", out);
    AppendRevenue(e.revenue_cents, out);
  }
  string_field("survey", SurveyName(e.survey));
  if (e.score != kNoScore) {
    AppendKey("score", out);
    AppendUint(static_cast<uint64_t>(e.score), out);
  }
  if (!comment_.empty()) {
    AppendKey("comment", out);
    AppendJsonString(comment_, out);
  }
  string_field("feature", FeatureName(e.feature));
  string_field("device", DeviceName(who.device));
  string_field("country", CountryName(who.country));
  out->append("}\n");
}

}  // namespace touchpoint::demo
