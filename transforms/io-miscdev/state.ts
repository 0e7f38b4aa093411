// io-miscdev: state typing. The locals the loop keeps between lines become
// `Session` fields, each with its type written (K1011, K1012).
import type { SyntaxNode } from '../../src/engine/types.ts';
import { Port, type Binding, type InputLoop, type StateVar } from './port.ts';
import { capturesIn, isValueUse, letName, named, patternNames } from './syntax.ts';


const STD_GENERIC = new Set(['Vec', 'VecDeque', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'BinaryHeap', 'LinkedList', 'Box', 'Option', 'Result', 'Rc', 'Arc', 'RefCell', 'Cell', 'Mutex', 'KVec', 'KBox']);
const INT_SUFFIX = /(i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize)$/;
const FLOAT_SUFFIX = /(f32|f64)$/;

/** The locals declared before the loop that the loop or the code after it uses, with their types (K1011 when one cannot be a field, K1012 when its type is a literal's default). */
export function collectState(port: Port, loop: InputLoop, bindings: Binding[]): StateVar[] | undefined {
  const stmts = named(port.body);
  const at = stmts.findIndex((s) => s.id === loop.stmt.id);
  const before = stmts.slice(0, at);
  const decls = new Map<string, SyntaxNode>();
  for (const s of before) {
    if (s.type !== 'let_declaration' || bindings.some((b) => b.stmt.id === s.id)) continue;
    const pat = s.childForFieldName('pattern');
    if (!pat) continue;
    for (const n of patternNames(pat)) decls.set(n.text, s);
  }
  const used = new Set<string>();
  for (const c of capturesIn(port.ctx, 'ident', port.body)) {
    if (c.node.startIndex >= loop.stmt.startIndex && decls.has(c.node.text) && isValueUse(c.node)) used.add(c.node.text);
  }
  const state: StateVar[] = [];
  let failed = false;
  for (const [name, decl] of decls) {
    if (!used.has(name)) continue;
    if (letName(decl) !== name) {
      port.report('K1011', decl, `\`${name}\` is state of the input loop, but it is bound by a pattern: \`struct Session\` needs one field per name`, `bind it alone (\`let ${name}: Type = ..;\`) and run \`--io miscdev\` again`);
      failed = true;
      continue;
    }
    const t = typeOf(port, decl);
    if (!t) {
      port.report('K1011', decl, `the type of \`${name}\` cannot be known from its \`let\`: it becomes a field of \`struct Session\`, which needs the type written`, `annotate the let (\`let ${/\bmut\b/.test(decl.text.slice(0, 12)) ? 'mut ' : ''}${name}: Type = ..;\`) and run \`--io miscdev\` again`);
      failed = true;
      continue;
    }
    if (t.note) port.ctx.report({ code: 'K1012', node: decl, message: `\`${name}\` becomes a \`Session\` field of type \`${t.type}\`: ${t.note}`, help: `if the program meant another type, annotate the let (\`${name}: Type\`)` });
    state.push({ name, type: t.type, decl });
  }
  return failed ? undefined : state.sort((a, b) => a.decl.startIndex - b.decl.startIndex || 0);
}

function typeOf(port: Port, decl: SyntaxNode): { type: string; note?: string } | undefined {
  const t = decl.childForFieldName('type');
  if (t) {
    if (/(^|[^'])\b_\b/.test(t.text) || /\bimpl\b/.test(t.text) || /&(?!\s*'static)/.test(t.text)) return undefined;
    return { type: t.text };
  }
  let v = decl.childForFieldName('value');
  if (!v) return undefined;
  if (v.type === 'unary_expression' && v.text.startsWith('-')) v = named(v)[0];
  switch (v.type) {
    case 'integer_literal': {
      const m = INT_SUFFIX.exec(v.text);
      return m ? { type: m[1] } : { type: 'i32', note: "an integer literal without a suffix is Rust's default `i32` unless the code around it says otherwise" };
    }
    case 'float_literal': {
      const m = FLOAT_SUFFIX.exec(v.text);
      return m ? { type: m[1] } : { type: 'f64', note: "a float literal without a suffix is Rust's default `f64`" };
    }
    case 'boolean_literal':
      return { type: 'bool' };
    case 'char_literal':
      return { type: 'char' };
    case 'string_literal':
    case 'raw_string_literal':
      return { type: "&'static str" };
    case 'struct_expression': {
      const n = v.childForFieldName('name')!.text;
      return port.generic().has(n) ? undefined : { type: n };
    }
    case 'call_expression': {
      const f = v.childForFieldName('function')!;
      if (f.type === 'identifier') return fnReturn(port, undefined, f.text);
      if (f.type === 'scoped_identifier') {
        const path = f.childForFieldName('path');
        const name = f.childForFieldName('name')!.text;
        if (!path) return undefined;
        // `Vec::<u8>::new()` → `Vec<u8>`.
        const ty = path.type === 'generic_type' ? path.text.replace(/::</, '<') : path.text;
        const base = ty.replace(/<.*$/s, '');
        const own = fnReturn(port, base, name);
        if (own) return own;
        if (!['new', 'from', 'default'].includes(name)) return undefined;
        if (!ty.includes('<') && (STD_GENERIC.has(base) || port.generic().has(base))) return undefined;
        if (!/^[A-Z]/.test(base.split('::').pop()!)) return undefined;
        return { type: ty };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The return type of the crate's `fn name` (free, or in `impl owner`), `Self` resolved. */
function fnReturn(port: Port, owner: string | undefined, name: string): { type: string } | undefined {
  const found: string[] = [];
  for (const f of port.cc.files) {
    if (owner) {
      for (const m of f.matches('implFns')) {
        const t = m.captures.find((c) => c.name === 't')!.node;
        const fnNode = m.captures.find((c) => c.name === 'f')!.node;
        if (t.text !== owner || m.captures.find((c) => c.name === 'n')!.node.text !== name) continue;
        const rt = fnNode.childForFieldName('return_type');
        found.push(rt ? rt.text.replace(/\bSelf\b/g, owner) : '()');
      }
    } else {
      for (const c of f.tree.rootNode.namedChildren) {
        if (c.type !== 'function_item' || c.childForFieldName('name')?.text !== name) continue;
        const rt = c.childForFieldName('return_type');
        found.push(rt ? rt.text : '()');
      }
    }
  }
  if (found.length !== 1 || /\bimpl\b|&(?!\s*'static)/.test(found[0])) return undefined;
  return { type: found[0] };
}
