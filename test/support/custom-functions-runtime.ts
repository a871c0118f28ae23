/**
 * A stand-in for Excel's custom-functions runtime: the `CustomFunctions` global with `Error`, `ErrorCode` and an
 * `associate` that records the id → function map, as Excel builds it from functions.json.
 */
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export class CustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string,
  ) {
    super(message);
    this.name = 'CustomFunctions.Error';
  }
}

export function makeRuntime() {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  return {
    associated,
    CustomFunctions: {
      Error: CustomFunctionsError,
      ErrorCode,
      associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) {
        if (typeof id === 'string') associated.set(id.toUpperCase(), fn!);
        else for (const [k, f] of Object.entries(id)) associated.set(k.toUpperCase(), f);
      },
    },
  };
}

/** Installs the runtime as a global for unit tests of src/functions. */
export function installGlobalRuntime() {
  const rt = makeRuntime();
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = rt.CustomFunctions;
  return rt;
}
