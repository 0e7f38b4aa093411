// check-std-api: the rows of the std-only table (src/kernel-api/std-only.ts) by
// kind, and the queries the pass runs on the file's tree (declared: Transform.queries).
import { METHOD_NAMES, STD_ONLY, type ChainRow, type MethodRow, type OperatorRow, type PathRow } from '../../src/kernel-api/std-only.ts';

export const ROWS_BY_NAME = new Map<string, MethodRow[]>();
for (const r of STD_ONLY) if (r.kind === 'method') ROWS_BY_NAME.set(r.name, [...(ROWS_BY_NAME.get(r.name) ?? []), r]);
export const CHAINS = STD_ONLY.filter((r): r is ChainRow => r.kind === 'chain');
export const OPERATORS = STD_ONLY.filter((r): r is OperatorRow => r.kind === 'operator');
export const PATHS = new Map(STD_ONLY.filter((r): r is PathRow => r.kind === 'path').map((r) => [r.path, r]));

export const METHOD_CALLS = `(call_expression
  function: (field_expression value: (_) @recv field: (field_identifier) @name (#match? @name "^(${METHOD_NAMES.join('|')})$"))
  arguments: (arguments) @args) @call`;
export const OPERATOR_EXPRS = `
  (binary_expression left: (_) @left operator: "+") @op
  (compound_assignment_expr left: (_) @left operator: "+=") @op`;
export const PATH_EXPRS = `(scoped_identifier path: (identifier) @t name: (identifier) @n (#match? @t "^(${[...new Set([...PATHS.keys()].map((p) => p.split('::')[0]))].join('|')})$")) @path`;
export const USES = '(use_declaration argument: (_) @arg) @use';
/** The pass's declared queries by name: those it asks of every region (`regionMatches`), and the file's `use`s. */
export const REGION_QUERIES = { methodCalls: METHOD_CALLS, operatorExprs: OPERATOR_EXPRS, pathExprs: PATH_EXPRS };
export const QUERIES = { ...REGION_QUERIES, uses: USES };
