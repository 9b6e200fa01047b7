#include "store/store_check.h"

#include <set>

#include "store/batch_codec.h"
#include "store/part_reader.h"
#include "store/suppression_list.h"
#include "store/wal_payload.h"
#include "store/wal_reader.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

constexpr std::string_view kLostDir = "lost";

std::string Relative(const std::string& dir, const std::string& path) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 ? path.substr(dir.size() + 1) : path;
}

// The live log: each record's framing checksum, then its payload decoded.
void CheckLog(const Store& store, CheckReport* report) {
  const std::string path = store.LogPath(store.manifest().log_number);
  if (!FileExists(path)) return;
  const std::string file = Relative(store.dir(), path);
  bool damaged = false;
  uint64_t cut = 0;
  std::string first_problem;
  std::unique_ptr<WalReader>* holder = nullptr;
  auto reader_or = WalReader::Open(path, [&](uint64_t, const Status& reason) {
    if (damaged) return;
    damaged = true;
    cut = (*holder)->end_of_last_record();
    first_problem = reason.message();
  });
  if (!reader_or.ok()) {
    report->issues.push_back(CheckIssue{file, reader_or.status().message(), CheckFix::kNone, 0, 0});
    return;
  }
  std::unique_ptr<WalReader> reader = std::move(reader_or).value();
  holder = &reader;
  std::string record;
  EventBatch batch;
  while (reader->ReadRecord(&record)) {
    if (damaged) continue;  // counted from the first damage on as lost
    WalPayload payload;
    Status s = DecodeWalPayload(record, &payload);
    batch.Clear();
    if (s.ok()) s = DecodeBatch(payload.body, &batch);
    if (!s.ok()) {
      damaged = true;
      cut = reader->last_record_offset();
      first_problem = "record at byte " + std::to_string(cut) + ": " + s.message();
      continue;
    }
    ++report->log_records;
  }
  if (damaged) {
    report->issues.push_back(CheckIssue{file, first_problem + "; the log is good up to byte " + std::to_string(cut),
                                        CheckFix::kMoveLogTail, 0, cut});
  }
}

// Files in parts/, log/ and rejected/ that the manifest does not name.
Status FindStrays(const Store& store, CheckReport* report) {
  const Manifest& m = store.manifest();
  std::set<std::string> named;
  for (const PartEntry& p : m.parts) named.insert(store.PartPath(p.id));
  for (const LoadEntry& l : m.loads) named.insert(store.RejectedPath(l.id));
  named.insert(store.LogPath(m.log_number));
  for (std::string_view sub : {"parts", "log", "rejected"}) {
    const std::string d = JoinPath(store.dir(), sub);
    if (!IsDirectory(d)) continue;
    TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(d));
    for (const std::string& name : names) {
      const std::string path = JoinPath(d, name);
      if (named.count(path) > 0) continue;
      report->issues.push_back(CheckIssue{Relative(store.dir(), path), "not named by the manifest (left by a writer "
                                          "that was killed, or put there by hand)", CheckFix::kMoveStrayFile, 0, 0});
    }
  }
  return Status::OK();
}

Status MoveToLost(const std::string& dir, const std::string& relative) {
  const std::string lost = JoinPath(dir, kLostDir);
  TP_RETURN_IF_ERROR(CreateDirIfMissing(lost));
  std::string flat = relative;
  for (char& c : flat) c = c == '/' ? '-' : c;
  TP_RETURN_IF_ERROR(RenameFile(JoinPath(dir, relative), JoinPath(lost, flat)));
  return SyncDir(lost);
}

}  // namespace

