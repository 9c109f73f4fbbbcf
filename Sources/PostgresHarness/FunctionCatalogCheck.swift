extension PostgresCluster {
  /// Checks declared functions against the catalog: for each `(regprocedure, result)`, that
  /// `to_regprocedure` finds the function with those argument types and that it returns
  /// `result`. Returns one line per declaration that does not hold, empty when all do.
  ///
  /// ```swift
  /// try cluster.functionDeclarationProblems([(lower.declaration.regprocedure, "text")])
  /// ```
  public func functionDeclarationProblems(
    _ declarations: [(regprocedure: String, result: String)],
    database: String = PostgresCluster.databaseName
  ) throws -> [String] {
    guard !declarations.isEmpty else { return [] }
    let queries = declarations.map { declaration in
      let literal = "'" + declaration.regprocedure.replacingOccurrences(of: "'", with: "''") + "'"
      return
        "SELECT coalesce((SELECT format_type(p.prorettype, NULL) FROM pg_catalog.pg_proc p WHERE p.oid = pg_catalog.to_regprocedure(\(literal))), '-');"
    }
    let found = try psql(queries.joined(separator: "\n"), database: database)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return zip(declarations, found).compactMap { declaration, result in
      if result == "-" {
        return "\(declaration.regprocedure): PostgreSQL has no function with these argument types"
      }
      guard result == declaration.result else {
        return
          "\(declaration.regprocedure): PostgreSQL's returns \(result), not \(declaration.result)"
      }
      return nil
    }
  }
}
