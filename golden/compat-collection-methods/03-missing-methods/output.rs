
fn tidy(m: &mut Map<u8, u8>, s: &Set<u8>, q: &mut Deque<u8>) {
    m.retain(|_, v| *v > 0);
    let first = m[&0];
    for (k, v) in m.iter().rev() {
        println!("{} {}", k, v);
    }
    let both: Vec<&u8> = s.intersection(s).collect();
    q.extend([1, 2]);
    let _ = (first, both);
}
