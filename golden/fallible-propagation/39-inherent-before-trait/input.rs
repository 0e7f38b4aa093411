// `Dog::names()` is Dog's own `names` when Dog has one: Rust looks up inherent
// functions before trait ones. Only that one allocates, so only its callers
// change; `<Dog as Animal>::names()` is the trait's and stays as it is.
trait Animal {
    fn names() -> Vec<u8>;
}

struct Dog;

impl Dog {
    fn names() -> Vec<u8> {
        let mut v = Vec::new();
        v.push(2);
        v
    }
}

impl Animal for Dog {
    fn names() -> Vec<u8> {
        Vec::new()
    }
}

fn first() -> usize {
    Dog::names().len()
}

fn second() -> usize {
    <Dog as Animal>::names().len()
}
