// A page's settings bar: labelled selects, text fields and checkboxes whose
// changes go to the address (ViewContext.set) and redraw the page.
import { el } from "../dom";

export type Choice = string | [value: string, label: string];

export function select(label: string, name: string, choices: Choice[], value: string, onChange: (v: string) => void): HTMLElement {
  const wrap = el("label", "control");
  wrap.append(el("span", "", label));
  const s = el("select");
  s.name = name;
  const values = choices.map((c) => (typeof c === "string" ? c : c[0]));
  const all: Choice[] = values.includes(value) ? choices : [...choices, value];
  for (const c of all) {
    const [v, text] = typeof c === "string" ? [c, c] : c;
    const o = el("option", "", text);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  s.addEventListener("change", () => onChange(s.value));
  wrap.append(s);
  return wrap;
}

// A text field applied on Enter or on leaving it; `suggestions` fill a datalist.
export function text(label: string, name: string, value: string, onChange: (v: string) => void,
                     options: { placeholder?: string; suggestions?: string[]; wide?: boolean } = {}): HTMLElement {
  const wrap = el("label", `control${options.wide ? " wide" : ""}`);
  wrap.append(el("span", "", label));
  const input = el("input");
  input.name = name;
  input.value = value;
  input.placeholder = options.placeholder ?? "";
  input.spellcheck = false;
  if (options.suggestions?.length) {
    const list = el("datalist");
    list.id = `list-${name}`;
    for (const s of options.suggestions) {
      const o = el("option");
      o.value = s;
      list.append(o);
    }
    input.setAttribute("list", list.id);
    wrap.append(list);
  }
  const apply = () => {
    if (input.value.trim() !== value) onChange(input.value.trim());
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") apply();
  });
  input.addEventListener("change", apply);
  wrap.append(input);
  return wrap;
}

export function checkbox(label: string, name: string, checked: boolean, onChange: (v: boolean) => void): HTMLElement {
  const wrap = el("label", "control check");
  const input = el("input");
  input.type = "checkbox";
  input.name = name;
  input.checked = checked;
  input.addEventListener("change", () => onChange(input.checked));
  wrap.append(input, el("span", "", label));
  return wrap;
}
