// Already kernel code: the kernel's own tree is left as it is.
use kernel::prelude::*;
use kernel::rbtree::RBTree;

struct Registry {
    by_id: RBTree<u32, u64>,
}

impl Registry {
    fn add(&mut self, id: u32, v: u64) -> Result {
        self.by_id.try_create_and_insert(id, v, GFP_KERNEL)?;
        Ok(())
    }
}
