// A declared query comes back as its matches on the file's root
// (`ctx.matches(name)`). What a query run directly used to give, read from
// those matches: the captures in tree-sitter's order (`capturesOf`), the
// matches under a node (`matchesUnder`, `MatchIndex` for many nodes). They
// live with the engine's query machinery, which answers the shared analyses'
// queries the same way (src/engine/queries.ts).
export { capturesOf, capturesUnder, matchesUnder, MatchIndex, within, type QueryCapture } from '../engine/queries.ts';
