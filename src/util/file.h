// Thin file-system layer: whole-file reads, crash-safe replacement of small
// files (write temp, fsync, rename, fsync dir), directory listing and the
// advisory write lock. All functions return Status; none throw.
// Thread-safe (they hold no state).
#ifndef TOUCHPOINT_UTIL_FILE_H_
#define TOUCHPOINT_UTIL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint {

Result<std::string> ReadFileToString(const std::string& path);

// Replaces `path` atomically with `contents`: a reader or a crash sees either
// the old or the new file, never a mix. Durable when it returns OK.
Status WriteFileAtomic(const std::string& path, std::string_view contents);

// Writes a new file and fsyncs it (not the directory).
Status WriteFileSynced(const std::string& path, std::string_view contents);

// fsync a directory, making renames and creations in it durable.
Status SyncDir(const std::string& dir);

Status CreateDirIfMissing(const std::string& dir);
bool FileExists(const std::string& path);
Result<uint64_t> FileSize(const std::string& path);
Status RemoveFile(const std::string& path);
// Cuts `path` to `size` bytes and fsyncs it.
Status TruncateFile(const std::string& path, uint64_t size);
Status RenameFile(const std::string& from, const std::string& to);
// Names (not paths) of the entries of `dir`, sorted.
Result<std::vector<std::string>> ListDir(const std::string& dir);
std::string JoinPath(std::string_view dir, std::string_view name);
// Removes a directory that is empty (a missing one is fine).
Status RemoveEmptyDir(const std::string& dir);
bool IsDirectory(const std::string& path);

// An exclusive advisory lock (flock) on a file, held for the object's life.
// The kernel drops it when the process dies, so a crash never leaves a stale
// lock behind. Move-only.
class FileLock {
 public:
  // Busy when another process holds it; with `wait`, blocks until it is free.
  static Result<FileLock> Acquire(const std::string& path, bool wait = false);
  // As Acquire, retrying until the lock is free or `timeout_ms` has passed
  // (then Busy).
  static Result<FileLock> AcquireWithin(const std::string& path, int64_t timeout_ms);
  // Takes over a descriptor whose open file already holds the lock (one
  // inherited from the process that took it: the lock lives as long as any
  // descriptor of that open file does).
  static FileLock Adopt(int fd) { return FileLock(fd); }
  // As Adopt, after checking that `fd` is an open descriptor of `path`
  // whose lock is held by us (or free, and then taken): never a writer
  // that runs beside the lock's real holder.
  static Result<FileLock> Verify(int fd, const std::string& path);
  int fd() const { return fd_; }
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// An append-only file whose Sync() makes everything appended durable.
class AppendFile {
 public:
  static Result<AppendFile> Open(const std::string& path);  // creates or appends
  AppendFile(AppendFile&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }
  AppendFile& operator=(AppendFile&& other) noexcept;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile();

  Status Append(std::string_view data);
  Status Sync();
  const std::string& path() const { return path_; }

 private:
  AppendFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_FILE_H_
