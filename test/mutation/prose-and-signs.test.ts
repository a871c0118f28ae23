import { runShard } from '../support/mutation-shard';

// Mutation testing of the release gate (see test/support/mutation.ts): prose digits, signs, parentheses dropped.
runShard(['prose_digit', 'sign', 'parens_dropped']);
