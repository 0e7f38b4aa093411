use core::mem;

fn f() -> *const u8 {
    let _ = core::mem::size_of::<u8>();
    core::ptr::null::<u8>()
}
