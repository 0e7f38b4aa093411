// The value an entry gives is typed from the map: an inner map's `insert` is fallible too,
// on the first run as on a second.

fn edges(list: &[(u32, u32, u64)]) -> Map<u32, Map<u32, u64>> {
    let mut map: Map<u32, Map<u32, u64>> = Map::new();
    for (u, v, w) in list {
        map.entry(*u).or_default(GFP_KERNEL)?.insert(*v, *w, GFP_KERNEL)?;
        map.entry(*v).or_insert_with(Map::new, GFP_KERNEL)?.insert(*u, *w, GFP_KERNEL)?;
    }
    map
}
