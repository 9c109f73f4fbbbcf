import SQLBuilder

/// The base tables' declarations checked on their own, before any file is generated: each
/// problem named by the table and the declaration (`base table public.calls, Calls.fact`), once.
/// The strategies' objects inline the declarations, and would name a problem once per object.
public enum SourceDeclarations {
  /// The problems of `S`'s declarations: the query each `fact` makes of its base table
  /// (`SELECT … FROM calls c LEFT JOIN locations l …`), and each `row` of the rows a test writes.
  public static func diagnostics<S: SourceSchema>(_: S.Type = SourceTables.self)
    -> [SQLDiagnostic]
  {
    check(S.Calls.self) + check(S.Orders.self) + check(S.Reservations.self)
  }

  /// Throws the problems of `S`'s declarations, if any.
  public static func check<S: SourceSchema>(_: S.Type = SourceTables.self)
    throws(SQLGenerationError)
  {
    let found = diagnostics(S.self)
    guard found.isEmpty else { throw SQLGenerationError(diagnostics: found) }
  }

  static func check<T: FactTable>(_: T.Type) -> [SQLDiagnostic] {
    let table = "base table \(T.qualifiedName.rendered)"
    let row = Select(T.self) { q, out in T.row(q.from(T.Fact.Written.self, as: "w"), out) }
    return SQLBuilder.diagnostics(of: FactSources.view(T.self), as: "\(table), \(T.self).fact")
      + SQLBuilder.diagnostics(of: row, as: "\(table), \(T.self).row")
  }
}
