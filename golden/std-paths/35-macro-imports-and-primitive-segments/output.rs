use core::assert_eq;
use core::f64::consts::PI;
use std::format;

fn m() -> KVec<KVec<f64>> {
    let a = vec![vec![0.0, core::f64::consts::E], vec![core::f32::consts::PI as f64]];
    assert_eq!(a.len(), 2);
    let _ = core::i32::MAX;
    a
}

#[cfg(not(test))]
use std::env;
use core::panic;
