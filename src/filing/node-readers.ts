import type { FormReaders } from './read-input';

/** The form readers of the Node build (CLI, tests, benches). Filled in as forms are supported. */
export const nodeFormReaders: FormReaders = {};
