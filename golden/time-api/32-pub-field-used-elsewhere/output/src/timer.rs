use std::time::Instant;

pub struct Timer {
    pub started: Instant,
}

impl Timer {
    pub fn start() -> Timer {
        Timer { started: Instant::now() }
    }
}
