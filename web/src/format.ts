// Numbers as people read them, by the unit the API gives each measure.

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  if (m < 60) return `${m} m ${s} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

export function value(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "n/a";
  switch (unit) {
    case "%":
      return `${decimal.format(v)}%`;
    case "s":
      return duration(v);
    case "money":
      return money.format(v);
    case "events":
    case "customers":
    case "sessions":
      return integer.format(v);
    case "":
      return v > 0 ? `+${decimal.format(v)}` : decimal.format(v);
    default:
      return decimal.format(v);
  }
}

// A change between periods, in the measure's own terms: points for rates.
export function change(v: number, unit: string): string {
  const sign = v > 0 ? "+" : v < 0 ? "\u2212" : "\u00b1";
  const a = Math.abs(v);
  switch (unit) {
    case "%":
      return `${sign}${decimal.format(a)} pts`;
    case "s":
      return `${sign}${duration(a)}`;
    case "money":
      return `${sign}${money.format(a)}`;
    case "events":
    case "customers":
    case "sessions":
      return `${sign}${integer.format(a)}`;
    default:
      return `${sign}${decimal.format(a)}`;
  }
}

export function count(v: number): string {
  return integer.format(v);
}
