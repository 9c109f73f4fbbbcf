enum PlaceholderGenSQLCore {}
