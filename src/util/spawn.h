// SpawnDetached: starts a program that outlives this process, in its own
// session, with stdin from /dev/null, stdout and stderr appended to a file,
// and one descriptor of ours passed down as its descriptor 3 (how a
// background merge inherits the store's write lock).
#ifndef TOUCHPOINT_UTIL_SPAWN_H_
#define TOUCHPOINT_UTIL_SPAWN_H_

#include <string>
#include <vector>

#include "util/status.h"

namespace touchpoint {

inline constexpr int kInheritedFd = 3;

// argv[0] is the program's path. Returns the child's pid.
Result<long> SpawnDetached(const std::vector<std::string>& argv, int pass_fd, const std::string& output_path);

// This executable's path (/proc/self/exe, resolved).
Result<std::string> SelfExecutable();

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_SPAWN_H_
