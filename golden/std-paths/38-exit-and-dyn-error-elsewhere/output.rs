// `std::process::exit` in main and `dyn std::error::Error` are reported (or ported)
// by module-entry and check-dyn-error; elsewhere they are std-paths' to report.
fn main() {
    std::process::exit(0);
}

fn quit() {
    std::process::exit(1);
}

fn run(f: &dyn Fn()) -> Result<(), Box<dyn std::error::Error>> {
    let _ = || std::process::exit(2);
    fn src(e: &impl std::error::Error) {}
    Ok(())
}
