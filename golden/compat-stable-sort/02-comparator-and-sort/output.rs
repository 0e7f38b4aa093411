use std::cmp::Reverse;

struct Person {
    name: String,
    age: u32,
}

fn order(people: &mut Vec<Person>, pairs: &mut [(u32, char)], names: &mut Vec<&str>) {
    people.stable_sort_by(|a, b| b.age.cmp(&a.age));
    people.stable_sort_by_key(|p| Reverse(p.name.len()));
    pairs.stable_sort();
    names.stable_sort();
}

fn main() {}
