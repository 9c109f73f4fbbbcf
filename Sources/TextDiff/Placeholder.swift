enum PlaceholderTextDiff {}
