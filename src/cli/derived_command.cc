// touchpoint derived --db DIR [--list | --show NAME | --import NAME FILE.csv]
// Per-customer derived columns: list them (with whether they are stale),
// show one, or import one from a customer_id,value CSV (e.g. segments made
// elsewhere), stamped with the store's current data.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <sstream>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/derived_table.h"
#include "util/file.h"

namespace touchpoint::cli {
namespace {

// "customer_id,value" lines after a header; quotes are not supported here.
Result<store::DerivedColumn> ReadCsv(const std::string& name, const std::string& path, std::string stamp) {
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  store::DerivedColumn col{name, std::move(stamp), {}};
  std::istringstream in(text);
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 || line.empty()) continue;  // header
    size_t comma = line.find(',');
    if (comma == std::string::npos || comma == 0) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": expected customer_id,value");
    }
    col.values[line.substr(0, comma)] = line.substr(comma + 1);
  }
  return col;
}

}  // namespace

void RegisterDerived(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto show = std::make_shared<std::string>();
  auto import = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "derived", "Per-customer derived columns (cut and filter by them with derived:NAME): list, show, import");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--show", *show, "Print NAME as customer_id,value");
  cmd->add_option("--import", *import, "NAME FILE.csv (customer_id,value with a header)")->expected(2);
  cmd->callback([=] {
    *run = [=] {
      auto opened = OpenSnapshot(*db, /*writable=*/!import->empty());
      if (!opened.ok()) return Fail(opened.status());
      const store::Snapshot& snapshot = *opened->snapshot;
      if (!import->empty()) {
        auto col = ReadCsv((*import)[0], (*import)[1], snapshot.data_stamp);
        if (!col.ok()) return Fail(col.status());
        Status s = store::DerivedTable::Write(*db, *col);
        if (!s.ok()) return Fail(s);
        std::printf("derived column %s: %zu customers\n", col->name.c_str(), col->values.size());
        return kExitOk;
      }
      if (!show->empty()) {
        auto col = store::DerivedTable::Read(*db, *show);
        if (!col.ok()) return Fail(col.status());
        std::printf("customer_id,%s\n", col->name.c_str());
        for (const auto& [customer, value] : col->values) std::printf("%s,%s\n", customer.c_str(), value.c_str());
        return kExitOk;
      }
      auto names = store::DerivedTable::List(*db);
      if (!names.ok()) return Fail(names.status());
      for (const std::string& name : *names) {
        auto col = store::DerivedTable::Read(*db, name);
        if (!col.ok()) return Fail(col.status());
        std::printf("%-24s %8zu customers  %s\n", name.c_str(), col->values.size(),
                    col->data_stamp == snapshot.data_stamp ? "fresh" : "stale (computed from older data)");
      }
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