Result<CheckReport> CheckStore(const std::string& dir) {
  CheckReport report;
  StoreOptions options;
  options.read_only = true;
  auto opened = Store::Open(dir, options);
  if (!opened.ok()) {
    if (opened.status().code() == Status::Code::kNotFound) return opened.status();
    // A damaged or missing MANIFEST: nothing else can be judged without it.
    report.issues.push_back(CheckIssue{"MANIFEST", opened.status().message(), CheckFix::kNone, 0, 0});
    return report;
  }
  const Store& store = **opened;
  const Manifest& m = store.manifest();
  report.manifest_generation = m.generation;
  report.loads = m.loads.size();
  for (const PartEntry& p : m.parts) {
    const std::string path = store.PartPath(p.id);
    const std::string file = Relative(dir, path);
    auto reader = PartReader::Open(path);
    if (!reader.ok()) {
      report.issues.push_back(CheckIssue{file, reader.status().message(), CheckFix::kNone, 0, 0});
      continue;
    }
    ++report.parts;
    report.blocks += (*reader)->blocks().size();
    report.rows += (*reader)->rows();
    report.event_ids += (*reader)->event_id_count();
    if ((*reader)->rows() != p.info.rows) {
      report.issues.push_back(CheckIssue{file, "holds " + std::to_string((*reader)->rows()) +
                                                   " rows, the manifest says " + std::to_string(p.info.rows),
                                         CheckFix::kNone, 0, 0});
    }
    const Status chunks = (*reader)->VerifyChunks();
    if (!chunks.ok()) report.issues.push_back(CheckIssue{file, chunks.message(), CheckFix::kNone, 0, 0});
    const Status ids = (*reader)->VerifyEventIds();
    if (!ids.ok()) {
      // Rebuilt from the rows, which must then be intact.
      report.issues.push_back(
          CheckIssue{file, ids.message(), chunks.ok() ? CheckFix::kRebuildIdSet : CheckFix::kNone, p.id, 0});
    }
  }
  CheckLog(store, &report);
  auto suppression = SuppressionList::Load(dir);
  if (suppression.ok()) {
    report.suppressed = suppression->size();
  } else {
    report.issues.push_back(CheckIssue{std::string(kSuppressionFile), suppression.status().message(), CheckFix::kNone, 0, 0});
  }
  TP_RETURN_IF_ERROR(FindStrays(store, &report));
  return report;
}

Status RepairStore(Store* store, const CheckReport& report, const std::function<void(const std::string&)>& say,
                   size_t* repaired) {
  *repaired = 0;
  for (const CheckIssue& issue : report.issues) {
    switch (issue.fix) {
      case CheckFix::kNone:
        say(issue.file + ": not repaired (" + issue.problem + "); nothing safe can be done here");
        break;
      case CheckFix::kRebuildIdSet:
        say(issue.file + ": rebuilding its event-id set from its event_id column (the part is rewritten)");
        TP_RETURN_IF_ERROR(store->RebuildPart(issue.part_id));
        ++*repaired;
        break;
      case CheckFix::kMoveLogTail: {
        const std::string path = JoinPath(store->dir(), issue.file);
        TP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
        const std::string lost = std::string(kLostDir) + "/" + issue.file.substr(issue.file.rfind('/') + 1) + ".from-" +
                                 std::to_string(issue.log_offset);
        say(issue.file + ": moving bytes " + std::to_string(issue.log_offset) + " to " + std::to_string(bytes.size()) +
            " (the damaged record and what follows it, " + std::to_string(bytes.size() - issue.log_offset) +
            " bytes) to " + lost + ", and cutting the log there");
        TP_RETURN_IF_ERROR(CreateDirIfMissing(JoinPath(store->dir(), kLostDir)));
        TP_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(store->dir(), lost), std::string_view(bytes).substr(issue.log_offset)));
        TP_RETURN_IF_ERROR(store->TruncateLiveLog(issue.log_offset));
        ++*repaired;
        break;
      }
      case CheckFix::kMoveStrayFile:
        say(issue.file + ": moving it to " + std::string(kLostDir) + "/ (" + issue.problem + ")");
        TP_RETURN_IF_ERROR(MoveToLost(store->dir(), issue.file));
        ++*repaired;
        break;
    }
  }
  return Status::OK();
}

}  // namespace touchpoint::store
