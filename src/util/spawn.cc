#include "util/spawn.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

extern char** environ;

namespace touchpoint {

Result<long> SpawnDetached(const std::vector<std::string>& argv, int pass_fd, const std::string& output_path) {
  // dup2 onto itself would keep close-on-exec set: pass a copy instead.
  int copy = -1;
  if (pass_fd == kInheritedFd) {
    copy = ::fcntl(pass_fd, F_DUPFD_CLOEXEC, 10);
    if (copy < 0) return Status::FromErrno("dup", "lock", errno);
    pass_fd = copy;
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // dup2 clears close-on-exec on the copy, so the child keeps it.
  posix_spawn_file_actions_adddup2(&actions, pass_fd, kInheritedFd);
  // Its own session: a hangup or Ctrl-C on our terminal does not reach it.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (copy >= 0) ::close(copy);
  if (rc != 0) return Status::FromErrno("spawn", argv[0], rc);
  return static_cast<long>(pid);
}

Result<std::string> SelfExecutable() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n < 0) return Status::FromErrno("readlink", "/proc/self/exe", errno);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace touchpoint
