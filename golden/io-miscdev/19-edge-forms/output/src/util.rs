pub fn tick() {}
