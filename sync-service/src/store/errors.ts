// Failures the store reports to its callers (who map them to HTTP statuses or CLI messages).
export type StoreErrorCode = 'not_found' | 'conflict' | 'invalid';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
