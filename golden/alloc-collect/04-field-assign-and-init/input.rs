struct Deck {
    cards: Vec<u8>,
    name: String,
}

impl Deck {
    fn new() -> Self {
        Self { cards: (1..=52).collect(), name: "std".chars().collect() }
    }

    fn reset(&mut self) {
        self.cards = (1..=52).rev().collect();
    }
}

fn other() -> Deck {
    Deck { cards: (0..4).collect(), name: String::new() }
}
