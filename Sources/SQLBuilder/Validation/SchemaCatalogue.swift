/// What the rendered statements define and request, for rules that span statements and files.
public struct SchemaCatalogue: Sendable {
  /// A concurrent refresh and the object that asks for it.
  public struct ConcurrentRefresh: Hashable, Sendable {
    /// The refreshed view.
    public let view: QualifiedName
    /// The function, cron job or script that refreshes it.
    public let requestedBy: String
  }

  /// Materialized views created.
  public var views: Set<QualifiedName> = []
  /// Relations with a unique index that `REFRESH … CONCURRENTLY` can use.
  public var uniqueIndexes: Set<QualifiedName> = []
  /// Every concurrent refresh, in order.
  public var concurrentRefreshes: [ConcurrentRefresh] = []
}

/// Rules across statements: a concurrent refresh needs a usable unique index on its view.
enum RefreshRules {
  static func check(_ catalogue: SchemaCatalogue) -> [SQLDiagnostic] {
    var diagnostics: [SQLDiagnostic] = []
    for refresh in catalogue.concurrentRefreshes
    where !catalogue.uniqueIndexes.contains(refresh.view) {
      let diagnostic = SQLDiagnostic(
        object: refresh.requestedBy,
        message:
          "REFRESH MATERIALIZED VIEW CONCURRENTLY \(refresh.view) needs a unique index on plain columns without WHERE; none is defined"
      )
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    return diagnostics
  }
}
