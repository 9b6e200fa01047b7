// The files the server serves from inside its own binary: the dashboard's
// Vite build (web/dist, embedded by cmake/embed_web.cmake when it was built
// before CMake ran) and the tracking script (web/tracker/touchpoint.js,
// always embedded). The tables are generated constants; thread-safe.
#ifndef TOUCHPOINT_SERVER_STATIC_ASSETS_H_
#define TOUCHPOINT_SERVER_STATIC_ASSETS_H_

#include <span>
#include <string_view>

namespace touchpoint::server {

struct StaticAsset {
  std::string_view path;          // "/index.html", "/assets/index-3f2a.js"
  std::string_view content_type;
  std::string_view data;
};

// Every embedded dashboard file (empty when the dashboard was not built).
std::span<const StaticAsset> EmbeddedAssets();
// True when the build embedded a dashboard (web/dist/index.html existed).
bool DashboardBuilt();
std::string_view TrackerScript();

// The embedded file for a request path; "/" is /index.html. Null if none.
const StaticAsset* FindAsset(std::string_view path);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_STATIC_ASSETS_H_
