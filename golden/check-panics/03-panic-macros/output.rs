enum State {
    Idle,
    Busy,
    Gone,
}

fn step(s: State) -> u32 {
    match s {
        State::Idle => todo!(),
        State::Busy => unimplemented!("busy"),
        State::Gone => unreachable!(),
    }
}

fn fail() {
    panic!("cannot continue");
}

fn qualified() {
    core::panic!("qualified");
}
