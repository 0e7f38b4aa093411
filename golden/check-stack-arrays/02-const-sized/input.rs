const SECTOR: usize = 512;
const SECTORS: usize = 8;

fn copy() -> usize {
    let block = [0u8; SECTOR * SECTORS];
    let grid = [[0u16; 64]; 64];
    block.len() + grid.len()
}
