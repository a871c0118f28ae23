/**
 * pdf.js's legacy build carries core-js polyfills that replace built-ins the engine already has when it loads:
 * `Array.prototype.push` (by a script function ≈ 6× slower for every array of the process), `structuredClone`, Set
 * methods. The add-in's shared runtime and the CLI keep running the model after a PDF is read, so whatever a loaded
 * library replaced is put back; what it added (methods the engine lacks) stays, since the library may need it.
 */

/** The built-ins whose own properties are watched: every object a polyfill of a language built-in patches. */
function watched(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
  return [
    globalThis, Object, Object.prototype, Function.prototype, Array, Array.prototype, String, String.prototype,
    Number, Number.prototype, Math, JSON, Reflect, Symbol, Promise, Promise.prototype, Map, Map.prototype, Set,
    Set.prototype, WeakMap.prototype, WeakSet.prototype, RegExp.prototype, Date.prototype, Error, typedArray,
    Object.getPrototypeOf(typedArray.constructor) as object, ArrayBuffer.prototype,
  ];
}

type Snapshot = Map<object, Map<PropertyKey, PropertyDescriptor>>;

/**
 * Each watched property as first seen by any load: what is put back. Two loads may overlap (two PDFs read at once);
 * the second's snapshot may already hold the first's replacements, which must not be put back when it ends.
 */
const ORIGINAL: Snapshot = new Map();

function snapshot(): Snapshot {
  const s: Snapshot = new Map();
  for (const o of watched()) {
    const own = new Map<PropertyKey, PropertyDescriptor>();
    let first = ORIGINAL.get(o);
    if (!first) ORIGINAL.set(o, (first = new Map()));
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (!d) continue;
      own.set(key, d);
      if (!first.has(key)) first.set(key, d);
    }
    s.set(o, own);
  }
  return s;
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor) => a.value === b.value && a.get === b.get && a.set === b.set;

/** Puts back, as first seen, every watched property replaced since `before`; returns their names (`Array.prototype.push`…). */
function restore(before: Snapshot): string[] {
  const restored: string[] = [];
  for (const [o, own] of before) {
    const first = ORIGINAL.get(o)!;
    for (const [key, seen] of own) {
      const now = Object.getOwnPropertyDescriptor(o, key);
      if (!now || same(now, seen)) continue;
      const d = first.get(key) ?? seen;
      // Values that are not functions are state (counters, caches such as `__core-js_shared__`): left as they are.
      if (typeof d.value !== 'function' && !d.get && !d.set) continue;
      if (same(now, d)) continue;
      try {
        Object.defineProperty(o, key, d);
        restored.push(`${nameOf(o)}.${String(key)}`);
      } catch {
        // A property made non-configurable by the library cannot be put back; it still works, only slower.
      }
    }
  }
  return restored;
}

const isThenable = <T>(x: T | Promise<T>): x is Promise<T> => typeof (x as { then?: unknown } | null)?.then === 'function';

function nameOf(o: object): string {
  if (o === globalThis) return 'globalThis';
  const ctor = (o as { constructor?: { name?: string; prototype?: unknown } }).constructor;
  if (typeof o === 'function') return (o as { name: string }).name || 'Function';
  const tag = (o as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  if ((o === Math || o === JSON || o === Reflect) && typeof tag === 'string') return tag;
  return ctor && ctor.prototype === o ? `${ctor.name}.prototype` : (ctor?.name ?? 'Object');
}

/** Loads a library (sync or async) and puts back the built-ins it replaced while loading. */
export function loadKeepingBuiltins<T>(load: () => Promise<T>): Promise<{ value: T; restored: string[] }>;
export function loadKeepingBuiltins<T>(load: () => T): { value: T; restored: string[] };
export function loadKeepingBuiltins<T>(load: () => T | Promise<T>): { value: T; restored: string[] } | Promise<{ value: T; restored: string[] }> {
  const before = snapshot();
  let out: T | Promise<T>;
  try {
    out = load();
  } catch (e) {
    restore(before);
    throw e;
  }
  // A thenable test, not `instanceof Promise`: an async function's promise may come from another realm.
  if (isThenable(out)) {
    return Promise.resolve(out).then(
      (value) => ({ value, restored: restore(before) }),
      (e: unknown) => {
        restore(before);
        throw e;
      },
    );
  }
  return { value: out, restored: restore(before) };
}
