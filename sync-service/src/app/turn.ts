// The loop's turn lives below every layer (src/turn.ts), so the store's long passes can take it too.
export { turn } from '../turn.ts';
