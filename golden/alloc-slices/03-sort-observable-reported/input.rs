struct P {
    age: u32,
    name: u8,
}

fn f(people: &mut Vec<P>, xs: &mut Vec<u32>) {
    people.sort_by_key(|p| p.age);
    people.sort_by(|a, b| a.age.cmp(&b.age));
    xs.sort_by_key(|x| *x % 10);
    xs.sort_by_cached_key(|x| x.count_ones());
}
