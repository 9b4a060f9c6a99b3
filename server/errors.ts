/**
 * Every error the API answers with, in one catalogue: a stable code, an HTTP status and a message
 * template. A reply is always `{ code, message }` (chronology errors add `file` and `line`): never
 * a stack trace, and never data from a review the message is not about. The core's own coded
 * errors (ThroughlineError: a file that is not a chronology, a bad rule) keep their codes.
 */
export const ERRORS = {
  'bad-request': { status: 400, message: 'the request is not valid: {detail}' },
  'json-invalid': { status: 400, message: 'the request body is not valid JSON' },
  'unauthenticated': { status: 401, message: 'sign in first (a session cookie or an API token)' },
  'credentials-wrong': { status: 401, message: 'the username or password is wrong' },
  'signin-link-invalid': { status: 401, message: 'this sign-in link has been used or has expired' },
  'forbidden': { status: 403, message: 'your role on this review ({role}) does not allow this' },
  'admin-only': { status: 403, message: 'only an administrator can do this' },
  'not-found': { status: 404, message: 'no such route: {method} {url}' },
  'review-not-found': { status: 404, message: 'no review {review} that you are a member of' },
  'file-not-found': { status: 404, message: 'this review has no agency file {file}' },
  'rca-not-found': { status: 404, message: 'this review has no cause analysis {graph}' },
  'version-not-found': { status: 404, message: 'cause analysis {graph} has no version {version}' },
  'recommendation-not-found': { status: 404, message: 'this review has no recommendation {recommendation}' },
  'user-not-found': { status: 404, message: 'no account {user}' },
  'token-not-found': { status: 404, message: 'you have no API token {token}' },
  'username-taken': { status: 409, message: 'the username "{username}" is taken' },
  'file-name-taken': { status: 409, message: 'this review already has a file named "{name}": delete it first or upload under another name' },
  'last-author': { status: 409, message: 'a review keeps at least one author' },
  'file-too-large': { status: 413, message: 'the file is larger than the limit of {limit}' },
  'unsupported-media-type': { status: 415, message: 'expected {expected}' },
  'file-name-invalid': { status: 422, message: 'the file name "{name}" is not allowed: {why}' },
  'chronology-invalid': { status: 422, message: '{message}' },
  'rate-limited': { status: 429, message: 'too many attempts: try again in {after}' },
  'internal': { status: 500, message: 'something went wrong on the server (request {request}); nothing was changed' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error the API answers with: its code from the catalogue, its message filled in. */
export class ApiError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode | string, message: string, status: number, readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
  }
}

/** The catalogue's error `code` with its template's `{name}`s filled from `values`. */
export function apiError(code: ErrorCode, values: Record<string, string | number> = {}, extra: Record<string, unknown> = {}): ApiError {
  const entry = ERRORS[code];
  const message = entry.message.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
  return new ApiError(code, message, entry.status, extra);
}

/** A coded error of the core (or one that crossed from the worker as plain data): a 422 naming its code, and its file when it has one. */
export function codedError(e: { code: string; message: string; file?: string }): ApiError {
  return new ApiError(e.code, e.message, 422, e.file !== undefined ? { file: e.file } : {});
}
