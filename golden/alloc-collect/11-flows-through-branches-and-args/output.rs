struct Graph {
    nodes: Vec<u32>,
}

impl Graph {
    fn new(nodes: Vec<u32>, name: &str) -> Graph {
        let _ = name;
        Graph { nodes }
    }

    fn add(&mut self, extra: Vec<u32>) {
        self.nodes.extend_from_slice(&extra);
    }
}

fn check(expected: Vec<u32>) -> usize {
    expected.len()
}

fn find(n: u32, flag: bool) -> Result<Option<Vec<u32>>, ()> {
    let keys: Vec<u32> = if flag { (0..n).rev().try_collect(GFP_KERNEL)? } else { (0..n).try_collect(GFP_KERNEL)? };
    let mut g = Graph::new((0..n).try_collect(GFP_KERNEL)?, "g");
    g.add((0..2).try_collect(GFP_KERNEL)?);
    Graph::add(&mut g, (0..3).try_collect(GFP_KERNEL)?);
    check((0..n).filter(|x| x % 2 == 0).try_collect(GFP_KERNEL)?);
    if keys.is_empty() {
        return Ok(None);
    }
    match n {
        0 => Ok(Some(Vec::new())),
        _ => Ok(Some(keys.iter().map(|k| k + 1).try_collect(GFP_KERNEL)?)),
    }
}
