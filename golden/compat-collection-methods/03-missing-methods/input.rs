use std::collections::{BTreeMap, HashSet, VecDeque};

fn tidy(m: &mut BTreeMap<u8, u8>, s: &HashSet<u8>, q: &mut VecDeque<u8>) {
    m.retain(|_, v| *v > 0);
    let first = m[&0];
    for (k, v) in m.iter().rev() {
        println!("{} {}", k, v);
    }
    let both: Vec<&u8> = s.intersection(s).collect();
    q.extend([1, 2]);
    let _ = (first, both);
}
