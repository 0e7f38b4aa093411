struct Grid {
    cells: KVec<u8>,
}

impl Grid {
    fn with_size(n: usize) -> Result<Grid> {
        let mut cells = KVec::with_capacity(n, GFP_KERNEL)?;
        for _ in 0..n {
            cells.push(0, GFP_KERNEL)?;
        }
        Ok(Grid { cells })
    }

    fn square(n: usize) -> Result<Self> {
        Ok(Self::with_size(n * n)?)
    }
}

fn build() -> Result<Grid> {
    let g = Grid::square(3)?;
    Ok(g)
}
