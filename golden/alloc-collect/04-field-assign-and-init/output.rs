struct Deck {
    cards: Vec<u8>,
    name: String,
}

impl Deck {
    fn new() -> Self {
        Self { cards: (1..=52).try_collect(GFP_KERNEL)?, name: "std".chars().collect() }
    }

    fn reset(&mut self) {
        self.cards = (1..=52).rev().try_collect(GFP_KERNEL)?;
    }
}

fn other() -> Deck {
    Deck { cards: (0..4).try_collect(GFP_KERNEL)?, name: String::new() }
}
