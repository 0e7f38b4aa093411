// time-api: the queries it declares (the engine runs them on the file's tree;
// the parts read them with ctx.matches). Macro arguments parsed as code are
// trees of their own: there the parts run the same sources themselves
// (regionMatches, src/analysis/macroargs.ts).
export const FLOAT_METHODS = ['as_secs_f64', 'as_secs_f32', 'as_millis_f64', 'as_millis_f32', 'mul_f64', 'mul_f32', 'div_f64', 'div_f32', 'div_duration_f64', 'div_duration_f32'];
const FLOAT_CTORS = ['from_secs_f64', 'from_secs_f32', 'try_from_secs_f64', 'try_from_secs_f32'];

/** Calls of a plain or qualified name: `sleep(..)` and its aliases are picked out by name. */
const CALLS = '(call_expression function: [(identifier) (scoped_identifier)] @f) @call';
const WALL = '((identifier) @id (#match? @id "^(SystemTime|UNIX_EPOCH)$")) ((type_identifier) @id (#eq? @id "SystemTime"))';
const FLOATS = `(call_expression function: (field_expression field: (field_identifier) @m (#match? @m "^(${FLOAT_METHODS.join('|')})$"))) @call
    (call_expression function: (scoped_identifier path: (_) @ty name: (identifier) @m (#match? @m "^(${FLOAT_CTORS.join('|')})$"))) @call`;
/** Every identifier: the occurrences of a name are picked out by text. */
const IDENTS = '(identifier) @id';
/** Type names (Duration's aliases are picked out by name), then `x::Duration`. */
const DURATION_TYPES = '(type_identifier) @t ((scoped_type_identifier name: (type_identifier) @n (#eq? @n "Duration")) @t)';
const USES = '(use_declaration argument: (_) @arg) @use';

export const QUERIES = {
  calls: CALLS,
  wall: WALL,
  floats: FLOATS,
  idents: IDENTS,
  durationTypes: DURATION_TYPES,
  uses: USES,
  fnNames: '(function_item name: (identifier) @n)',
  fields: '(field_declaration name: (field_identifier) @n type: (_) @t)',
  fieldPatterns: '(field_pattern) @p',
};
