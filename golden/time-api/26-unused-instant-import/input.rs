use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(5);
