import { runShard } from '../support/mutation-shard';

// Mutation testing of the release gate (see test/support/mutation.ts): digits of table cells.
runShard(['table_digit']);
