// Correct kernel code that uses the same method names as std: nothing to report.
use kernel::prelude::*;
use kernel::rbtree::{Entry, RBTree, RBTreeNodeReservation};
use kernel::str::CString;

fn count(out: &mut KVec<u32>, tree: &mut RBTree<u32, u32>, name: &CString, key: u32) -> Result {
    out.push(1, GFP_KERNEL)?;
    KVec::push(out, 2, GFP_KERNEL)?;
    out.reserve(4, GFP_KERNEL)?;
    match tree.entry(key) {
        Entry::Occupied(mut o) => *o.get_mut() += 1,
        Entry::Vacant(v) => {
            v.insert(1, RBTreeNodeReservation::new(GFP_KERNEL)?);
        }
    }
    tree.try_create_and_insert(key + 1, 0, GFP_KERNEL)?;
    let lower = name.to_ascii_lowercase()?;
    pr_info!("{}\n", &*lower);
    Ok(())
}

fn bytes(b: u8, c: char, buf: &mut [u8; 8]) -> bool {
    let lb = b.to_ascii_lowercase();
    let uc = c.to_ascii_uppercase();
    buf.make_ascii_lowercase();
    let same = "Abc".eq_ignore_ascii_case("aBC");
    let mut slot = Some(1u8);
    let old = slot.replace(2);
    let prev = core::mem::replace(&mut buf[0], lb);
    same && old == Some(1) && prev == 0 && uc == 'A'
}
