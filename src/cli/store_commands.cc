// Store maintenance: compact, delete (right to erasure), unload, alias.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/store_cli.h"
#include "store/alias_table.h"
#include "util/spawn.h"

namespace touchpoint::cli {

namespace {

// "3,4,5" -> {3, 4, 5}.
Result<std::vector<uint64_t>> ParseIds(const std::string& text) {
  std::vector<uint64_t> ids;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t comma = std::min(text.find(',', begin), text.size());
    const std::string item = text.substr(begin, comma - begin);
    char* end = nullptr;
    const unsigned long long id = std::strtoull(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0') return Status::InvalidArgument("--parts: '" + item + "' is not a part id");
    ids.push_back(id);
    begin = comma + 1;
  }
  return ids;
}

}  // namespace

void RegisterCompact(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto runs = std::make_shared<std::vector<std::string>>();
  auto inherited = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("compact", "Flush the log and merge all parts into as few as possible");
  cmd->add_option("--db", *db, "Store directory")->required();
  // How `ingest` starts its background merge (docs/store.md); not for users.
  cmd->add_option("--parts", *runs, "Merge only this run of parts (ids, comma-separated; repeatable)")->group("");
  cmd->add_flag("--inherited-lock", *inherited, "Descriptor 3 holds the store's write lock")->group("");
  cmd->callback([=] {
    *run = [=] {
      store::StoreOptions options = WriterOptions();
      options.create_if_missing = false;
      // Open checks that descriptor 3 really holds the store's lock: never
      // a merge running beside another writer.
      if (*inherited) options.inherited_lock_fd = kInheritedFd;
      auto store = store::Store::Open(*db, options);
      if (!store.ok()) return Fail(store.status());
      store::CompactStats stats;
      Status s;
      if (runs->empty() && *inherited) {
        // Started by ingest only to keep the part count bounded.
        stats.parts_before = (*store)->manifest().parts.size();
        s = (*store)->MaybeMerge();
        stats.parts_after = (*store)->manifest().parts.size();
        for (const store::PartEntry& p : (*store)->manifest().parts) stats.rows += p.info.rows;
      } else if (runs->empty()) {
        s = (*store)->Compact(&stats);
      } else {
        for (const std::string& r : *runs) {
          auto ids = ParseIds(r);
          s = ids.ok() ? (*store)->MergeRun(*ids, &stats) : ids.status();
          if (!s.ok()) break;
        }
        // Then, as after any load, the part count is kept bounded.
        if (s.ok()) s = (*store)->MaybeMerge();
        if (s.ok()) stats.parts_after = (*store)->manifest().parts.size();
      }
      if (*inherited) {
        const Status cleared = (*store)->ClearBackgroundMerge();
        if (s.ok()) s = cleared;
      }
      if (!s.ok()) return Fail(s);
      std::printf("compacted %zu parts into %zu (%s events)\n", stats.parts_before, stats.parts_after,
                  WithThousands(stats.rows).c_str());
      return kExitOk;
    };
  });
}

void RegisterDelete(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto customer = std::make_shared<std::string>();
  auto no_suppress = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "delete", "Erase every event, rejected row and derived value of a customer, and keep later events for it out");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--customer", *customer, "Customer id to erase")->required();
  cmd->add_flag("--no-suppress", *no_suppress,
                "Erase without adding the id to the suppression list (later events for it are then stored again)");
  cmd->callback([=] {
    *run = [=] {
      if (customer->empty()) return FailUsage(Status::InvalidArgument("--customer: an empty customer id"));
      auto store = OpenStoreToChange(*db);
      if (!store.ok()) return Fail(store.status());
      store::DeleteStats stats;
      Status s = (*store)->DeleteCustomer(*customer, !*no_suppress, &stats);
      if (!s.ok()) return Fail(s);
      std::printf("deleted customer %s: %s events (%zu parts rewritten), %zu derived values, %zu aliases, "
                  "%zu rejected rows; %s\n",
                  customer->c_str(), WithThousands(stats.events_deleted).c_str(), stats.parts_rewritten,
                  stats.derived_values_deleted, stats.aliases_deleted, stats.rejected_rows_deleted,
                  stats.suppressed ? "later events for the id will be dropped (suppressed)"
                                   : "later events for the id will be stored again (not suppressed)");
      return kExitOk;
    };
  });
}

void RegisterUnload(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto load = std::make_shared<uint64_t>(0);
  CLI::App* cmd = app.add_subcommand(
      "unload", "Take a load's rows back out of the store (its file and event ids can then be loaded again)");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--load", *load, "The load's id (`touchpoint loads` lists them)")->required();
  cmd->callback([=] {
    *run = [=] {
      auto store = OpenStoreToChange(*db);
      if (!store.ok()) return Fail(store.status());
      store::UnloadStats stats;
      Status s = (*store)->Unload(*load, &stats);
      if (!s.ok()) return s.code() == Status::Code::kNotFound ? FailUsage(s) : Fail(s);
      std::printf("unloaded load %llu: %s events removed (%zu parts rewritten)\n",
                  static_cast<unsigned long long>(*load), WithThousands(stats.events_removed).c_str(),
                  stats.parts_rewritten);
      if (stats.parts_without_loads > 0) {
        std::fprintf(stderr,
                     "touchpoint: warning: %zu parts were written before part format 4 and do not record their rows' "
                     "loads; any rows of load %llu in them stay\n",
                     stats.parts_without_loads, static_cast<unsigned long long>(*load));
      }
      return kExitOk;
    };
  });
}

void RegisterAlias(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto ids = std::make_shared<std::vector<std::string>>();
  auto remove = std::make_shared<bool>(false);
  auto list = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "alias", "Link identifiers of one person (opt-in): `alias --db DIR ANON_ID CUSTOMER_ID`; analyses then count "
               "them as one customer");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("ids", *ids, "ALIAS CANONICAL (or ALIAS with --remove)");
  cmd->add_flag("--remove", *remove, "Remove the link of ALIAS");
  cmd->add_flag("--list", *list, "List the links");
  cmd->callback([=] {
    *run = [=] {
      auto store = OpenStoreToChange(*db);  // takes the write lock
      if (!store.ok()) return Fail(store.status());
      store::AliasTable table(*db);
      if (*list) {
        auto map = table.Load();
        if (!map.ok()) return Fail(map.status());
        for (const auto& [alias, canonical] : *map) std::printf("%s -> %s\n", alias.c_str(), canonical.c_str());
        return kExitOk;
      }
      Status s;
      if (*remove && ids->size() == 1) {
        s = table.Unlink((*ids)[0]);
      } else if (!*remove && ids->size() == 2) {
        s = table.Link((*ids)[0], (*ids)[1]);
      } else {
        s = Status::InvalidArgument("alias takes ALIAS CANONICAL, or ALIAS with --remove, or --list");
      }
      return s.ok() ? kExitOk : Fail(s);
    };
  });
}

}  // namespace touchpoint::cli
