// `Dog::names()` is Dog's own `names` when Dog has one: Rust looks up inherent
// functions before trait ones. Only that one allocates, so only its callers
// change; `<Dog as Animal>::names()` is the trait's and stays as it is.
trait Animal {
    fn names() -> KVec<u8>;
}

struct Dog;

impl Dog {
    fn names() -> Result<KVec<u8>> {
        let mut v = KVec::new();
        v.push(2, GFP_KERNEL)?;
        Ok(v)
    }
}

impl Animal for Dog {
    fn names() -> KVec<u8> {
        KVec::new()
    }
}

fn first() -> Result<usize> {
    Ok(Dog::names()?.len())
}

fn second() -> usize {
    <Dog as Animal>::names().len()
}
