/**
 * Errors a user can cause and must fix (a file that is not a chronology, a bad option value).
 * They carry a stable `code`; adapters (CLI, server) turn them into a message and an exit status.
 */
export class ThroughlineError extends Error {
  readonly code: string;
  readonly file: string | undefined;

  constructor(code: string, message: string, file?: string) {
    super(message);
    this.name = 'ThroughlineError';
    this.code = code;
    this.file = file;
  }
}

export function isThroughlineError(value: unknown): value is ThroughlineError {
  return value instanceof ThroughlineError;
}
