import { lineIndent } from './remove-lines.ts';
// `use` trees as data: the leaves a declaration imports (in source order), and
// a renderer that copies a declaration keeping only some leaves, with its
// comments, attributes-free text and formatting otherwise as written.
import type { SyntaxNode } from '../engine/types.ts';

export interface UseLeaf {
  /** Full path from the tree's root: `use std::io::{self, Read}` gives ['std','io'] (self) and ['std','io','Read']. */
  segs: string[];
  kind: 'name' | 'self' | 'glob';
  alias?: string;
  /** The root segment was written `::root`. */
  global: boolean;
  /** The node that stands for the leaf (identifier, scoped_identifier, self, use_as_clause, use_wildcard). */
  node: SyntaxNode;
}

const COMMENT = new Set(['line_comment', 'block_comment']);

/** Segments of a plain path node (`a`, `a::b`, `::a::b`, `self`, `crate`). */
export function pathSegs(n: SyntaxNode): { segs: string[]; global: boolean } {
  if (n.type === 'scoped_identifier' || n.type === 'scoped_type_identifier') {
    const p = n.childForFieldName('path');
    const name = n.childForFieldName('name');
    const nameText = name ? name.text : '';
    if (!p) return { segs: [nameText], global: n.text.trimStart().startsWith('::') };
    const inner = pathSegs(p);
    return { segs: [...inner.segs, nameText], global: inner.global };
  }
  return { segs: [n.text], global: false };
}

export function useLeaves(arg: SyntaxNode): UseLeaf[] {
  const out: UseLeaf[] = [];
  const walk = (n: SyntaxNode, prefix: string[], global: boolean) => {
    switch (n.type) {
      case 'use_list':
        for (const c of n.namedChildren) if (!COMMENT.has(c.type)) walk(c, prefix, global);
        return;
      case 'scoped_use_list': {
        const p = n.childForFieldName('path');
        const list = n.childForFieldName('list');
        let segs = prefix;
        let g = global;
        if (p) {
          const ps = pathSegs(p);
          segs = [...prefix, ...ps.segs];
          if (prefix.length === 0) g = ps.global;
        } else if (prefix.length === 0 && n.text.trimStart().startsWith('::')) g = true;
        if (list) walk(list, segs, g);
        return;
      }
      case 'use_as_clause': {
        const p = n.childForFieldName('path')!;
        const ps = pathSegs(p);
        out.push({ segs: [...prefix, ...ps.segs], kind: 'name', alias: n.childForFieldName('alias')?.text, global: prefix.length ? global : ps.global, node: n });
        return;
      }
      case 'use_wildcard': {
        const p = n.namedChildren.find((c) => !COMMENT.has(c.type));
        const ps = p ? pathSegs(p) : { segs: [], global: false };
        out.push({ segs: [...prefix, ...ps.segs], kind: 'glob', global: prefix.length ? global : ps.global, node: n });
        return;
      }
      case 'self':
        if (prefix.length) {
          out.push({ segs: prefix, kind: 'self', global, node: n });
          return;
        }
      // fallthrough: `use self;` is a plain name
      default: {
        const ps = pathSegs(n);
        out.push({ segs: [...prefix, ...ps.segs], kind: 'name', global: prefix.length ? global : ps.global, node: n });
      }
    }
  };
  walk(arg, [], false);
  return out;
}

/**
 * The text of `decl` (a use_declaration) with only the leaves whose node ids
 * are in `keep`; a list left with one member and no comments loses its braces.
 * null when no leaf is kept. `text` is the whole file the node comes from.
 */
export function renderUse(text: string, decl: SyntaxNode, keep: ReadonlySet<number>): string | null {
  const arg = decl.childForFieldName('argument');
  if (!arg) return null;
  const r = renderNode(text, arg, keep);
  if (r === null) return null;
  return text.slice(decl.startIndex, arg.startIndex) + r + text.slice(arg.endIndex, decl.endIndex);
}

