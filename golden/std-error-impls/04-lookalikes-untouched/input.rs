// None of these is std's error trait.
trait Error {}

struct A;
struct B;
struct C;

impl Error for A {}

impl core::error::Error for B {}

mod kernelish {
    use kernel::error::Error;

    pub struct D;

    impl From<D> for Error {
        fn from(_: D) -> Self {
            EINVAL
        }
    }
}

mod other {
    // The std import is in another module: `Error` here is this module's own.
    mod deep {
        use std::error::Error;
        fn f(_: &dyn Error) {}
    }

    pub trait Error {}

    impl Error for super::C {}
}
