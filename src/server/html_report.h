// HtmlReport: the shareable report (`touchpoint report`, GET /api/report):
// one self-contained HTML file with the overview, trends, funnel,
// retention, journeys and surveys of a store, for sharing by email. Each
// section is an analysis of the registry run through engine::Touchpoint
// (so its numbers are exactly the CLI's and the API's JSON); the page that
// draws them is the dashboard's report script (web/src/report/, embedded by
// cmake/embed_web.cmake), inlined with the data, so the file needs no
// network. docs/server.md, "The report", lists the requests.
//
// Thread-safe (Touchpoint::Run is); the result is a string the caller writes.
#ifndef TOUCHPOINT_SERVER_HTML_REPORT_H_
#define TOUCHPOINT_SERVER_HTML_REPORT_H_

#include <string>
#include <vector>

#include "engine/touchpoint.h"
#include "util/status.h"

namespace touchpoint::server {

struct ReportRequest {
  // The common parameters every section gets (docs/api.md): from, to, tz,
  // where (repeatable), definitions, threads. Names without the dashes.
  engine::ParamValues common;
  // The funnel's steps ("" = the usual path to a purchase, as far as the
  // store has those events) and window.
  std::string steps;
  std::string window = "7d";
  std::string title = "Customer report";
  std::string store_name;  // shown in the header: where the data came from
};

// Runs every section and returns the page. A usage error in what the user
// gave (a bad date, an unknown name in --where or --steps) fails the whole
// report with the analysis's message; a section the data cannot answer
// (no survey answers, no funnel events) shows that message in its place.
// REQUIRES: the binary was built with the dashboard (DashboardBuilt()),
// else a Status naming scripts/build_web.sh.
Result<std::string> BuildHtmlReport(const engine::Touchpoint& tp, const ReportRequest& request);

// `json` made safe inside <script type="application/json">: every '<' as
// \u003c (it can only occur inside JSON strings), so no "</script>" or
// "<!--" ends or breaks the element.
std::string ScriptSafeJson(const std::string& json);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_HTML_REPORT_H_
