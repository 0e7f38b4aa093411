use std::time::Duration;

const TICK: Duration = Duration::from_millis(5);