function renderNode(text: string, n: SyntaxNode, keep: ReadonlySet<number>): string | null {
  if (n.type === 'scoped_use_list') {
    const list = n.childForFieldName('list')!;
    const r = renderList(text, list, keep);
    if (r === null) return null;
    const head = text.slice(n.startIndex, list.startIndex);
    if (r.single !== undefined) {
      if (r.single === 'self') return head.replace(/::\s*$/, '');
      return head + r.single;
    }
    return head + r.text;
  }
  if (n.type === 'use_list') {
    const r = renderList(text, n, keep);
    if (r === null) return null;
    return r.text;
  }
  return keep.has(n.id) ? n.text : null;
}

interface Slot {
  member: SyntaxNode;
  lead: SyntaxNode[];
  trail: SyntaxNode[];
}

function renderList(text: string, list: SyntaxNode, keep: ReadonlySet<number>): { text: string; single?: string } | null {
  const slots: Slot[] = [];
  let pendingLead: SyntaxNode[] = [];
  for (const c of list.namedChildren) {
    if (COMMENT.has(c.type)) {
      const prev = slots[slots.length - 1];
      if (prev && c.startPosition.row === prev.member.endPosition.row) prev.trail.push(c);
      else pendingLead.push(c);
      continue;
    }
    slots.push({ member: c, lead: pendingLead, trail: [] });
    pendingLead = [];
  }
  if (pendingLead.length && slots.length) slots[slots.length - 1].trail.push(...pendingLead);
  const kept: { slot: Slot; text: string }[] = [];
  let changed = false;
  for (const s of slots) {
    const r = renderNode(text, s.member, keep);
    if (r === null) {
      changed = true;
      continue;
    }
    if (r !== s.member.text) changed = true;
    kept.push({ slot: s, text: r });
  }
  if (kept.length === 0) return null;
  if (!changed) return { text: list.text };
  const hasComments = kept.some((k) => k.slot.lead.length || k.slot.trail.length);
  if (kept.length === 1 && !hasComments) return { text: `{${kept[0].text}}`, single: kept[0].text };
  if (!list.text.includes('\n')) {
    const parts = kept.map((k) => [...k.slot.lead.map((c) => c.text), k.text, ...k.slot.trail.map((c) => c.text)].join(' '));
    return { text: `{${parts.join(', ')}}` };
  }
  const indent = lineIndent(text, slots[0].lead[0]?.startIndex ?? slots[0].member.startIndex);
  const close = lineIndent(text, list.endIndex - 1);
  let out = '{\n';
  for (const k of kept) {
    for (const c of k.slot.lead) out += `${indent}${c.text}\n`;
    out += `${indent}${k.text},${k.slot.trail.length ? ' ' + k.slot.trail.map((c) => c.text).join(' ') : ''}\n`;
  }
  return { text: out + close + '}' };
}

/**
 * The node in `arg` whose text is the first `k` segments of every leaf
 * (the place to substitute a shared prefix), or undefined when the prefix
 * is split across list members.
 */
export function prefixNode(arg: SyntaxNode, k: number): SyntaxNode | undefined {
  const down = (p: SyntaxNode): SyntaxNode | undefined => {
    let cur: SyntaxNode | null = p;
    let n = pathSegs(p).segs.length;
    if (n < k) return undefined;
    while (cur && n > k) {
      cur = cur.childForFieldName('path');
      n--;
    }
    return cur ?? undefined;
  };
  switch (arg.type) {
    case 'scoped_use_list': {
      const p = arg.childForFieldName('path');
      return p ? down(p) : undefined;
    }
    case 'use_as_clause':
      return down(arg.childForFieldName('path')!);
    case 'use_wildcard': {
      const p = arg.namedChildren.find((c) => !COMMENT.has(c.type));
      return p ? down(p) : undefined;
    }
    case 'use_list':
      return undefined;
    default:
      return down(arg);
  }
}
