#include "store/event_id_filter.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <utility>

#include "util/hash.h"

namespace touchpoint::store {
namespace {

// Hashes per slice of the hash space in FindRepeatedIds: the slice's set
// stays in cache.
constexpr uint64_t kIdsPerSlice = 1 << 15;
// Hashes read from a part at a time.
constexpr size_t kCursorChunk = 1 << 13;

// A part's sorted id set, read front to back in chunks; the checksum is
// checked when the end is reached.
class IdCursor {
 public:
  explicit IdCursor(const PartReader* part) : part_(part), state_(XXH3_createState()) { XXH3_64bits_reset(state_); }
  ~IdCursor() { XXH3_freeState(state_); }
  IdCursor(const IdCursor&) = delete;
  IdCursor& operator=(const IdCursor&) = delete;

  // Loads the next chunk when the current one is used up; false at the end.
  Result<bool> Ready() {
    if (pos_ < buf_.size()) return true;
    if (read_ >= part_->event_id_count()) return false;
    if (part_->format_version() < kFirstVersionWithLoads) {
      // Older parts keep the set zstd-compressed: read it whole (checked).
      DecodeContext ctx;
      TP_RETURN_IF_ERROR(part_->ReadEventIdHashes(&ctx, &buf_));
      read_ = part_->event_id_count();
      pos_ = 0;
      return !buf_.empty();
    }
    const size_t n = static_cast<size_t>(std::min<uint64_t>(kCursorChunk, part_->event_id_count() - read_));
    buf_.resize(n);
    TP_RETURN_IF_ERROR(part_->ReadEventIdBytes(read_ * 8, n * 8, reinterpret_cast<char*>(buf_.data())));
    XXH3_64bits_update(state_, buf_.data(), n * 8);
    read_ += n;
    pos_ = 0;
    if (read_ == part_->event_id_count() &&
        static_cast<uint32_t>(XXH3_64bits_digest(state_)) != part_->event_id_checksum()) {
      return Status::Corruption(part_->name() + ": event-id set checksum mismatch");
    }
    return true;
  }
  uint64_t Peek() const { return buf_[pos_]; }
  void Next() { ++pos_; }

 private:
  const PartReader* part_;
  XXH3_state_t* state_;
  std::vector<uint64_t> buf_;
  size_t pos_ = 0;
  uint64_t read_ = 0;
};

}  // namespace

std::vector<bool> FilterDuplicateIds(const EventBatch& batch, const std::vector<uint64_t>& stored_a,
                                     const std::vector<uint64_t>& stored_b, std::vector<uint64_t>* new_ids,
                                     uint64_t* duplicates) {
  std::vector<bool> keep(batch.size(), true);
  std::vector<std::pair<uint64_t, uint32_t>> ids;
  for (size_t i = 0; i < batch.size(); ++i) {
    std::string_view id = batch.event_id.Get(i);
    if (!id.empty()) ids.emplace_back(Hash64(id), static_cast<uint32_t>(i));
  }
  if (ids.empty()) return keep;
  std::sort(ids.begin(), ids.end());
  auto a = stored_a.begin();
  auto b = stored_b.begin();
  for (size_t k = 0; k < ids.size(); ++k) {
    const uint64_t h = ids[k].first;
    a = std::lower_bound(a, stored_a.end(), h);
    b = std::lower_bound(b, stored_b.end(), h);
    bool dup = (k > 0 && ids[k - 1].first == h) || (a != stored_a.end() && *a == h) ||
               (b != stored_b.end() && *b == h);
    if (dup) {
      keep[ids[k].second] = false;
      ++*duplicates;
    } else {
      new_ids->push_back(h);
    }
  }
  return keep;
}

void MergeSortedIds(std::vector<uint64_t> add, std::vector<uint64_t>* into) {
  std::sort(add.begin(), add.end());
  std::vector<uint64_t> merged;
  merged.reserve(into->size() + add.size());
  std::merge(into->begin(), into->end(), add.begin(), add.end(), std::back_inserter(merged));
  *into = std::move(merged);
}

Result<std::vector<std::vector<uint64_t>>> FindRepeatedIds(const std::vector<const PartReader*>& parts,
                                                           size_t first_new) {
  std::vector<std::vector<uint64_t>> repeats(parts.size());
  uint64_t total = 0;
  for (const PartReader* p : parts) total += p->event_id_count();
  // Slices of the hash space, a power of two of them, about kIdsPerSlice
  // hashes each: every part's sorted set is read once, slice by slice.
  const uint64_t slices = std::bit_ceil(std::max<uint64_t>(1, total / kIdsPerSlice));
  const int shift = 64 - std::countr_zero(slices);
  std::vector<std::unique_ptr<IdCursor>> cursors;
  for (const PartReader* p : parts) cursors.push_back(std::make_unique<IdCursor>(p));
  HashSet64 seen(2 * kIdsPerSlice);
  for (uint64_t s = 0; s < slices; ++s) {
    const uint64_t upper = s + 1 == slices ? UINT64_MAX : ((s + 1) << shift) - 1;
    seen.Clear();
    for (size_t p = 0; p < parts.size(); ++p) {
      IdCursor& c = *cursors[p];
      while (true) {
        TP_ASSIGN_OR_RETURN(const bool more, c.Ready());
        if (!more || c.Peek() > upper) break;
        if (!seen.Insert(c.Peek()) && p >= first_new) repeats[p].push_back(c.Peek());
        c.Next();
      }
    }
  }
  return repeats;
}

HashSet64::HashSet64(size_t expected) : slots_(std::bit_ceil(std::max<size_t>(16, expected * 2)), 0) {}

bool HashSet64::Insert(uint64_t h) {
  if (h == 0) {
    if (has_zero_) return false;
    has_zero_ = true;
    ++size_;
    return true;
  }
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  // The hashes are XXH3 values already: their low bits index directly.
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return false;
    if (slots_[i] == 0) {
      slots_[i] = h;
      used_.push_back(i);
      ++size_;
      return true;
    }
  }
}

void HashSet64::InsertMany(const uint64_t* hashes, size_t n, std::vector<bool>* fresh) {
  constexpr size_t kAhead = 16;
  fresh->assign(n, false);
  // Grown first, so the prefetched slots stay where they are.
  while (2 * (size_ + n + 1) > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&slots_[static_cast<size_t>(hashes[i + kAhead]) & mask], 1);
    (*fresh)[i] = Insert(hashes[i]);
  }
}

void HashSet64::Clear() {
  for (size_t i : used_) slots_[i] = 0;
  used_.clear();
  size_ = 0;
  has_zero_ = false;
}

void HashSet64::Grow() {
  std::vector<uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, 0);
  used_.clear();
  const size_t mask = slots_.size() - 1;
  for (uint64_t h : old) {
    if (h == 0) continue;
    size_t i = static_cast<size_t>(h) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = h;
    used_.push_back(i);
  }
}

}  // namespace touchpoint::store
