struct User { name: String, tags: Vec<String> }
