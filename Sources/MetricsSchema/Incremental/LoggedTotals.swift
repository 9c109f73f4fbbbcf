import SQLBuilder

/// `private.metrics_logged_totals`: what the change logs hold, per key, as a catch-up adds it:
/// each logged row dated under the applied attribution and counted by its sign. A view, so a
/// catch-up in pg_cron's fresh session reads it already parsed and resolved.
struct MetricsLoggedTotals: ShapedRelation {
  typealias Shape = DailyTotals
  static let qualifiedName = QualifiedName("private", "metrics_logged_totals")
}

/// `taken_calls AS (DELETE FROM private.metrics_call_changes x)`: `T`'s log emptied in the
/// statement that reads it (through ``MetricsLoggedTotals``), under the same snapshot, so the
/// statement adds exactly the rows it deletes.
struct TakenLog<T: FactTable>: CommonTable {
  static var qualifiedName: QualifiedName { QualifiedName("taken_\(T.qualifiedName.name)") }
}

extension IncrementalMachinery {
  /// `CREATE VIEW private.metrics_logged_totals WITH (security_invoker = true) AS …`.
  static var loggedTotalsView: CreateView<MetricsLoggedTotals> {
    CreateView(MetricsLoggedTotals.self, securityInvoker: true) { CatchUp<S>.loggedTotals }
  }
}
