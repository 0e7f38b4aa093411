use std::time::Duration;

struct Config {
    timeout: Duration,
}

fn longer(c: &Config) -> bool {
    c.timeout > Duration::from_secs(3) && c.timeout.as_millis() % 2 == 0
}
