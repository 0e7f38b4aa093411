trait Error {
    fn code(&self) -> i32;
}

fn report(e: &dyn Error) -> i32 {
    e.code()
}

fn fails() -> Result<(), kernel::error::Error> {
    Err(EINVAL)
}
