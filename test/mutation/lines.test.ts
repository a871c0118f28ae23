import { runShard } from '../support/mutation-shard';

// Mutation testing of the release gate (see test/support/mutation.ts): lines deleted or duplicated, the text truncated.
runShard(['line_deleted', 'line_duplicated', 'truncated']);
