struct User { name: KString, tags: Vec<KString> }
