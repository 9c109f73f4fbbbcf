/// `CREATE MATERIALIZED VIEW name AS query [WITH NO DATA];`
public struct CreateMaterializedView<View: Relation>: SQLStatement {
  let query: Select<View>
  let withData: Bool

  /// A materialized view whose rows are `query`'s and whose columns `View` declares.
  public init(_ view: View.Type = View.self, withData: Bool = true, as query: () -> Select<View>) {
    self.query = query()
    self.withData = withData
  }

  public func render(into w: inout SQLWriter) {
    w.line("CREATE MATERIALIZED VIEW \(w.name(View.qualifiedName)) AS")
    query.statement.render(into: &w)
    w.append(withData ? ";" : "")
    if !withData { w.line("WITH NO DATA;") }
  }
}

extension CreateMaterializedView: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("materialized view \(View.qualifiedName)") { v in
      v.catalogue.views.insert(View.qualifiedName)
      v.catalogue.defineRelation(View.qualifiedName, as: "materialized view")
      v.name(View.qualifiedName)
      QueryRules.check(query.statement, in: &v)
    }
  }
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name;`, as a statement or in a function body.
///
/// A concurrent refresh needs a unique index on plain columns without WHERE; generation fails
/// when the scripts define none for the view.
public struct RefreshMaterializedView<View: Relation>: SQLStatement {
  let concurrently: Bool

  /// Refreshes `View`; `concurrently` keeps readers unblocked.
  public init(_ view: View.Type, concurrently: Bool) { self.concurrently = concurrently }

  public func render(into writer: inout SQLWriter) {
    MaterializedViewRefresh(view: View.qualifiedName, concurrently: concurrently)
      .render(into: &writer)
  }
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name;` for a view known by name, as a migration
/// plans it.
struct MaterializedViewRefresh: SQLStatement {
  let view: QualifiedName
  let concurrently: Bool

  func render(into writer: inout SQLWriter) {
    let mode = concurrently ? "CONCURRENTLY " : ""
    writer.line("REFRESH MATERIALIZED VIEW \(mode)\(writer.name(view));")
  }
}

extension RefreshMaterializedView: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.name(View.qualifiedName)
    if concurrently {
      validator.catalogue.concurrentRefreshes.append(
        .init(view: View.qualifiedName, requestedBy: validator.context))
    }
  }
}
