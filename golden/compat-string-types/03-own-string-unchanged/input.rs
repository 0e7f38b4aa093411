// A file with its own `String` type: not the std one.
struct String {
    bytes: [u8; 16],
}

fn make() -> String {
    String { bytes: [0; 16] }
}
