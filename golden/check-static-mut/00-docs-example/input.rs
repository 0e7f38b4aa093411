static mut OPENS: u32 = 0;

fn open() {
    unsafe { OPENS += 1 };
}
