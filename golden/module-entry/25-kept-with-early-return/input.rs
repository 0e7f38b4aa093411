fn main() {
    if quiet() {
        return;
    }
    let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
}
