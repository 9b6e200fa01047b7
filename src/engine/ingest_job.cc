#include "engine/ingest_job.h"

#include <xxhash.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "store/load_writer.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

// XXH3 of a file's bytes: the identity that refuses a second load of it.
Result<uint64_t> HashFile(const std::string& path, uint64_t* size) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::FromErrno("open", path, errno);
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::string buf(1 << 20, '\0');
  *size = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    XXH3_64bits_update(state, buf.data(), n);
    *size += n;
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (failed) return Status::IOError("read " + path);
  return h == 0 ? 1 : h;  // 0 means "a stream" in the manifest
}

// The reason's kind: the text before the first quote, trimmed ("timestamp
// '2024-13-01' is not a valid date" -> "timestamp ... is not a valid date").
std::string ReasonKind(const ingest::RejectedRow& row) {
  std::string kind;
  bool in_quote = false;
  for (char c : row.reason) {
    if (c == '\'') {
      in_quote = !in_quote;
      if (in_quote) kind += "…";
      continue;
    }
    if (!in_quote) kind += c;
  }
  return row.column.empty() ? kind : row.column + ": " + kind;
}

// Hands batches from the reader thread to the writer thread; bounded so
// memory stays at two batches in flight.
class BatchQueue {
 public:
  void Push(EventBatch batch) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < kDepth || closed_; });
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  bool Pop(EventBatch* out) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    *out = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  static constexpr size_t kDepth = 2;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<EventBatch> queue_;
  bool closed_ = false;
};

}  // namespace

std::string RejectedRowJson(const ingest::RejectedRow& row) {
  std::string out = "{\"source\":";
  AppendJsonString(row.source, &out);
  out += ",\"line\":" + std::to_string(row.line) + ",\"byte_offset\":" + std::to_string(row.byte_offset);
  out += ",\"column\":";
  AppendJsonString(row.column, &out);
  out += ",\"reason\":";
  AppendJsonString(row.reason, &out);
  out += ",\"raw\":";
  AppendJsonString(row.raw, &out);
  out += "}";
  return out;
}

Status IngestFile(store::Store* store, const IngestRequest& request, IngestResult* result) {
  uint64_t hash = 0, size = 0;
  if (request.path != "-") {
    TP_ASSIGN_OR_RETURN(hash, HashFile(request.path, &size));
  }
  TP_ASSIGN_OR_RETURN(std::unique_ptr<store::LoadWriter> load,
                      store->BeginLoad(request.path, hash, size, request.force));
  BatchQueue queue;
  Status writer_status;  // written by the writer thread only, read after join
  std::atomic<bool> writer_failed{false};
  std::thread writer([&] {
    EventBatch batch;
    while (queue.Pop(&batch)) {
      if (!writer_status.ok()) continue;  // drain so the reader never blocks
      writer_status = load->Add(std::move(batch));
      batch = EventBatch();
      if (!writer_status.ok()) writer_failed = true;
    }
  });
  Status reject_status;
  ingest::ReadCallbacks callbacks;
  callbacks.on_batch = [&](EventBatch& batch) -> Status {
    if (writer_failed) return Status::IOError("writing parts failed");  // the real error comes after join
    queue.Push(std::move(batch));
    batch = EventBatch();
    return Status::OK();
  };
  callbacks.on_reject = [&](ingest::RejectedRow&& row) {
    ++result->reject_reasons[ReasonKind(row)];
    if (reject_status.ok()) reject_status = load->AddRejected(RejectedRowJson(row));
  };
  callbacks.on_progress = request.on_progress;
  ingest::ReadStats stats;
  Status read_status = ingest::ReadEvents(request.path, request.read, callbacks, &stats);
  queue.Close();
  writer.join();
  TP_RETURN_IF_ERROR(writer_status);
  TP_RETURN_IF_ERROR(read_status);
  TP_RETURN_IF_ERROR(reject_status);
  result->bytes_read = stats.bytes_read;
  TP_RETURN_IF_ERROR(load->Commit(&result->load));
  for (const store::PartEntry& p : load->parts()) result->part_ids.push_back(p.id);
  return Status::OK();
}

}  // namespace touchpoint::engine
