struct Rectangle {
    width: u32,
    height: u32,
}

fn by_width(list: &mut [Rectangle]) {
    list.stable_sort_by_key(|r| r.width);
}
