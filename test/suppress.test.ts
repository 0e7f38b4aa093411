// Suppression: `// kport-allow:` comments, `allow(kport::..)` attributes and
// `[package.metadata.kport] allow` in Cargo.toml.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/cli/api.ts';
import { kport, tempDir } from './helpers.ts';

const codes = (src: string, crate = {}) => runText(src, { transforms: ['check-panics', 'check-static-mut'], crate }).diagnostics.map((d) => `${d.start.line}:${d.code}`);

describe('suppression', () => {
  it('a kport-allow comment on the line, or alone on the line above', () => {
    const src = `fn f(v: Option<u8>) -> u8 {
    let a = v.unwrap(); // kport-allow: K0601
    // kport-allow: K0601, K0602
    let b = v.expect("x");
    let c = v.unwrap();
    // kport-allow: K0602
    let d = v.unwrap();
    a + b + c + d
}
`;
    expect(codes(src)).toEqual(['5:K0601', '7:K0601']);
  });

  it('an allow(kport::..) attribute covers its item; cfg_attr forms compile', () => {
    const src = `#[cfg_attr(any(), allow(kport::K0601))]
fn a(v: Option<u8>) -> u8 {
    v.unwrap()
}

#[cfg_attr(kport, allow(kport::K0650))]
static mut X: u8 = 0;

#[allow(dead_code)]
#[allow(kport::K0601, kport::K0602)]
fn b(v: Option<u8>) -> u8 {
    if v.is_none() {
        panic!("none");
    }
    v.unwrap()
}

fn c(v: Option<u8>) -> u8 {
    v.unwrap()
}
`;
    expect(codes(src)).toEqual(['19:K0601']);
  });

  it('an inner attribute covers the whole file', () => {
    const src = `#![cfg_attr(any(), allow(kport::K0601))]
fn a(v: Option<u8>) -> u8 {
    v.unwrap()
}
static mut X: u8 = 0;
`;
    expect(codes(src)).toEqual(['5:K0650']);
  });

  it('the crate allow list in [package.metadata.kport]', async () => {
    expect(codes('static mut X: u8 = 0;\nfn f(v: Option<u8>) { v.unwrap(); }\n', { metadata: { allow: ['K0650'] } })).toEqual(['2:K0601']);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "demo"\nversion = "0.1.0"\n\n[package.metadata.kport]\nallow = ["K0601", "K0650"]\n');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'main.rs'), 'static mut X: u8 = 0;\nfn main() {\n    let v: Option<u8> = None;\n    v.unwrap();\n    todo!();\n}\n');
    const r = await kport(['check', '--format', 'json', dir]);
    // (the module-entry note about fn main is not a finding)
    expect(JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity !== 'note').map((d: { code: string }) => d.code)).toEqual(['K0602']);
  });

  it('a code in a string or a comment about something else suppresses nothing', () => {
    const src = `fn f(v: Option<u8>) -> u8 {
    let _s = "kport-allow: K0601";
    v.unwrap() // see K0601
}
`;
    expect(codes(src)).toEqual(['3:K0601']);
  });
});
