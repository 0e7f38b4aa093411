struct A {
    v: KVec<u8>,
}
struct B;

impl A {
    fn put(&mut self, x: u8) -> Result {
        self.v.push(x, GFP_KERNEL)?;
        Ok(())
    }
}

impl B {
    fn put(&mut self, x: u8) {}
}

fn typed_by_loop(items: &mut [A]) -> Result {
    for a in items.iter_mut() {
        a.put(1)?;
    }
    Ok(())
}

fn generic<T: Putter>(x: u8, a: &mut A, g: &mut T) -> Result {
    // `g`'s type is a type parameter: the name alone decides, and two types have `put`.
    g.put(x);
    a.put(0)?;
    Ok(())
}

fn more(items: &mut [A]) -> Result {
    items[0].put(2)?;
    items[1].put(3)?;
    Ok(())
}

mod shadow {
    fn helper(v: &mut KVec<u8>) -> Result {
        v.push(1, GFP_KERNEL)?;
        Ok(())
    }

    fn caller(v: &mut KVec<u8>) {
        fn helper(_v: &mut KVec<u8>) {}
        helper(v);
    }

    fn other(v: &mut KVec<u8>) -> Result {
        helper(v)?;
        Ok(())
    }
}
