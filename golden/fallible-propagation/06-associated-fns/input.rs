struct Grid {
    cells: KVec<u8>,
}

impl Grid {
    fn with_size(n: usize) -> Grid {
        let mut cells = KVec::with_capacity(n, GFP_KERNEL)?;
        for _ in 0..n {
            cells.push(0, GFP_KERNEL)?;
        }
        Grid { cells }
    }

    fn square(n: usize) -> Self {
        Self::with_size(n * n)
    }
}

fn build() -> Grid {
    let g = Grid::square(3);
    g
}
