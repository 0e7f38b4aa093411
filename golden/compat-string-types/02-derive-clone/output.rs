#[derive(Debug, Clone, PartialEq)]
struct Entry {
    key: KString,
    value: u32,
}

#[derive(Clone, Copy)]
struct View<'a> {
    key: &'a KString,
}

#[derive(Clone)]
enum Token {
    Word(KString),
    Number(i64),
}

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct Key {
    name: KString,
}
