// Journeys (`touchpoint paths`): the Sankey of the top paths, as the API
// builds it (`sankey`: nodes named "POSITION: TOUCHPOINT", links with the
// journeys that pass them). A touchpoint has one colour at every position;
// exits are grey.
import * as fmt from "../format";
import type { PathsAnswer } from "../types";
import { colorFor, INK, MUTED, type Option } from "./core";

// "2: add_to_cart" -> "add_to_cart".
export function touchpointOf(node: string): string {
  const colon = node.indexOf(": ");
  return colon < 0 ? node : node.slice(colon + 2);
}

export function sankeyOption(answer: PathsAnswer): Option {
  const { nodes, links } = answer.sankey;
  return {
    tooltip: {
      trigger: "item",
      formatter: (p: { dataType: string; data: { source?: string; target?: string; name?: string; value?: number }; value: number }) => {
        if (p.dataType === "edge") {
          return `${p.data.source} \u2192 ${p.data.target}<br><b>${fmt.count(p.value)}</b> journeys`;
        }
        return `<b>${p.data.name}</b><br>${fmt.count(p.value)} journeys`;
      },
    },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 150,
        top: 12,
        bottom: 12,
        nodeWidth: 14,
        nodeGap: 10,
        nodeAlign: "left",
        layoutIterations: 32,
        emphasis: { focus: "adjacency" },
        data: nodes.map((n) => {
          const t = touchpointOf(n.name);
          return { name: n.name, itemStyle: { color: t === "(exit)" ? "#b8bec8" : colorFor(t), borderWidth: 0 } };
        }),
        // Links by name: ECharts resolves them against the nodes.
        links: links.map((l) => ({ source: nodes[l.source].name, target: nodes[l.target].name, value: l.value })),
        lineStyle: { color: "gradient", opacity: 0.32, curveness: 0.5 },
        label: { color: INK, fontSize: 11, formatter: (p: { name: string }) => p.name },
        edgeLabel: { show: false, color: MUTED },
      },
    ],
  };
}
