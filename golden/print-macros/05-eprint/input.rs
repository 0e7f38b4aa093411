fn warn() {
    eprint!("warning: ");
    eprintln!("disk almost full");
}
