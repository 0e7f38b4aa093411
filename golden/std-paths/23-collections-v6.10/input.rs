use std::collections::{BTreeMap, VecDeque};

fn f() -> BTreeMap<u8, VecDeque<u8>> { BTreeMap::new() }
