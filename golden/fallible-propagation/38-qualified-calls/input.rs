// A qualified call (`<Dog as Animal>::names()`, `<Dog>::count()`) reaches the
// trait's method (its impls change together) or the type's: it gets its `?`,
// in code and in a macro's arguments alike.
trait Animal {
    fn names() -> Vec<u8>;
}

struct Dog;

impl Animal for Dog {
    fn names() -> Vec<u8> {
        let mut v = Vec::new();
        v.push(1);
        v
    }
}

impl Dog {
    fn count() -> usize {
        <Dog as Animal>::names().len()
    }
}

fn total() -> usize {
    let n = <Dog>::count();
    pr_info!("{} {}\n", <Dog as Animal>::names().len(), <Dog as crate::Animal>::names().len());
    n
}
