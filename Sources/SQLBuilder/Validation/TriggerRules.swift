/// Rules on triggers: those PostgreSQL enforces when the trigger is created, and those it never
/// checks: the function returns `trigger`, and reads `NEW` or `OLD` only where they hold a row.
enum TriggerRules {
  /// A trigger whose function cannot do what it says.
  enum Finding: SQLFinding, Hashable {
    /// The function the trigger executes does not return `trigger`.
    case functionDoesNotReturnTrigger(function: QualifiedName, returns: String)
    /// A statement-level trigger's function reads or assigns `NEW` or `OLD`, which do not exist
    /// there: an assignment does nothing, a read is NULL.
    case recordInStatementTrigger(record: String, function: QualifiedName)
    /// A row-level trigger's function reads or assigns a record that none of its events fills:
    /// `NEW` in a DELETE trigger, `OLD` in an INSERT trigger.
    case recordNeverFilled(record: String, function: QualifiedName, events: [String])
    /// CREATE TRIGGER combinations PostgreSQL refuses.
    case noEvent
    case rowLevelTruncate
    case insteadOfStatement
    case transitionTablesNotAfter
    case transitionTablesOnSeveralRowEvents
    case transitionTablesOnTruncate
    case newTableWithoutInsertOrUpdate
    case oldTableWithoutDeleteOrUpdate

    var message: String {
      switch self {
      case .functionDoesNotReturnTrigger(let function, let returns):
        return "executes \(function), which returns \(returns), not trigger"
      case .recordInStatementTrigger(let record, let function):
        return
          "fires FOR EACH STATEMENT, where \(record.uppercased()) does not exist, but \(function) reads or assigns it; fire it FOR EACH ROW or use transition tables"
      case .noEvent: return "a trigger needs at least one event"
      case .rowLevelTruncate: return "TRUNCATE triggers fire FOR EACH STATEMENT only"
      case .insteadOfStatement: return "INSTEAD OF triggers fire FOR EACH ROW only"
      case .transitionTablesNotAfter: return "transition tables need an AFTER trigger"
      case .transitionTablesOnSeveralRowEvents:
        return "a row trigger with transition tables may have only one event"
      case .transitionTablesOnTruncate: return "TRUNCATE triggers cannot have transition tables"
      case .newTableWithoutInsertOrUpdate: return "NEW TABLE needs an INSERT or UPDATE event"
      case .oldTableWithoutDeleteOrUpdate: return "OLD TABLE needs a DELETE or UPDATE event"
      case .recordNeverFilled(let record, let function, let events):
        return
          "fires on \(events.joined(separator: " OR ")), where \(record.uppercased()) is NULL, but \(function) reads or assigns it"
      }
    }
  }

  /// The rules across statements for one trigger, once every function is known.
  static func check(_ use: SchemaCatalogue.TriggerUse, _ catalogue: SchemaCatalogue) -> [Finding] {
    var findings: [Finding] = []
    if let returns = catalogue.functions[use.function], returns != "trigger" {
      findings.append(.functionDoesNotReturnTrigger(function: use.function, returns: returns))
    }
    let records = catalogue.triggerRecords[use.function] ?? []
    for record in records.sorted() {
      if use.level == .statement {
        findings.append(.recordInStatementTrigger(record: record, function: use.function))
        continue
      }
      let fills: Set<TriggerEvent> = record == "new" ? [.insert, .update] : [.update, .delete]
      if use.events.isDisjoint(with: fills) {
        let events = TriggerEvent.allCases.filter(use.events.contains).map(\.rawValue)
        findings.append(
          .recordNeverFilled(record: record, function: use.function, events: events))
      }
    }
    return findings
  }

  static func check(
    _ timing: TriggerTiming, _ events: [TriggerEvent], _ level: TriggerLevel,
    _ transitions: [TransitionTableName], in writer: inout SQLValidator
  ) {
    if events.isEmpty { writer.report(Finding.noEvent) }
    if events.contains(.truncate) && level == .row {
      writer.report(Finding.rowLevelTruncate)
    }
    if timing == .insteadOf && level == .statement {
      writer.report(Finding.insteadOfStatement)
    }
    guard !transitions.isEmpty else { return }
    if timing != .after { writer.report(Finding.transitionTablesNotAfter) }
    if events.count > 1 && level == .row {
      writer.report(Finding.transitionTablesOnSeveralRowEvents)
    }
    if events.contains(.truncate) {
      writer.report(Finding.transitionTablesOnTruncate)
    }
    let hasNew = transitions.contains { $0.keyword.hasPrefix("NEW") }
    let hasOld = transitions.contains { $0.keyword.hasPrefix("OLD") }
    if hasNew && !events.contains(.insert) && !events.contains(.update) {
      writer.report(Finding.newTableWithoutInsertOrUpdate)
    }
    if hasOld && !events.contains(.delete) && !events.contains(.update) {
      writer.report(Finding.oldTableWithoutDeleteOrUpdate)
    }
  }
}
