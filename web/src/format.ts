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

const compactFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

// Axis labels: short, in the measure's unit.
export function axis(v: number, unit: string): string {
  switch (unit) {
    case "%":
      return `${compactFormat.format(v)}%`;
    case "s":
      return v >= 60 ? `${compactFormat.format(v / 60)} m` : `${compactFormat.format(v)} s`;
    default:
      return compactFormat.format(v);
  }
}

// A number with `digits` decimals ("n/a" when missing).
export function fixed(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "n/a";
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// A percentage already on 0-100.
export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || Number.isNaN(v) ? "n/a" : `${fixed(v, digits)}%`;
}

// A share on 0-1, shown as a percentage.
export function share(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || Number.isNaN(v) ? "n/a" : `${fixed(v * 100, digits)}%`;
}

export function moneyValue(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? "n/a" : money.format(v);
}

// A date-time of the API (ISO UTC) as its calendar day.
export function day(iso: string): string {
  return iso.slice(0, 10);
}
