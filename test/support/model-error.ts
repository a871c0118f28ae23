import { ModelError } from '../../src/model';

/** The ModelError a call throws (any other outcome fails the test). */
export function errorOf(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelError) return e;
    throw e;
  }
  throw new Error('expected a ModelError');
}
