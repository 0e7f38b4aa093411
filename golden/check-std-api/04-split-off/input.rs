fn halves(v: &mut Vec<u8>, bytes: &[u8]) -> usize {
    let tail = v.split_off(v.len() / 2);
    let copy = bytes.to_owned();
    tail.len() + copy.len()
}
