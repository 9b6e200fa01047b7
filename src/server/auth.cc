#include "server/auth.h"

#include <cstddef>

namespace touchpoint::server {

bool KeysEqual(std::string_view given, std::string_view expected) {
  // Every byte of `given` is visited whatever it holds; positions past
  // `expected` compare against a fixed byte. The length difference is
  // folded in at the end instead of returning early.
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    const unsigned char e = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    diff |= static_cast<unsigned char>(static_cast<unsigned char>(given[i]) ^ e);
  }
  return diff == 0 && !expected.empty();
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::string_view();
  for (size_t i = 0; i < kScheme.size(); ++i) {
    const char c = authorization[i];
    if ((c | 0x20) != kScheme[i]) return std::string_view();  // ' ' | 0x20 is ' '
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

}  // namespace touchpoint::server
