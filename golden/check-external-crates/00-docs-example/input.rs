use rand::Rng;

fn roll() -> u32 {
    rand::thread_rng().gen_range(1..7)
}
