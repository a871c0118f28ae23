import type Decimal from 'decimal.js';
import type { Fact } from '../filing/types';
import type { ModelValue } from './model';

/**
 * Values whose figure is computed on its first read and kept (the same Decimal thereafter). Most US$ translations,
 * ratios and per-ADS figures of a release are read by no check, so they cost nothing until a cell, a sheet or the
 * library asks for them. Everything else about them (origin, formula, rule, facts) is set when they are made.
 *
 * To everything that reads them they are the plain objects they were: `value` is an own enumerable property (a getter
 * shared by all, so V8 keeps them in fast shared shapes; assigning it makes it a plain data property), the keys come
 * in the same order, the prototype is Object.prototype, and the deferred computation sits under a non-enumerable
 * symbol that listings, copies, JSON and comparisons do not see. (A getter written in each object literal made every
 * value a slow dictionary object, and cost more than the division it deferred.)
 */
type Built = Omit<ModelValue, 'metric' | 'period' | 'currency'>;

const FIGURE = Symbol('figure');

const DEFERRED: PropertyDescriptor = {
  get(this: { [FIGURE]: () => Decimal }) {
    return this[FIGURE]();
  },
  set(this: object, value: Decimal) {
    Object.defineProperty(this, 'value', { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};

function defer(target: object, figure: () => Decimal): void {
  Object.defineProperty(target, 'value', DEFERRED);
  Object.defineProperty(target, FIGURE, { value: figure });
}

/** A function that computes once and then returns the same figure. */
export function once(compute: () => Decimal): () => Decimal {
  let v: Decimal | undefined;
  return () => (v ??= compute());
}

// Constructors whose instances are plain objects (prototype Object.prototype): `new` gives each kind one shape.
type Ctor<A extends unknown[]> = new (...args: A) => Built;
function plainConstructor<A extends unknown[]>(f: (this: Built, ...args: A) => void): Ctor<A> {
  f.prototype = Object.prototype;
  return f as unknown as Ctor<A>;
}

/** A US$ figure translated from an RMB value: keys value, origin, formula, rule, facts. */
export const TranslatedValue = plainConstructor(function (this: Built, figure: () => Decimal, formula: string | undefined, rule: string, facts: Fact[]) {
  defer(this, figure);
  this.origin = 'translated';
  this.formula = formula;
  this.rule = rule;
  this.facts = facts;
});

/** A figure computed from other metrics: keys value, origin, formula, facts. */
export const ComputedValue = plainConstructor(function (this: Built, figure: () => Decimal, formula: string, facts: Fact[]) {
  defer(this, figure);
  this.origin = 'computed';
  this.formula = formula;
  this.facts = facts;
});

/** A sign-neutral id's value: the very figure (the same Decimal) of the value it names, read when first asked for. */
export const AliasValue = plainConstructor(function (this: Built, v: ModelValue) {
  defer(this, () => v.value);
  this.origin = v.origin;
  this.formula = v.formula;
  this.rule = v.rule;
  this.facts = v.facts;
  this.roundedTo = v.roundedTo;
});
