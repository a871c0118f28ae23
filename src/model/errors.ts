/** Why a query has no answer. The custom functions map these to Excel errors (#N/A or #VALUE!). */
export type ModelErrorKind = 'unknown_metric' | 'unknown_period' | 'bad_currency' | 'not_available' | 'bad_argument';

export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
