#include "server/static_assets.h"

namespace touchpoint::server {

const StaticAsset* FindAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const StaticAsset& a : EmbeddedAssets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace touchpoint::server
