import { runShard } from '../support/mutation-shard';

// Mutation testing of the release gate (see test/support/mutation.ts): cells and rows swapped, header years.
runShard(['cells_swapped', 'rows_swapped', 'header_year']);
