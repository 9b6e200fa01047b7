// SpawnDetached: the child runs in its own session, writes its output to the
// given file, and sees the passed descriptor as its descriptor 3 (how a
// background merge inherits the store's write lock).
#include "util/spawn.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_util.h"
#include "util/file.h"

namespace touchpoint {
namespace {

using touchpoint::testing::TempDir;

// Waits for the spawned child (ours, though in its own session): exit 0.
void ExpectExitsCleanly(Result<long>& pid) {
  ASSERT_TRUE(pid.ok()) << pid.status().ToString();
  int status = 0;
  ASSERT_EQ(::waitpid(static_cast<pid_t>(*pid), &status, 0), static_cast<pid_t>(*pid));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(SpawnDetached, OutputGoesToTheFileAndTheDescriptorArrivesAsThree) {
  TempDir dir;
  const std::string passed = dir.Sub("passed.txt"), output = dir.Sub("output.txt");
  const int fd = ::open(passed.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  // Its own session: its session id is its pid.
  auto pid = SpawnDetached({"/bin/sh", "-c", "echo out; echo err >&2; echo three >&3; ps -o sid= -p $$ >&3; echo $$ >&3"},
                           fd, output);
  ::close(fd);
  ExpectExitsCleanly(pid);
  EXPECT_EQ(ReadFileToString(output).value(), "out\nerr\n");
  const std::string three = ReadFileToString(passed).value();
  ASSERT_EQ(three.substr(0, 6), "three\n");
  // "ps" may be absent on a minimal machine; then only the first line is there.
  if (three.size() > 6) {
    std::string rest = three.substr(6);
    const size_t nl = rest.find('\n');
    std::string sid = rest.substr(0, nl), self = rest.substr(nl + 1);
    while (!sid.empty() && sid.front() == ' ') sid.erase(0, 1);
    if (!self.empty() && self.back() == '\n') self.pop_back();
    EXPECT_EQ(sid, self);
  }
}

TEST(SpawnDetached, PassesItsOwnDescriptorThreeToo) {
  TempDir dir;
  const std::string passed = dir.Sub("passed.txt");
  int fd = ::open(passed.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  // Make it descriptor 3 of this process, the case a plain dup2 would get wrong.
  int saved = -1;
  if (fd != kInheritedFd) {
    saved = ::fcntl(kInheritedFd, F_DUPFD_CLOEXEC, 10);
    ASSERT_GE(::dup3(fd, kInheritedFd, O_CLOEXEC), 0);
    ::close(fd);
  }
  auto pid = SpawnDetached({"/bin/sh", "-c", "echo three >&3"}, kInheritedFd, dir.Sub("output.txt"));
  ::close(kInheritedFd);
  if (saved >= 0) {
    ::dup3(saved, kInheritedFd, O_CLOEXEC);
    ::close(saved);
  }
  ExpectExitsCleanly(pid);
  EXPECT_EQ(ReadFileToString(passed).value(), "three\n");
}

TEST(SpawnDetached, AMissingProgramIsAnError) {
  TempDir dir;
  auto pid = SpawnDetached({dir.Sub("no-such-program")}, 2, dir.Sub("output.txt"));
  EXPECT_FALSE(pid.ok());
}

TEST(SelfExecutable, NamesThisTest) {
  auto self = SelfExecutable();
  ASSERT_TRUE(self.ok()) << self.status().ToString();
  EXPECT_NE(self->find("spawn_test"), std::string::npos) << *self;
}

}  // namespace
}  // namespace touchpoint
