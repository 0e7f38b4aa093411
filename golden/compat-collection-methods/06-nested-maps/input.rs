// The value an entry gives is typed from the map: an inner map's `insert` is fallible too,
// on the first run as on a second.
use std::collections::HashMap;

fn edges(list: &[(u32, u32, u64)]) -> HashMap<u32, HashMap<u32, u64>> {
    let mut map: HashMap<u32, HashMap<u32, u64>> = HashMap::new();
    for (u, v, w) in list {
        map.entry(*u).or_default().insert(*v, *w);
        map.entry(*v).or_insert_with(HashMap::new).insert(*u, *w);
    }
    map
}
