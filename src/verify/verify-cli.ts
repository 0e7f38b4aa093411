// The `kport verify` command and `kport rewrite --verify`: run the verifier,
// print its diagnostics like every other command, and return the exit code.
import { rmSync } from 'node:fs';
import { UsageError } from '../engine/errors.ts';
import type { Format } from '../outputs/diagnostics.ts';
import { formatDiagnostics } from '../outputs/formats/index.ts';
import type { ProfileId } from '../kernel-api/profiles.ts';
import { rewrite, type RewriteOptions } from '../cli/run.ts';
import type { Diagnostic } from '../engine/types.ts';
import { planUnits } from '../crate/discover.ts';
import { materialize, materializedPaths, verifyKdir, verifyPaths } from './verify.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

function print(io: Io, ds: Diagnostic[], sources: Map<string, string>, format: Format, color: boolean): void {
  // Machine formats go to stdout, human text to stderr, as before.
  const text = formatDiagnostics(format, { diagnostics: ds, sources, color });
  if (format === 'human') {
    if (text) io.stderr(text);
  } else io.stdout(text);
}

/**
 * rustc's warnings as the run wants them: left out, printed as warnings
 * (`--warnings`), or printed as errors (`--werror`, as a kernel built with
 * `CONFIG_WERROR=y` passes `-Dwarnings`).
 */
export function withWarnings(errors: Diagnostic[], warnings: Diagnostic[], opts: { warnings?: boolean; werror?: boolean }): Diagnostic[] {
  if (opts.werror) return [...errors, ...warnings.map((w) => ({ ...w, severity: 'error' as const }))];
  if (opts.warnings) return [...errors, ...warnings];
  return errors;
}

/** `kport verify`: 0 type-checks, 1 rustc (or the kernel build) reports errors; UsageError (exit 2) otherwise. */
export function runVerify(opts: { paths: string[]; profile: ProfileId; kdir?: string; warnings?: boolean; werror?: boolean }, io: Io, format: Format, color: boolean): number {
  if (opts.kdir) {
    if (opts.paths.length !== 1) throw new UsageError('--kdir takes one module folder');
    const r = verifyKdir(opts.paths[0], opts.kdir);
    print(io, r.diagnostics, new Map(), format, color);
    if (r.code !== 0 && r.diagnostics.length === 0) io.stderr(r.log.split('\n').slice(-20).join('\n') + '\n');
    io.stderr(r.code === 0 ? 'kport verify: the kernel build succeeded\n' : 'kport verify: the kernel build failed\n');
    return r.code === 0 ? 0 : 1;
  }
  const r = verifyPaths(opts.paths, { profile: opts.profile });
  const shown = withWarnings(r.diagnostics, r.warningDiagnostics, opts);
  print(io, shown, r.sources, format, color);
  const n = shown.filter((d) => d.severity === 'error').length;
  const kernelLints = r.warningDiagnostics.filter((d) => d.code === 'K0804').length;
  const hint = `${kernelLints ? `, ${kernelLints} from the kernel's own lints (K0804: a CONFIG_WERROR=y kernel fails on them)` : ''}${opts.warnings || opts.werror ? '' : '; --warnings shows them'}`;
  io.stderr(
    n === 0
      ? `kport verify: ${r.roots.join(', ')} type-check against the ${opts.profile} kernel API${r.warnings ? ` (${r.warnings} rustc warning(s)${hint})` : ''}\n`
      : `kport verify: ${n} error(s) against the ${opts.profile} kernel API${opts.werror && r.warnings ? ` (${r.warnings} of them rustc warnings, --werror)` : ''}\n`,
  );
  return n === 0 ? 0 : 1;
}

/**
 * `kport rewrite --verify`: port in memory, write the result to a temporary
 * folder, and type-check it there. Returns 0 when the caller may go on and
 * write; 1 (errors printed) when it must not.
 */
export function verifyBeforeWrite(common: Omit<RewriteOptions, 'mode'>, io: Io, format: Format, color: boolean, kdir?: string): number {
  const result = rewrite({ ...common, mode: 'report' });
  const dir = materialize(result);
  // At a workspace root the ported crates are the chosen members, not the root.
  const inputs = common.package !== undefined || common.workspace ? planUnits(common.paths, common).map((p) => p.abs) : common.paths;
  try {
    if (kdir) {
      for (const p of materializedPaths(result, dir, inputs)) {
        const k = verifyKdir(p, kdir);
        if (k.code === 0) continue;
        print(io, k.diagnostics, new Map(), format, color);
        if (k.diagnostics.length === 0) io.stderr(k.log.split('\n').slice(-20).join('\n') + '\n');
        io.stderr('kport: the port does not build with the kernel tree given by --kdir; nothing written\n');
        return 1;
      }
      return 0;
    }
    const r = verifyPaths(materializedPaths(result, dir, inputs), { profile: common.profile });
    if (r.diagnostics.length === 0) return 0;
    print(io, r.diagnostics, r.sources, format, color);
    io.stderr(`kport: the port does not type-check against the ${common.profile} kernel API (${r.diagnostics.length} error(s)); nothing written\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
