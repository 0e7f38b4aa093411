fn main() {
    let moves: u32 = 0;
    pr_info!("ready\n");
    let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;
    let _guard: Guard = Guard::new();
    let _ = drop_now();
}
