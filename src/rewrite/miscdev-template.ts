// The generated `miscdev.rs` of `--io miscdev`: templates/miscdev.rs with the
// device name (`kport_device` in the template) and the line-ending choice filled
// in (the contract is the template's own header; docs/transforms/io-miscdev.md). The template is kport's own file, read once per process.
import { readFileSync } from 'node:fs';
import { assetPath } from '../engine/assets.ts';

let template: string | undefined;

function load(): string {
  template ??= readFileSync(assetPath('templates', 'miscdev.rs'), 'utf8');
  return template;
}

/** The contents of `miscdev.rs` for module `name`; `keepNewline` for the `read_line` loop shape. */
export function miscdevFile(name: string, keepNewline: boolean): string {
  let t = load().replaceAll('kport_device', name);
  if (keepNewline) t = t.replace('const KEEP_NEWLINE: bool = false;', 'const KEEP_NEWLINE: bool = true;');
  return t;
}
