// The kernel's clock and sleep API, per kernel API profile, as data: the
// time-api transform only reads these fields. A form is listed for a profile
// only when it exists, with the same signature, on every release of the
// profile's range; otherwise the profile has no form and the help says which
// releases have what. docs/profiles.md ("Time API") is the human-readable form
// with the commits each boundary comes from.
//
// Kernel history (rust/kernel/time.rs, rust/kernel/time/delay.rs):
// - 6.9: `kernel::time` with jiffies only (`Jiffies`, `msecs_to_jiffies`; 82e170874849).
// - 6.10: `pub struct Ktime` (Copy, Clone) with `Ktime::ktime_get() -> Ktime`
//   (CLOCK_MONOTONIC), `to_ns(self) -> i64`, `to_ms(self) -> i64`,
//   `Sub for Ktime` (Output = Ktime) and `ktime_ms_delta(later, earlier) -> i64`
//   ("rust: time: Add Ktime", Alice Ryhl, tip timers/core 2024-04-11).
// - 6.16: `Ktime` replaced by `Instant` (`now()`, `elapsed(&self) -> Delta`,
//   `Sub` → `Delta`) and `Delta` (`from_secs/millis/micros(i64)`, `as_nanos`,
//   `as_millis`, `as_micros_ceil` → i64, `is_zero`, `is_negative`), FUJITA
//   Tomonori, "[GIT PULL] Rust for 6.16" ("Replace 'Ktime' with 'Delta' and
//   'Instant' types").
// - 6.17: `Instant<C: ClockSource>` generic over `Monotonic`, `RealTime`,
//   `BootTime`, `Tai` ("rust: time: Make Instant generic over ClockSource") and
//   `time::delay::fsleep(delta: Delta)` ("rust: time: Add wrapper for fsleep()
//   function"), both in "[GIT PULL] Rust for 6.17".
// - 6.18: `Add`, `Sub`, `AddAssign`, `SubAssign`, `Mul<i64>`, `Div` for
//   `Delta` and `Instant<C> ± Delta` (Lyude Paul, "rust: time: Implement basic
//   arithmetic operations for Delta", rust-timekeeping for 6.18).
// - mainline (7.3 merge window): `Delta<U: TimeUnit = Nsec>` with `from_nanos`
//   and `as_millis_ceil` ("Merge tag 'rust-7.3'", d24f5cdbeff8).
// No `as_secs`, `as_micros` or `subsec_*` (checked in the mainline rust/kernel/time.rs).
import type { ProfileId } from './profiles.ts';

/** Diagnostic codes of the time-api transform (K11xx). */
export const TIME_CODES = {
  noClock: 'K1101',
  noSleep: 'K1102',
  float: 'K1103',
  wallClock: 'K1104',
  instantUse: 'K1105',
  sleepArg: 'K1106',
} as const;

export interface ClockApi {
  /** `Instant::now()` becomes this (names relative to `kernel::time`). */
  now: string;
  /** Names `now` uses, imported from `kernel::time`. */
  nowNames: string[];
  /** How `t.elapsed()` is written (`{t}` is the receiver); absent: unchanged. */
  elapsed?: string;
  /** Duration methods on a span (elapsed time, difference) → the kernel method; the kernel's return `i64`. */
  methods: Readonly<Record<string, string>>;
  /** Methods whose result keeps its std type (`is_zero` → bool). */
  sameType: readonly string[];
  /** The span type and which `Duration::from_*` constructors it has with the same unit (arguments `i64`). */
  span?: { name: string; ctors: readonly string[] };
  /**
   * The kernel type a std `Instant` written as a type (a struct field, a
   * parameter, a return type, a `let` annotation) becomes, when the file's
   * uses of it all convert; absent: such a type is reported (K1105).
   */
  instantType?: string;
  /** What the kernel type of an elapsed time is called, for messages. */
  spanTypeName: string;
  source: string;
}

export interface SleepApi {
  /** Path under `kernel::time` of the function that sleeps for a span. */
  fn: string;
  /** The name imported (`delay::fsleep` → `fsleep`). */
  name: string;
  source: string;
}

export interface TimeApi {
  clock?: ClockApi;
  sleep?: SleepApi;
  /** Help when the profile has no clock form (precise per release). */
  clockHelp: string;
  /** Help when the profile has no sleep form. */
  sleepHelp: string;
  /** Help for wall-clock time (SystemTime, UNIX_EPOCH). */
  wallHelp: string;
}

const TIME_RS = 'rust/kernel/time.rs';

