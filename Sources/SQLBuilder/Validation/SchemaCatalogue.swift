/// What the rendered statements define and request, for rules that span statements and files.
package struct SchemaCatalogue: Sendable {
  /// A concurrent refresh and the object that asks for it.
  package struct ConcurrentRefresh: Hashable, Sendable {
    /// The refreshed view.
    package let view: QualifiedName
    /// The function, cron job or script that refreshes it.
    package let requestedBy: String
  }

  /// Materialized views created.
  package var views: Set<QualifiedName> = []
  /// Relations with a unique index that `REFRESH … CONCURRENTLY` can use.
  package var uniqueIndexes: Set<QualifiedName> = []
  /// Every concurrent refresh, in order.
  package var concurrentRefreshes: [ConcurrentRefresh] = []

  /// A call of a declared function and the result type it assumes.
  package struct Call: Hashable, Sendable {
    /// The function called.
    package let function: QualifiedName
    /// The arguments passed, by name, with their types.
    package let arguments: [Parameter]
    /// The result type the call is typed with.
    package let returns: String
    /// The object whose SQL makes the call.
    package let calledBy: String
  }

  /// The functions the statements create, with what they return.
  package var functions: [QualifiedName: String] = [:]

  /// A parameter, or an argument passed to one: its name and type.
  package struct Parameter: Hashable, Sendable {
    package let name: String
    package let type: String
    package var hasDefault = false
  }

  /// A function the statements create: its signature, parameters and result.
  package struct CreatedFunction: Hashable, Sendable {
    package let signature: FunctionSignature
    package let parameters: [Parameter]
    package let returns: String
  }

  /// The objects whose privileges are revoked from `anon` and `authenticated` (`TABLE name`,
  /// `FUNCTION signature`).
  package var revokedFromAPIRoles: Set<String> = []

  /// Every function created, overloads included, in order.
  package var createdFunctions: [CreatedFunction] = []
  /// Which of `new` and `old` each trigger function created reads or assigns.
  package var triggerRecords: [QualifiedName: Set<String>] = [:]

  /// A trigger created, and what its function must be and may read.
  package struct TriggerUse: Hashable, Sendable {
    package let trigger: String
    package let function: QualifiedName
    package let level: TriggerLevel
    package let events: Set<TriggerEvent>
  }

  /// Every trigger created, in order.
  package var triggers: [TriggerUse] = []

  /// Every call in named notation, in order.
  package var calls: [Call] = []

  /// Tables created, with the column sets of their primary key, unique constraints and unique
  /// indexes without WHERE.
  package var uniqueKeys: [QualifiedName: [Set<String>]] = [:]

  /// An `ON CONFLICT (columns)` and the INSERT that has it.
  package struct ConflictTarget: Hashable, Sendable {
    package let table: QualifiedName
    package let columns: Set<String>
    /// The unique keys the relation's declaration lists, for a table the scripts do not create.
    package let declaredKeys: [Set<String>]
    package let insert: String
  }

  /// Every ON CONFLICT target, in order.
  package var conflictTargets: [ConflictTarget] = []

  /// Every relation created (table, view, materialized view, index) with what created it, in
  /// order: one schema holds one relation of a name.
  package private(set) var relationDefinitions: [(name: QualifiedName, kind: String)] = []

  /// Records that a statement creates relation `name`, a `kind`.
  package mutating func defineRelation(_ name: QualifiedName, as kind: String) {
    relationDefinitions.append((name, kind))
  }
}

/// Rules across statements and files: a concurrent refresh needs a usable unique index on its
/// view, a call in named notation is typed as the function it calls is created, and ON
/// CONFLICT names a unique key of a table the scripts create.
enum CrossStatementRules {
  enum Finding: SQLFinding, Hashable {
    case concurrentRefreshWithoutUniqueIndex(view: QualifiedName)
    case callReturnsOtherType(function: QualifiedName, assumed: String, created: String)
    case conflictTargetNotUnique(columns: [String], table: QualifiedName)
    case conflictTargetUndeclared(columns: [String], table: QualifiedName)

    var message: String {
      switch self {
      case .concurrentRefreshWithoutUniqueIndex(let view):
        return
          "REFRESH MATERIALIZED VIEW CONCURRENTLY \(view) needs a unique index on plain columns without WHERE; none is defined"
      case .callReturnsOtherType(let function, let assumed, let created):
        return "calls \(function) as returning \(assumed), but it is created returning \(created)"
      case .conflictTargetNotUnique(let columns, let table):
        return
          "ON CONFLICT (\(columns.joined(separator: ", "))) matches no primary key, unique constraint or unique index of \(table)"
      case .conflictTargetUndeclared(let columns, let table):
        return
          "ON CONFLICT (\(columns.joined(separator: ", "))) on \(table), which the scripts do not create and whose declaration lists no unique key; declare them (static var uniqueKeys)"
      }
    }
  }

  static func check(_ catalogue: SchemaCatalogue) -> [SQLDiagnostic] {
    var diagnostics: [SQLDiagnostic] = []
    for refresh in catalogue.concurrentRefreshes
    where !catalogue.uniqueIndexes.contains(refresh.view) {
      let diagnostic = SQLDiagnostic(
        object: refresh.requestedBy,
        finding: Finding.concurrentRefreshWithoutUniqueIndex(view: refresh.view))
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for call in catalogue.calls {
      let candidates = OverloadRules.candidates(for: call, in: catalogue.createdFunctions)
      if candidates.count > 1 {
        let finding = OverloadRules.Finding.ambiguousCall(candidates.map(\.signature))
        let diagnostic = SQLDiagnostic(object: call.calledBy, finding: finding)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
        continue
      }
      guard let defined = candidates.first?.returns ?? catalogue.functions[call.function],
        defined != call.returns
      else { continue }
      let diagnostic = SQLDiagnostic(
        object: call.calledBy,
        finding: Finding.callReturnsOtherType(
          function: call.function, assumed: call.returns, created: defined))
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for target in catalogue.conflictTargets where !target.columns.isEmpty {
      let created = catalogue.uniqueKeys[target.table]
      let keys = created ?? target.declaredKeys
      guard !keys.contains(target.columns) else { continue }
      let columns = target.columns.sorted()
      let diagnostic = SQLDiagnostic(
        object: target.insert,
        finding: created != nil || !keys.isEmpty
          ? Finding.conflictTargetNotUnique(columns: columns, table: target.table)
          : Finding.conflictTargetUndeclared(columns: columns, table: target.table))
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for (object, finding) in PrivilegeRules.check(catalogue) {
      let diagnostic = SQLDiagnostic(object: object, finding: finding)
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for finding in OverloadRules.check(catalogue.createdFunctions) {
      let diagnostic = SQLDiagnostic(object: "function \(finding.function)", finding: finding)
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for finding in NamespaceRules.check(catalogue.relationDefinitions) {
      let diagnostic = SQLDiagnostic(object: "relation \(finding.name)", finding: finding)
      if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
    for use in catalogue.triggers {
      for finding in TriggerRules.check(use, catalogue) {
        let diagnostic = SQLDiagnostic(object: "trigger \(use.trigger)", finding: finding)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
      }
    }
    return diagnostics
  }
}
