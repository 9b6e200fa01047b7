// LoadFixture: a store in `dir` holding `batch` as one load, and its
// snapshot: the setup of the engine tests that run a query on a fixture
// worked out by hand.
#ifndef TOUCHPOINT_TESTS_STORE_FIXTURE_H_
#define TOUCHPOINT_TESTS_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "event/event_batch.h"
#include "store/load_writer.h"
#include "store/snapshot.h"
#include "store/store.h"

namespace touchpoint::testing {

inline std::shared_ptr<const store::Snapshot> LoadFixture(const std::string& dir, const EventBatch& batch) {
  auto store = store::Store::Open(dir, store::StoreOptions{});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  auto load = (*store)->BeginLoad("fixture", 1, 1, false);
  EXPECT_TRUE(load.ok()) << load.status().ToString();
  if (!load.ok()) return nullptr;
  EXPECT_TRUE((*load)->Add(batch).ok());
  store::LoadEntry entry;
  EXPECT_TRUE((*load)->Commit(&entry).ok());
  auto snapshot = (*store)->GetSnapshot();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  return snapshot.ok() ? std::move(snapshot).value() : nullptr;
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_STORE_FIXTURE_H_
