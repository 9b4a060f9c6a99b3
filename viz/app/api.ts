/** The review server's API from the page: JSON in and out, a refusal as an `ApiFailure` with the server's code and message. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; json?: unknown; form?: FormData } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(init.json); }
  if (init.form) body = init.form;
  const res = await fetch(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const e = type.includes('json') ? await res.json() as { code?: string; message?: string } & Record<string, unknown> : { message: await res.text() };
    const { code, message, ...extra } = e;
    throw new ApiFailure(res.status, code ?? 'error', message ?? `the server answered ${res.status}`, extra);
  }
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A review's URL path under the API. */
export const reviewPath = (id: string, rest = ''): string => `/api/reviews/${encodeURIComponent(id)}${rest}`;
