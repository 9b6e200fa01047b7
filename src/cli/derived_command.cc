// touchpoint derived --db DIR [--list | --show NAME | --import NAME FILE.csv]
// Per-customer derived columns: list them (what wrote them, when, and
// whether they are stale), show one, or import one from a customer_id,value
// CSV (e.g. segments made elsewhere), stamped with the store's current data.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/derived_import.h"
#include "report/csv_table.h"
#include "report/text_table.h"
#include "store/derived_table.h"

namespace touchpoint::cli {

void RegisterDerived(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto show = std::make_shared<std::string>();
  auto import = std::make_shared<std::vector<std::string>>();
  auto list = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "derived", "Per-customer derived columns (cut and filter by them with derived:NAME): list, show, import");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_flag("--list", *list, "List the columns (the default)");
  cmd->add_option("--show", *show, "Print NAME as customer_id,value");
  cmd->add_option("--import", *import, "NAME FILE.csv (customer_id,value with a header)")->expected(2);
  cmd->footer(
      "Examples:\n  touchpoint derived --db store --import segment segments.csv\n"
      "  touchpoint lifecycle --db store --save stage && touchpoint derived --db store --list\n"
      "  touchpoint metrics --db store --by derived:segment");
  cmd->callback([=] {
    *run = [=] {
      auto opened = OpenSnapshot(*db, /*writable=*/!import->empty());
      if (!opened.ok()) return Fail(opened.status());
      const store::Snapshot& snapshot = *opened->snapshot;
      if (!import->empty()) {
        auto col = engine::ImportDerivedColumn(snapshot, (*import)[0], (*import)[1]);
        if (!col.ok()) return Fail(col.status());
        std::printf("derived column %s: %zu customers\n", col->name.c_str(), col->values.size());
        return kExitOk;
      }
      if (!show->empty()) {
        auto col = store::DerivedTable::Read(*db, *show);
        if (!col.ok()) return Fail(col.status());
        report::CsvTable out({"customer_id", col->name});
        for (const auto& [customer, value] : col->values) out.Add({customer, value});
        return PrintOutput(out.Render());
      }
      auto names = store::DerivedTable::List(*db);
      if (!names.ok()) return Fail(names.status());
      using Align = report::TextTable::Align;
      report::TextTable table({{"column", Align::kLeft}, {"customers"}, {"state", Align::kLeft},
                               {"written by", Align::kLeft}, {"at", Align::kLeft}});
      for (const std::string& name : *names) {
        auto col = store::DerivedTable::Read(*db, name);
        if (!col.ok()) return Fail(col.status());
        table.AddRow({name, WithThousands(col->values.size()),
                      col->data_stamp == snapshot.data_stamp ? "fresh" : "stale (computed from older data)",
                      col->source.empty() ? "-" : col->source, col->written_at.empty() ? "-" : col->written_at});
      }
      if (table.empty()) return PrintOutput("no derived columns (an analysis's --save or derived --import writes them)\n");
      return PrintOutput(table.Render(TerminalWidth()));
    };
  });
}

}  // namespace touchpoint::cli