const MAINLINE: TimeApi = {
  clock: {
    now: 'Instant::<Monotonic>::now()',
    nowNames: ['Instant', 'Monotonic'],
    methods: { as_millis: 'as_millis', as_nanos: 'as_nanos' },
    sameType: ['is_zero'],
    span: { name: 'Delta', ctors: ['from_secs', 'from_millis', 'from_micros'] },
    // `pub struct Instant<C: ClockSource>` derives only PartialEq, PartialOrd,
    // Eq, Ord (bounded on C) and implements Clone and Copy by hand (rust/kernel/time.rs).
    instantType: 'Instant<Monotonic>',
    spanTypeName: '`kernel::time::Delta`',
    source: `${TIME_RS} (Instant<C: ClockSource>, Monotonic, Delta; 6.17+, Delta arithmetic 6.18+)`,
  },
  sleep: { fn: 'delay::fsleep', name: 'fsleep', source: 'rust/kernel/time/delay.rs (6.17+)' },
  clockHelp: '',
  sleepHelp: '',
  wallHelp:
    'the kernel has no calendar time for modules to format; a wall-clock timestamp is `kernel::time::Instant::<kernel::time::RealTime>::now()` (rust/kernel/time.rs), but it is a raw `ktime_t`, not seconds since the epoch: use `Instant<Monotonic>` to measure time',
};

const NO_SLEEP_BEFORE_6_17 =
  'the kernel Rust API has no sleep function before 6.17 (`kernel::time::delay::fsleep(Delta)`, rust/kernel/time/delay.rs): use `--profile v6.17` (or later) for 6.17 and later, or restructure the wait as a timer or a (delayed, 6.17) work item (`kernel::workqueue`)';

/** 6.15-6.16: `Ktime` on 6.15, the non-generic `Instant` on 6.16: no one clock form. */
const V6_15: TimeApi = {
  clockHelp:
    'no clock type spans 6.15-6.16: 6.15 has `kernel::time::Ktime::ktime_get()` (`to_ms()`, `to_ns()`), 6.16 has `kernel::time::Instant::now()` and `Delta` (rust/kernel/time.rs); pick your release and write that form, or use `--profile v6.17` for 6.17 and later',
  sleepHelp: NO_SLEEP_BEFORE_6_17,
  wallHelp: 'the kernel has no calendar time for modules to format; measure time with the monotonic clock (`Ktime` on 6.15, `Instant` on 6.16; rust/kernel/time.rs)',
};

const V6_10: TimeApi = {
  clock: {
    now: 'Ktime::ktime_get()',
    nowNames: ['Ktime'],
    elapsed: '(Ktime::ktime_get() - {t})',
    methods: { as_millis: 'to_ms', as_nanos: 'to_ns' },
    sameType: [],
    spanTypeName: '`kernel::time::Ktime`',
    source: `${TIME_RS} (Ktime, 6.10-6.15)`,
  },
  clockHelp: '',
  sleepHelp: NO_SLEEP_BEFORE_6_17,
  wallHelp: 'the kernel has no calendar time for modules to format; measure time with `kernel::time::Ktime::ktime_get()` (CLOCK_MONOTONIC, rust/kernel/time.rs)',
};

const V6_1: TimeApi = {
  clockHelp:
    'the kernel Rust API has no clock type before 6.10 (`kernel::time::Ktime`, rust/kernel/time.rs); 6.9 has only jiffies (`kernel::time::msecs_to_jiffies`): use `--profile v6.10` or later, or call the C API through `kernel::bindings`',
  sleepHelp: NO_SLEEP_BEFORE_6_17,
  wallHelp: 'the kernel has no calendar time for modules to format, and this profile has no Rust clock type (`kernel::time::Ktime` arrived in 6.10)',
};

/** The 7.3 tree: `Delta::from_nanos` is in the file (rust/kernel/time.rs at d481d999967d). */
const MAINLINE_7_3: TimeApi = {
  ...MAINLINE,
  clock: { ...MAINLINE.clock!, span: { name: 'Delta', ctors: ['from_secs', 'from_millis', 'from_micros', 'from_nanos'] }, source: `${TIME_RS} (Instant<C: ClockSource>, Monotonic, Delta; 6.17+, Delta arithmetic 6.18+, Delta::from_nanos in the 7.3 tree)` },
};

export const TIME_API: Record<ProfileId, TimeApi> = {
  mainline: MAINLINE_7_3,
  // 6.19-7.2 and 6.17-6.18 have the same forms: `Instant<Monotonic>`, `Delta::from_*`,
  // `fsleep` (6.17); nothing kport writes needs 6.18's Delta arithmetic.
  'v6.19': MAINLINE,
  'v6.17': MAINLINE,
  'v6.15': V6_15,
  // 6.13-6.14 are inside Ktime's 6.10-6.15.
  'v6.13': V6_10,
  'v6.10': V6_10,
  'v6.1': V6_1,
};
