use std::assert_eq;
use std::{f64::consts::PI, format};

fn m() -> KVec<KVec<f64>> {
    let a = vec![vec![0.0, std::f64::consts::E], vec![std::f32::consts::PI as f64]];
    assert_eq!(a.len(), 2);
    let _ = std::i32::MAX;
    a
}

#[cfg(not(test))]
use std::env;
use std::panic;
