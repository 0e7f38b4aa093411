fn main() {
    let _miscdev = miscdev::register(Session {})?;
}
