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

  /// A call of a declared function and the result type it assumes.
  public struct Call: Hashable, Sendable {
    /// The function called.
    public let function: QualifiedName
    /// The result type the call is typed with.
    public let returns: String
    /// The object whose SQL makes the call.
    public let calledBy: String
  }

  /// The functions the statements create, with what they return.
  public var functions: [QualifiedName: String] = [:]
  /// Every call in named notation, in order.
  public var calls: [Call] = []
}

/// Rules across statements and files: a concurrent refresh needs a usable unique index on its
/// view, and a call in named notation is typed as the function it calls is created.
enum CrossStatementRules {
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
    for call in catalogue.calls {
      guard let defined = catalogue.functions[call.function], defined != call.returns else {
        continue
      }
      let diagnostic = SQLDiagnostic(
        object: call.calledBy,
        message:
          "calls \(call.function) as returning \(call.returns), but it is created returning \(defined)"
      )
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    return diagnostics
  }
}
