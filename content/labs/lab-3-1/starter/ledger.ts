// The ledger is the same file as in the kit (kit/src/ledger.ts); this lets the starters type-check.
export { charge, wasCharged } from '../kit/src/ledger.ts';
