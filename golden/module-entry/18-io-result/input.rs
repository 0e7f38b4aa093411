use std::io;

fn main() -> io::Result<()> {
    run()
}
