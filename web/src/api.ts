// Talking to `touchpoint serve`: the query key and JSON requests.
//
// The secret query key arrives once in the address (/?key=KEY, as the
// server's docs say to open the dashboard), is kept in this browser's
// localStorage and removed from the address bar, and goes with every API
// call as `Authorization: Bearer KEY`. A 401 asks for the key again.

const KEY_STORAGE = "touchpoint.query_key";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function takeKeyFromUrl(): void {
  const url = new URL(window.location.href);
  const key = url.searchParams.get("key");
  if (key === null) return;
  localStorage.setItem(KEY_STORAGE, key);
  url.searchParams.delete("key");
  window.history.replaceState(null, "", url.pathname + url.search + url.hash);
}

export function setKey(key: string): void {
  localStorage.setItem(KEY_STORAGE, key);
}

function headers(): HeadersInit {
  const key = localStorage.getItem(KEY_STORAGE);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

// The query string of `params`, empty values left out.
export function queryString(params: Record<string, string>): string {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString();
}

async function failure(response: Response, text: string): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    message = (JSON.parse(text) as { error?: string }).error ?? message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

// A file from the API (the report), saved by the browser under `name`.
export async function download(path: string, params: Record<string, string>, name: string): Promise<void> {
  const query = queryString(params);
  const response = await fetch(query ? `${path}?${query}` : path, { headers: headers() });
  if (!response.ok) throw await failure(response, await response.text());
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function getJson<T>(path: string, params: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  const query = queryString(params);
  const response = await fetch(query ? `${path}?${query}` : path, { headers: headers(), signal });
  const text = await response.text();
  if (!response.ok) throw await failure(response, text);
  return JSON.parse(text) as T;
}
