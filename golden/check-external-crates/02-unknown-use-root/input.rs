use itertools::Itertools;
extern crate regex;

fn joined(v: &[u32]) -> usize {
    v.iter().join(",").len()
}
