use std::cmp::Reverse;

struct Person {
    name: String,
    age: u32,
}

fn order(people: &mut Vec<Person>, pairs: &mut [(u32, char)], names: &mut Vec<&str>) {
    people.sort_by(|a, b| b.age.cmp(&a.age));
    people.sort_by_key(|p| Reverse(p.name.len()));
    pairs.sort();
    names.sort();
}

fn main() {}
