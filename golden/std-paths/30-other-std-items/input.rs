use std::borrow::{Borrow, Cow};
use std::error::Error;
use std::hash::{Hash, Hasher, DefaultHasher};

fn f() -> Result<(), Box<dyn std::error::Error>> {
    let _ = std::panic::catch_unwind(|| {});
    let _ = std::foo::bar();
    Ok(())
}
