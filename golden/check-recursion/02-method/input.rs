struct Node {
    kids: [Option<&'static Node>; 2],
}

impl Node {
    fn depth(&self) -> u32 {
        let mut d = 0;
        for k in self.kids.iter().flatten() {
            // FIXME: `k.depth()` recurses through another node; only calls through
            // `self`, `Self::` or the impl's type are recognised, so it is not reported.
            d = d.max(k.depth());
            d = d.max(self.depth_of(k));
        }
        d + 1
    }

    fn depth_of(&self, n: &Node) -> u32 {
        Node::depth_of(self, n)
    }
}
