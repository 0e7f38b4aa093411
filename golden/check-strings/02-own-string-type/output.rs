mod text {
    pub struct String {
        pub bytes: [u8; 16],
    }
}

use text::String;

fn label(s: &String) -> usize {
    s.bytes.len()
}
