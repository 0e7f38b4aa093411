fn edit(v: &mut Vec<u32>, w: &mut Vec<u32>) {
    v.insert(0, 1);
    v.extend(w.iter().copied());
    v.append(w);
    v.reserve_exact(10);
}
